"""Mobile consulates: a route is a schedule of stops (place, day, hours, services offered)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from core.forms import AdminModelForm
from core.i18n import site_name, translated_row, translated_sections
from core.models.mixins import IllustrativeMixin
from culture.models.offering import Offering
from culture.models.places import END_BEFORE_START, CalendarSequenceMixin, Organizer, Venue


class MobileConsulateRoute(
    DraftStateMixin, RevisionMixin, IllustrativeMixin, ClusterableModel
):  # fmt: skip
    """A tour of the mobile consulate, published as a whole (drafts stay off the site)."""

    base_form_class = AdminModelForm  # a draft keeps what identifies it (core/forms.py)

    name = models.CharField(_("name"), max_length=200)
    name.required_on_save = True  # a draft is listed and announced by its name
    description = models.TextField(_("description"), blank=True)
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), null=True, blank=True, on_delete=models.PROTECT
    )

    panels = [
        translated_row("name", _("Name")),
        *translated_sections("description", _("Description")),
        FieldPanel("organizer"),
        InlinePanel("stops", heading=_("Stops"), label=_("Stop")),
        FieldPanel("is_illustrative"),
    ]

    class Meta:
        verbose_name = _("mobile consulate route")
        verbose_name_plural = _("mobile consulate routes")
        ordering = [site_name("name")]

    def __str__(self) -> str:
        return self.name


class RouteStop(CalendarSequenceMixin, Offering, Orderable, ClusterableModel):
    """A day of the route at a place. Its offering (services, languages) is clusterable: it is
    saved inside the route's revision and published with it."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    route = ParentalKey(MobileConsulateRoute, related_name="stops", on_delete=models.CASCADE)
    venue = models.ForeignKey(
        Venue, verbose_name=_("place"), on_delete=models.PROTECT,
        help_text=_("The place of the stop: its address, coordinates and time zone."),
    )  # fmt: skip
    day = models.DateField(_("day"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    service_note = models.TextField(
        _("more on the services"), blank=True,
        help_text=_("Anything the list of services does not say."),
    )  # fmt: skip
    appointment_url = models.URLField(_("appointment link"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    notice = models.CharField(_("notice"), max_length=255, blank=True)

    sequence_fields = ("venue_id", "day", "opens_at", "closes_at", "status")

    panels = [
        FieldRowPanel([FieldPanel("venue"), FieldPanel("day")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at"), FieldPanel("status")]),
        Offering.offering_panel(),
        translated_row("service_note", _("More on the services")),
        FieldPanel("appointment_url"),
        translated_row("notice", _("Notice")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("stop")
        verbose_name_plural = _("stops")

    def __str__(self) -> str:
        return f"{self.route} — {self.day:%Y-%m-%d}"

    @property
    def services_text(self) -> str:
        """Its services and the note on them, as one line (calendars, listings)."""
        return ". ".join(part for part in (self.service_names, self.service_note) if part)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.day, self.opens_at, tzinfo=ZoneInfo(self.venue.timezone))

    @property
    def ends(self) -> datetime:
        return datetime.combine(self.day, self.closes_at, tzinfo=ZoneInfo(self.venue.timezone))

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": END_BEFORE_START})
