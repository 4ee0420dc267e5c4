"""Where programs happen and who runs them: venues (consulates among them) and organizers."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from core.i18n import site_name, translated_row, translated_sections
from core.models.mixins import IllustrativeMixin
from culture.models.offering import Offering
from culture.widgets import TimezoneSelect

TIMEZONE_ERROR = _("Not a time zone name (e.g. America/Los_Angeles).")
END_BEFORE_START = _("The end must come after the start.")


def validate_timezone(value: str) -> None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError) as error:  # OSError: "America", a folder
        raise ValidationError(TIMEZONE_ERROR) from error


class CalendarSequenceMixin(models.Model):
    """Calendars see a new SEQUENCE whenever one of `sequence_fields` (time, place, status)
    changes, so a subscribed calendar replaces the event instead of keeping the old one."""

    sequence_fields: tuple[str, ...] = ()
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk:
            previous = type(self).objects.filter(pk=self.pk).values(*self.sequence_fields).first()
            if previous and any(getattr(self, key) != value for key, value in previous.items()):
                self.sequence += 1
        super().save(*args, **kwargs)


class Venue(Offering, IllustrativeMixin, ClusterableModel):
    """A place: its address, coordinates and time zone, its opening hours (rows of
    `OpeningHours`, read in its own zone) and what it offers (culture/models/offering.py)."""

    class Kind(models.TextChoices):
        CONSULATE = "consulate", _("Consulate")
        MOBILE_STOP = "mobile-stop", _("Mobile consulate stop")
        PARTNER = "partner", _("Partner venue")
        OTHER = "other", _("Other venue")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120)
    state = models.CharField(_("state or province"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = models.CharField(_("country (ISO code)"), max_length=2, default="US")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )  # fmt: skip
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )  # fmt: skip
    timezone = models.CharField(
        _("time zone"), max_length=64, default="America/Los_Angeles",
        validators=[validate_timezone],
    )  # fmt: skip
    accessibility = models.TextField(_("accessibility"), blank=True)
    verified_on = models.DateField(
        _("verified on"), null=True, blank=True,
        help_text=_("When a curator last checked these data with the place."),
    )  # fmt: skip
    hours_note = models.TextField(
        _("hours note"), blank=True,
        help_text=_("Holidays and other exceptions to the opening hours."),
    )  # fmt: skip

    panels = [
        translated_row("name", _("Name")),
        "kind",
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("state")]),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("timezone", widget=TimezoneSelect),
            ],
            heading=_("Address"),
        ),
        *translated_sections("accessibility", _("Accessibility")),
        InlinePanel("hours", heading=_("Opening hours"), label=_("Opening hours")),
        *translated_sections("hours_note", _("Hours note")),
        Offering.offering_panel(),
        FieldPanel("verified_on"),
        FieldPanel("is_illustrative"),
    ]

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["country", "state", "city", site_name("name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def address(self) -> str:
        parts = [self.street_address, self.city, self.state, self.postal_code, self.country]
        return ", ".join(part for part in parts if part)


class OpeningHours(Orderable):
    """One span a place is open on a weekday, in the place's own time zone; a day may have
    several (9–13 and 15–18), a day without rows is closed."""

    venue = ParentalKey(Venue, related_name="hours", on_delete=models.CASCADE)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=sorted(WEEKDAYS.items()))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": END_BEFORE_START})


class Organizer(IllustrativeMixin, models.Model):
    class Kind(models.TextChoices):
        CONSULATE = "consulate", _("Consulate")
        MOBILE_CONSULATE = "mobile-consulate", _("Mobile consulate")
        PARTNER = "partner", _("Partner organization")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    office = models.ForeignKey(
        Venue, verbose_name=_("office"), null=True, blank=True, on_delete=models.SET_NULL
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # One home for a public organization's contact data: a linked organizer shows its page's.
    organization = models.ForeignKey(
        "culture.OrganizationPage", verbose_name=_("directory page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="organizers",
        help_text=_("The organization's public page: its address and contact are shown instead."),
    )  # fmt: skip

    panels = [
        translated_row("name", _("Name")),
        "kind",
        "organization",
        "office",
        FieldRowPanel([FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")]),
        FieldPanel("is_illustrative"),
    ]

    class Meta:
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")
        ordering = [site_name("name")]

    def __str__(self) -> str:
        return self.name

    @property
    def public_page(self):
        """Its organization's page when linked and live: the one home of its public data."""
        page = self.organization if self.organization_id else None
        return page if page is not None and page.live else None

    @property
    def website_url(self) -> str:
        page = self.public_page
        return (page.website if page else "") or self.website
