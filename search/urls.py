"""Public search pages, under each language's prefix (/es/buscar/piezas/, /en/search/pieces/…)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from search import views

app_name = "search"
PIECES = _("search/pieces/")

urlpatterns = [
    path(_("search/"), views.site, name="site"),
    path(PIECES, views.pieces, name="pieces"),
    path(format_lazy("{}export.csv", PIECES), views.export, {"fmt": "csv"}, name="export-csv"),
    path(format_lazy("{}export.json", PIECES), views.export, {"fmt": "json"}, name="export-json"),
]
