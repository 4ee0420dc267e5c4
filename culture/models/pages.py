"""Programs for the diaspora: an index page, program pages and their sessions."""

from datetime import MAXYEAR, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from core.i18n import title_row, translated_row, translated_sections
from core.models import BasePage
from culture.models.places import (
    END_BEFORE_START,
    CalendarSequenceMixin,
    Organizer,
    Venue,
    validate_timezone,
)
from culture.models.vocabularies import Audience, ProgramCategory, ProgramLanguage
from culture.recurrence import (
    NeverHappens,
    RecurrenceError,
    StartNotInRule,
    TooFrequent,
    check_rule,
    occurrences,
    parse_dates,
)
from culture.widgets import ExceptionDatesWidget, RecurrenceWidget, TimezoneSelect

PROGRAMS_PER_PAGE = 20


class ProgramIndexPage(RoutablePageMixin, BasePage):
    """The programs in the reader's language (/es/programas/, /en/programs/)."""

    parent_page_types = ["core.HomePage"]
    subpage_types = ["culture.ProgramPage", "culture.MobileConsulatePage",
                     "culture.ConsultationPage"]  # fmt: skip
    max_count = 1

    class Meta:
        verbose_name = _("program index page")

    @path("")
    def index(self, request):
        from django.utils.translation import get_language

        from core import routes
        from culture.forms import ProgramFilterForm, read_filters
        from culture.selectors import month_calendar, program_list_public, sorts_by_distance

        form = ProgramFilterForm(request.GET or None)
        valid, filters = read_filters(form)
        query = request.GET.copy()
        query.pop("page", None)

        # Consultations and the mobile consulate live under the index too: named at the top
        # (kept like routes, core.routes, until any record changes; read by the template only
        # when its kept markup is not).
        def community():
            return routes.remember(
                "program-community", (self.pk, get_language()),
                lambda: list(self.get_children().live().public().not_type(ProgramPage).specific()),
            )  # fmt: skip

        context = {"form": form, "valid": valid, "filters": filters, "community": community,
                   "feed_query": query.urlencode() if valid else "",
                   # "Near me" (culture/includes/near_me.html, the `near_me` block): the place
                   # the results are measured from, its radius, and whether they go nearest first.
                   "near_me": {"origin": filters.get("origin"), "radius": filters.get("radius"),
                               "by_distance": sorts_by_distance(filters)}}  # fmt: skip
        if filters.get("view") == "month" or (not valid and request.GET.get("view") == "month"):
            now = timezone.now()
            context["view"] = "month"
            context["calendar"] = (
                month_calendar(
                    parent=self, filters=filters, now=now,
                    month=filters.get("month") or timezone.localdate(now).replace(day=1),
                    first_weekday=(int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7,
                )
                if valid else None
            )  # fmt: skip
        else:
            from django.core.paginator import Paginator

            programs = (
                program_list_public(parent=self, filters=filters, cards=True) if valid else []
            )
            page_obj = Paginator(programs, PROGRAMS_PER_PAGE).get_page(request.GET.get("page"))
            context["view"] = "list"
            context["page_obj"] = page_obj
            context["programs"] = page_obj.object_list
            context["by_distance"] = sorts_by_distance(filters)
        return self.render(request, context_overrides=context)

    def _feed(self, request, *, name: str, filename: str, venue=None):
        from django.http import HttpResponseBadRequest
        from django.utils.translation import get_language

        from culture import cache
        from culture.forms import ProgramFilterForm
        from culture.ical import calendar_response, feed_calendar
        from culture.selectors import filters_key, sessions_matching

        form = ProgramFilterForm(request.GET)
        if not form.is_valid():
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in form.errors.items()
            )
            return HttpResponseBadRequest(problems, content_type="text/plain; charset=utf-8")

        def make() -> bytes:
            sessions = sessions_matching(parent=self, filters=form.cleaned_data)
            if venue is not None:
                sessions = [session for session in sessions if session.venue_id == venue.pk]
            return feed_calendar(sessions, name=name, request=request)

        body = cache.remember(
            "feed",
            (self.pk, venue.pk if venue else None, get_language(), request.get_host(),
             filters_key(form.cleaned_data)),
            cache.FEED_SECONDS, make,
        )  # fmt: skip
        return calendar_response(body, filename=filename)

    @path("calendar/ics/", name="calendar-ics")
    def calendar_ics(self, request):
        """The calendar of live programs as an iCalendar feed, narrowed by the listing's filters
        (the same query string), so a reader subscribes to exactly what they filtered."""
        return self._feed(request, name=self.title, filename="programas")

    @path("venues/<int:venue_id>/ics/", name="venue-ics")
    def venue_ics(self, request, venue_id: int):
        """Everything happening at one venue or consulate."""
        from django.shortcuts import get_object_or_404

        venue = get_object_or_404(Venue, pk=venue_id)
        return self._feed(request, name=f"{self.title} — {venue.name}",
                          filename=f"programas-{venue.pk}", venue=venue)  # fmt: skip


