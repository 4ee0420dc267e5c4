from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from core.i18n import translated_row


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu and the footer, edited in Settings › Navigation."""

    footer_text = models.TextField(_("footer text"), blank=True)
    # Pages in a draft language (settings.RETORNO_DRAFT_LANGUAGES) link here so that speakers can
    # suggest corrections: a consultation page, say. A setting, so core names no app's page.
    corrections_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page for translation corrections"),
        help_text=_(
            "Pages in a language whose translation is a draft link here so that readers can "
            "suggest corrections (a consultation, for instance)."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        InlinePanel("main_menu_links", heading=_("Main menu"), label=_("Link")),
        MultiFieldPanel([translated_row("footer_text", _("Footer text"))], heading=_("Footer")),
        InlinePanel("footer_links", heading=_("Footer links"), label=_("Link")),
        PageChooserPanel("corrections_page"),
    ]

    class Meta:
        verbose_name = _("navigation")


class NavigationLink(Orderable):
    label = models.CharField(_("label"), max_length=80)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("external link"), blank=True)

    panels = [
        translated_row("label", _("Label")),
        PageChooserPanel("page"),
        FieldPanel("url"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order"]

    def clean(self):
        super().clean()
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(
                {"url": _("Choose a page or enter an external link (one of the two).")}
            )

    def href(self, request=None) -> str:
        if self.page_id:
            return self.page.get_url(request=request) or ""
        return self.url


class MainMenuLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, related_name="main_menu_links")


class FooterLink(NavigationLink):
    setting = ParentalKey(NavigationSettings, related_name="footer_links")
