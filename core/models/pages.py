from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock, HomeStreamBlock
from core.forms import AdminPageForm
from core.i18n import title_row, translated_row, translated_sections
from core.models.mixins import IllustrativeMixin, ReaderTranslationMixin


class BasePage(ReaderTranslationMixin, IllustrativeMixin, Page):
    """Shared behaviour of Retorno's pages: translated fields, fallback notice, demo label."""

    # The translated fields a reader sees, in the order the fallback notice names them.
    reader_fields = ("title", "intro", "body")
    base_form_class = AdminPageForm  # many-to-many choices scoped to the user (core/forms.py)

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        title_row(_("Title")),
        translated_row("intro", _("Introduction")),
        *translated_sections("body", _("Body")),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel([FieldPanel("is_illustrative")], heading=_("Demo data")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if self.is_illustrative:
            return _("%(title)s (illustrative)") % {"title": title}
        return title


class HomePage(BasePage):
    """The door of the site: the shared blocks, plus sections the apps provide (core.home) and
    doors for each kind of visitor."""

    # Any page type may sit under the home page; each app's page types say where they belong.
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    body = StreamField(HomeStreamBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(BasePage):
    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