class ProgramPage(RoutablePageMixin, BasePage):
    parent_page_types = ["culture.ProgramIndexPage"]
    subpage_types: list[str] = []
    reader_fields = ("title", "summary", "intro", "body")

    summary = models.TextField(_("summary"), blank=True)
    category = models.ForeignKey(
        ProgramCategory, verbose_name=_("category"), null=True, on_delete=models.PROTECT
    )
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audiences"), blank=True)
    languages = ParentalManyToManyField(
        ProgramLanguage, verbose_name=_("languages spoken"), blank=True
    )
    organizer = models.ForeignKey(
        Organizer, verbose_name=_("organizer"), null=True, blank=True, on_delete=models.PROTECT
    )
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (USD)"), max_digits=8, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))], help_text=_("Empty or 0: free."),
    )  # fmt: skip
    cost_note = models.CharField(_("cost note"), max_length=200, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    related_pieces = ParentalManyToManyField(
        "heritage.Piece", verbose_name=_("related heritage pieces"), blank=True
    )
    related_cases = ParentalManyToManyField(
        "heritage.RecoveryCase", verbose_name=_("related recovery cases"), blank=True
    )

    content_panels = [
        title_row(_("Title")),
        translated_row("summary", _("Summary")),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organizer"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            ],
            heading=_("Program"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("cost"), FieldPanel("registration_url")]),
                translated_row("cost_note", _("Cost note")),
                FieldPanel("contact_email"),
            ],
            heading=_("Cost and registration"),
        ),
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session")),
        *translated_sections("body", _("Body")),
        MultiFieldPanel(
            [FieldRowPanel(["related_pieces", "related_cases"])],
            heading=_("Heritage"),
        ),
    ]

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    @property
    def is_free(self) -> bool:
        return not self.cost

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": END_BEFORE_START})

    @path("")
    def program(self, request):
        from django.utils.translation import get_language

        from core.links import page_url
        from culture.calendar_links import (
            event_links,
            session_entry,
            share_links,
            subscription_links,
            webcal_url,
        )
        from culture.linked_data import program_events, program_images
        from culture.selectors import program_context
        from culture.views import program_sections

        context = program_context(program=self)
        context["extra_sections"] = program_sections(request, self)
        url = page_url(self, request)
        context["json_ld"] = program_events(
            self, context["upcoming"], url=url, language=get_language(),
            images=program_images(self, context["related_pieces"], request=request),
        )  # fmt: skip
        for item in context["upcoming"]:
            entry = session_entry(program=self, session=item["session"], start=item["start"],
                                  end=item["end"], url=url)  # fmt: skip
            item["add"] = {**event_links(entry),
                           "webcal": webcal_url(url + item["ics"].lstrip("/"))}  # fmt: skip
        context["subscribe"] = subscription_links(url + "ics/", name=self.title)
        context["share"] = share_links(url=url, title=self.title)
        return self.render(request, context_overrides=context)

    @path("ics/", name="program-ics")
    def program_ics(self, request):
        """Every session of the program as one calendar (a feed calendars can subscribe to)."""
        from culture.ical import feed_response

        sessions = self.sessions.select_related("venue", "program")
        return feed_response(sessions, name=self.title, filename=self.slug, request=request)

    # Wagtail serves only paths that end in "/": the file name comes in Content-Disposition.
    @path("sessions/<int:session_id>/ics/", name="session-ics")
    def session_ics(self, request, session_id: int):
        from django.http import Http404

        from culture.ical import calendar_response, session_calendar

        session = self.sessions.filter(pk=session_id).first()
        body = session_calendar(session, request=request) if session else None
        if body is None:  # no such session, or one without any date
            raise Http404
        filename = f"{self.slug}-{session_id}"
        return calendar_response(body, filename=filename, disposition="attachment")


