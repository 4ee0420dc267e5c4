"""The public catalog: one routable page serves every piece and case in the reader's language."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from core.models import BasePage

IDENTIFIER = r"[A-Z0-9][A-Z0-9_.-]*"


def piece_route(catalog_number: str) -> str:
    """A piece's path under the catalog page: what `piece_detail` below serves. Every link to
    a piece (pages, API, exports, search, sitemaps, home) is built from this, never by hand."""
    return f"{catalog_number}/"


def case_route(code: str) -> str:
    """A recovery case's path under the catalog page, served by `case_detail` below."""
    return f"cases/{code}/"


class CatalogIndexPage(RoutablePageMixin, BasePage):
    """Routes under the page's translated slug (/es/catalogo/, /en/catalog/): "" the
    researcher's search, "export/csv/", "export/json/" its results, "<catalog number>/" a piece's
    permalink, "cases/" and "cases/<code>/"."""

    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("catalog index page")

    @path("")
    def index(self, request):
        from heritage import views

        return views.catalog_index(request, page=self)

    @re_path(r"^export/(?P<fmt>csv|json)/$")
    def export(self, request, fmt):
        from heritage import views

        return views.catalog_export(request, page=self, fmt=fmt)

    @path("cases/")
    def case_list(self, request):
        from heritage import views

        return views.case_list(request, page=self)

    @re_path(rf"^cases/(?P<code>{IDENTIFIER})/$")
    def case_detail(self, request, code):
        from heritage import views

        return views.case_detail(request, page=self, code=code)

    @re_path(rf"^(?P<catalog_number>{IDENTIFIER})/$")
    def piece_detail(self, request, catalog_number):
        from heritage import views

        return views.piece_detail(request, page=self, catalog_number=catalog_number)
