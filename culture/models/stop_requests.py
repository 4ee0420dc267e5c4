"""“Bring the mobile consulate to my community”: a public request for a stop (place, services
needed, languages, number of people, an optional contact), guarded as the consultations are
(privacy consent, a honeypot, a rate limit per client: culture.models.community)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.i18n import title_row, translated_row, translated_sections
from core.models import BasePage
from culture.models.vocabularies import ProgramLanguage, Service


class StopRequestPage(BasePage):
    """The form, under the directory or the mobile consulate's page."""

    parent_page_types = ["culture.DirectoryPage", "culture.MobileConsulatePage"]
    subpage_types: list[str] = []
    max_count = 1
    reader_fields = ("title", "intro", "privacy_notice", "thank_you_text")

    privacy_notice = models.TextField(
        _("privacy notice"),
        help_text=_("What is collected, what for, who reads it and how long it is kept."),
    )
    thank_you_text = models.TextField(_("thank-you message"), blank=True)

    content_panels = [
        title_row(_("Title")),
        translated_row("intro", _("Introduction")),
        *translated_sections("privacy_notice", _("Privacy notice")),
        *translated_sections("thank_you_text", _("Thank-you message")),
        *translated_sections("body", _("Body")),
    ]

    class Meta:
        verbose_name = _("stop request page")

    def serve(self, request, *args, **kwargs):
        from culture.stop_requests import stop_request_view

        return stop_request_view(request, page=self)


class StopRequest(models.Model):
    """One community's request. Only what the form asks is kept: no address of the client."""

    postal_code = models.CharField(_("postal code"), max_length=20, blank=True, db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    state = models.CharField(_("state"), max_length=60, blank=True)
    services = models.ManyToManyField(Service, verbose_name=_("services needed"), blank=True)
    languages = models.ManyToManyField(
        ProgramLanguage, verbose_name=_("languages"), blank=True, related_name="stop_requests"
    )
    people = models.PositiveIntegerField(
        _("number of people"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    contact = models.CharField(
        _("contact (optional)"), max_length=255, blank=True,
        help_text=_("A phone number or an email address, if you want us to write back."),
    )  # fmt: skip
    language = models.CharField(_("language of the request"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    panels = [
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city"), FieldPanel("state")]),
        FieldPanel("services"),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("people"), FieldPanel("contact")]),
    ]

    class Meta:
        verbose_name = _("stop request")
        verbose_name_plural = _("stop requests")
        ordering = ["postal_code", "city", "-created_at"]

    def __str__(self) -> str:
        return f"{self.place} ({self.people})"

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.postal_code, self.city, self.state) if part)

    @property
    def service_names(self) -> str:
        return ", ".join(str(service) for service in self.services.all())

    @property
    def language_names(self) -> str:
        return ", ".join(str(language) for language in self.languages.all())

    def clean(self):
        super().clean()
        if not (self.postal_code.strip() or self.city.strip()):
            raise ValidationError(_("Tell us the postal code or the city."))
