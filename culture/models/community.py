"""Pages where the community meets the consulates: the mobile consulate's upcoming stops, and
consultations (forms built by staff) with the published summary of what was heard."""

import logging

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, FormMixin
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.i18n import title_row, translated_row, translated_sections
from core.models import BasePage
from core.public_forms import HONEYPOT, add_consent_and_honeypot, honeypot_filled, rate_limited

logger = logging.getLogger(__name__)

NOT_STORED = (HONEYPOT,)
# The consent box of the forms that ask the community (consultations, stop requests).
CONSENT_LABEL = _("I have read the privacy notice and agree that my answers be used as it says.")


class MobileConsulatePage(RoutablePageMixin, BasePage):
    """The upcoming stops of every published mobile-consulate route, and the next one near the
    reader (postal code, city or the browser's location)."""

    parent_page_types = ["core.HomePage", "culture.ProgramIndexPage"]
    subpage_types = ["culture.StopRequestPage"]

    class Meta:
        verbose_name = _("mobile consulate page")

    @path("")
    def stops(self, request):
        from culture.forms import StopFilterForm, read_filters
        from culture.selectors import next_stop_near, upcoming_stops

        form = StopFilterForm(request.GET or None)
        valid, filters = read_filters(form)
        stops = upcoming_stops(now=timezone.now(), origin=filters.get("origin"),
                               radius=filters.get("radius"))  # fmt: skip
        nearest = (
            next_stop_near(stops, radius=filters.get("radius")) if filters.get("origin") else None
        )
        return self.render(
            request,
            context_overrides={"form": form, "valid": valid, "filters": filters, "stops": stops,
                               "nearest": nearest},
        )  # fmt: skip

    @path("ics/", name="stops-ics")
    def stops_ics(self, request):
        from core.links import page_url
        from culture.ical import calendar, calendar_response, stop_event
        from culture.selectors import upcoming_stops

        url = page_url(self, request)
        events = [stop_event(stop, url=url) for stop in upcoming_stops(now=timezone.now())]
        return calendar_response(calendar(events, name=self.title), filename="consulado-movil")


class ConsultationField(AbstractFormField):
    """A question of a consultation; its label, help text and choices are translated. Answers
    are stored under a name made from the Spanish label, whatever language the admin speaks."""

    page = ParentalKey("culture.ConsultationPage", related_name="form_fields",
                       on_delete=models.CASCADE)  # fmt: skip

    panels = [
        translated_row("label", _("Label")),
        translated_row("help_text", _("Help text")),
        FieldRowPanel(
            [
                FieldPanel("field_type", classname="formbuilder-type", required_on_save=True),
                FieldPanel("required"),
            ]
        ),
        translated_row("choices", _("Choices (one per line, in the same order in every language)")),
        FieldPanel("default_value", classname="formbuilder-default"),
    ]

    def get_field_clean_name(self):
        return get_field_clean_name(getattr(self, f"label_{settings.LANGUAGE_CODE}") or self.label)


def _split(text: str) -> list[str]:
    separator = "\n" if "\n" in text else ","
    return [item.strip() for item in text.split(separator) if item.strip()]


class ConsultationFormBuilder(FormBuilder):
    """Choices show in the reader's language but are stored in Spanish, so one question's answers
    read alike in the export whatever language each person answered in."""

    def get_formatted_field_choices(self, field):
        labels = _split(field.choices)
        values = _split(getattr(field, f"choices_{settings.LANGUAGE_CODE}") or field.choices)
        if len(values) != len(labels):
            values = labels
        return list(zip(values, labels, strict=True))


class ConsultationPage(FormMixin, BasePage):
    """A community consultation: a form open between two dates, with a privacy notice, spam
    protection (a honeypot and a per-client rate limit) and answers exported from the admin."""

    parent_page_types = ["core.HomePage", "culture.ProgramIndexPage"]
    subpage_types = ["culture.ConsultationSummaryPage"]
    form_builder = ConsultationFormBuilder
    reader_fields = ("title", "intro", "privacy_notice", "thank_you_text")

    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    privacy_notice = models.TextField(
        _("privacy notice"),
        help_text=_("What is collected, what for, who reads it and how long it is kept."),
    )
    thank_you_text = models.TextField(_("thank-you message"), blank=True)

    content_panels = [
        title_row(_("Title")),
        translated_row("intro", _("Introduction")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")])],
            heading=_("Open between"),
        ),
        InlinePanel("form_fields", heading=_("Questions"), label=_("Question")),
        *translated_sections("privacy_notice", _("Privacy notice")),
        *translated_sections("thank_you_text", _("Thank-you message")),
        *translated_sections("body", _("Body")),
    ]

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The end must come after the start.")})

    @property
    def state(self) -> str:
        now = timezone.now()
        if self.opens_at and now < self.opens_at:
            return "not-open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    def get_form(self, *args, **kwargs):
        return add_consent_and_honeypot(
            super().get_form(*args, **kwargs),
            consent_label=CONSENT_LABEL,
        )

    def get_submissions_list_view_class(self):
        from culture.admin_views import ConsultationSubmissionsView

        return ConsultationSubmissionsView

    def get_data_fields(self):
        return [*super().get_data_fields(), ("language", _("Language"))]

    def process_form_submission(self, form):
        data = {key: value for key, value in form.cleaned_data.items() if key not in NOT_STORED}
        data["language"] = get_language()
        return self.get_submission_class().objects.create(form_data=data, page=self)

    def _rate_limited(self, request) -> bool:
        """Over CONSULTATION_RATE_LIMIT answers per hour from one client, answers are refused."""
        return rate_limited(request, f"consultation-{self.pk}", settings.CONSULTATION_RATE_LIMIT)

    def summary_page(self):
        return self.get_children().live().public().type(ConsultationSummaryPage).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["state"] = self.state
        context["summary"] = self.summary_page()
        return context

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        status = None
        if self.state != "open":
            status = 403
        elif self._rate_limited(request):
            status = 429
        if status:
            context = self.get_context(request)
            context["form"] = self.get_form(page=self, user=request.user)
            context["refused"] = status
            return TemplateResponse(request, self.get_template(request), context, status=status)
        if honeypot_filled(request):
            logger.info("consultation %s: an answer filled the honeypot and was dropped", self.pk)
            return self.render_landing_page(request)
        return super().serve(request, *args, **kwargs)


class ConsultationSummaryPage(BasePage):
    """What was heard: published by staff under the consultation once it is read."""

    parent_page_types = ["culture.ConsultationPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("consultation summary")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultation = self.get_parent().specific
        context["consultation"] = consultation
        context["answers"] = consultation.get_submissions().count()
        return context
