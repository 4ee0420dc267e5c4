"""Public search pages, under each language's prefix (/es/buscar/, /en/search/…)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from search import views

app_name = "search"
PIECES = _("search/pieces/")

urlpatterns = [
    path(_("search/"), views.site, name="site"),
    # the catalog search's old addresses: the catalog page answers now
    path(PIECES, views.moved_to_catalog, name="pieces"),
    path(format_lazy("{}export.csv", PIECES), views.moved_to_catalog, {"suffix": "export/csv/"}),
    path(format_lazy("{}export.json", PIECES), views.moved_to_catalog, {"suffix": "export/json/"}),
]