def _moment(value: datetime) -> str:
    """A date and time with its weekday, as the editor types the start: in the admin's zone."""
    try:
        local = timezone.localtime(value)
    except OverflowError:  # past the year 9999 there: as in the session's zone
        local = value
    return f"{formats.date_format(local, 'l')} {formats.date_format(local, 'DATETIME_FORMAT')}"


class SessionStatusMixin:
    """Whether a session (a model row, or the plain copies listings keep of one) was cancelled
    or moved, read from its `status`."""

    @property
    def is_cancelled(self) -> bool:
        return self.status == ProgramSession.Status.CANCELLED

    @property
    def is_moved(self) -> bool:
        return self.status == ProgramSession.Status.MOVED

    def change_text(self, start: datetime) -> str:
        """What changed, in words in the active language, with `start` (the occurrence
        concerned) and the first planned date in the session's own zone: "Cancelled: …",
        "Moved to … (first planned for …)"; "" for a scheduled session. The listing, the program
        page and the feeds say it alike."""
        zone = ZoneInfo(self.timezone)

        def when(moment: datetime) -> str:
            return formats.date_format(moment.astimezone(zone), "DATETIME_FORMAT")

        if self.is_cancelled:
            return gettext("Cancelled: %(when)s") % {"when": when(start)}
        if not self.is_moved:
            return ""
        if self.moved_from:
            return gettext("Moved to %(when)s (first planned for %(before)s)") % {
                "when": when(start), "before": when(self.moved_from)}  # fmt: skip
        return gettext("Moved to %(when)s") % {"when": when(start)}


