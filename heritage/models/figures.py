"""The figures page (the recovered heritage in numbers) and what curators decide about it."""

import io

from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.models import BasePage
from core.spreadsheets import safe_writer


@register_setting(icon="table")
class CatalogFiguresSettings(BaseSiteSetting):
    count_restricted_in_totals = models.BooleanField(
        _("count restricted pieces in the total"),
        default=False,
        help_text=_(
            "Restricted pieces are never shown nor broken down; when ticked, the figures page "
            "adds their number to the total of recovered pieces (and says so)."
        ),
    )

    class Meta:
        verbose_name = _("catalog figures")


class FiguresPage(RoutablePageMixin, BasePage):
    """/es/cifras/: charts (server-drawn SVG) with their data tables, and the data as CSV."""

    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("figures page")

    def _figures(self, request) -> dict:
        from heritage.figures import catalog_figures

        allowed = CatalogFiguresSettings.for_request(request).count_restricted_in_totals
        return catalog_figures(count_restricted=allowed)

    @path("")
    def figures(self, request):
        from heritage.figures import CHART_TITLES

        figures = self._figures(request)
        charts = [
            {"name": name, "title": CHART_TITLES[name], "rows": rows}
            for name, rows in figures["charts"].items()
        ]
        from heritage.selectors import catalog_path

        return self.render(
            request,
            context_overrides={
                "figures": figures,
                "charts": charts,
                "catalog_url": catalog_path(request),
            },
        )

    @path("csv/", name="figures-csv")
    def figures_csv(self, request):
        figures = self._figures(request)
        out = io.StringIO()
        writer = safe_writer(out)
        writer.writerow(["chart", "code", "label", "pieces", "share_percent"])
        for name, rows in figures["charts"].items():
            for row in rows:
                writer.writerow([name, row["code"], row["label"], row["count"], row["share"]])
        writer.writerow(["total", "", "", figures["total"], ""])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="retorno-cifras.csv"'
        return response
