"""The public Open data page: the dumps' releases and how to reach the catalog by software."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.models import BasePage


class OpenDataPage(BasePage):
    """/es/datos-abiertos/: every release of the dump (files, sizes, checksums, changes) and a
    short guide to the JSON API, OAI-PMH, IIIF and Linked Art, under the data licence."""

    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        from opendata.dumps import release_list_public

        context = super().get_context(request, *args, **kwargs)
        context["releases"] = release_list_public()
        context["data_license"] = settings.RETORNO_DATA_LICENSE
        return context