class ProgramSession(SessionStatusMixin, CalendarSequenceMixin, Orderable):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MOVED = "moved", _("Moved")
        CANCELLED = "cancelled", _("Cancelled")

    program = ParentalKey(ProgramPage, related_name="sessions", on_delete=models.CASCADE)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(
        _("time zone"), max_length=64, default="America/Los_Angeles",
        validators=[validate_timezone],
        help_text=_("Where the session happens, e.g. America/Chicago."),
    )  # fmt: skip
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    recurrence = models.CharField(
        _("repeats (RFC 5545 rule)"), max_length=255, blank=True,
        help_text=_('E.g. "FREQ=WEEKLY;BYDAY=TU;COUNT=10". Empty: once.'),
    )  # fmt: skip
    exceptions = models.TextField(
        _("except on"), blank=True, help_text=_("Dates without a session, e.g. 2026-12-22.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    notice = models.CharField(
        _("notice"), max_length=255, blank=True,
        help_text=_("Shown with a moved or cancelled session."),
    )  # fmt: skip
    moved_from = models.DateTimeField(
        _("first planned for"), null=True, blank=True,
        help_text=_("A moved session: when it was to start (its start is the new date)."),
    )  # fmt: skip

    sequence_fields = ("start", "end", "timezone", "venue_id", "online_url", "recurrence",
                       "exceptions", "status", "moved_from")  # fmt: skip

    panels = [
        FieldRowPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("timezone", widget=TimezoneSelect)]
        ),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("online_url"), FieldPanel("capacity")]),
        FieldPanel(
            "recurrence",
            widget=RecurrenceWidget,
            heading=_("Repeats"),
            help_text=_("How often the session happens; its next dates are listed below."),
        ),
        FieldPanel(
            "exceptions", widget=ExceptionDatesWidget, help_text=_("Dates without a session.")
        ),
        FieldRowPanel([FieldPanel("status"), FieldPanel("moved_from")]),
        translated_row("notice", _("Notice")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.program.title} — {self.start:%Y-%m-%d %H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        if self.moved_from and self.status != self.Status.MOVED:
            errors["moved_from"] = _("Only a moved session has a first planned date.")
        if self.start and self.end and self.end <= self.start:
            errors["end"] = END_BEFORE_START
        if not self.venue_id and not self.online_url:
            errors["venue"] = _("Give a venue or an online link.")
        errors.update(self.repetition_errors())
        try:
            program = self.program
        except ProgramPage.DoesNotExist:
            program = None
        if program and self.start and not errors:
            local = self._local_start().date()
            if (program.starts_on and local < program.starts_on) or (
                program.ends_on and local > program.ends_on
            ):
                errors["start"] = _("The session falls outside the program's days.")
        if errors:
            raise ValidationError(errors)

    def _local_start(self) -> datetime:
        """The start in the session's own zone, where its rule is read (as typed when the zone
        is not one: the field's validation says so)."""
        try:
            return self.start.astimezone(ZoneInfo(self.timezone))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            return self.start

    def repetition_errors(self) -> dict[str, str]:
        """What is wrong with the rule and the exception dates, by field: the editor's form and
        its preview of the next dates (culture/admin_views.py) say the same."""
        errors = {}
        if self.recurrence.strip() and self.start:
            try:
                local = self._local_start()
                check_rule(self.recurrence, local)
            except OverflowError:  # the start in its zone is past the year 9999
                errors["start"] = _("The dates fall outside the calendar.")
            except StartNotInRule as error:
                if error.first is None:
                    errors["recurrence"] = _(
                        "This rule gives no date from the start on: check when it ends."
                    )
                else:
                    first = error.first.replace(tzinfo=local.tzinfo)
                    errors["start"] = _(
                        "The first session must be one of the rule's dates: %(first)s is the first."
                    ) % {"first": _moment(first)}
            except NeverHappens:
                if self.start.year >= MAXYEAR:  # no date left after it, whatever the rule
                    errors["start"] = _("The dates fall outside the calendar.")
                else:
                    errors["recurrence"] = _(
                        "This rule gives no date at all (like the 30th of February): check its "
                        "days and months."
                    )
            except TooFrequent:
                errors["recurrence"] = _(
                    "A session repeats at most once a day: for several times a day, repeat it "
                    "every day at those hours (FREQ=DAILY;BYHOUR=10,16)."
                )
            except RecurrenceError:
                errors["recurrence"] = _(
                    'Not a valid recurrence rule (RFC 5545), e.g. "FREQ=WEEKLY;BYDAY=TU;COUNT=10".'
                )
        if self.exceptions.strip():
            try:
                parse_dates(self.exceptions)
            except RecurrenceError as error:
                errors["exceptions"] = _("Not a date: %(value)s (use YYYY-MM-DD).") % {
                    "value": error
                }
        return errors

    def occurrences(self, after: datetime | None = None, before: datetime | None = None,
                    limit: int = 50):  # fmt: skip
        return occurrences(
            start=self.start, end=self.end, timezone=self.timezone, rule=self.recurrence,
            exceptions=self.exceptions, after=after, before=before, limit=limit,
        )  # fmt: skip
