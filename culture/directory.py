"""The directory's one read: organizations and the mobile consulate's coming stops, filtered by
service, language, kind, cost, appointment and "open now", measured from the reader's place.
The directory page uses it, and so does the API (one selector, whatever the door).

Public = live organization pages without view restrictions (as programs: culture.selectors) and
stops of published routes. A constant number of queries whatever the number of results: the
filters are SQL, distance and hours are read from prefetched rows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import F, Prefetch, Q, QuerySet

from culture import hours
from culture.geo import KM_PER_MILE
from culture.models import OpeningHours, OrganizationPage, RouteStop, Venue
from culture.selectors import stops_public, venue_distance

STOP_DAYS = 14  # the coming days whose mobile-consulate stops the directory lists
STOP_KIND = "mobile-consulate"  # the `kind` filter's value for the stops


@dataclass
class DirectoryEntry:
    """One result: an organization (`page`) or a mobile-consulate stop (`stop`)."""

    record: OrganizationPage | RouteStop
    venue: object | None
    distance_km: float | None
    open_now: bool | None
    today: list[hours.Span] = field(default_factory=list)
    day: date | None = None  # a stop's day

    @property
    def is_stop(self) -> bool:
        return isinstance(self.record, RouteStop)

    @property
    def zone(self) -> str | None:
        return self.venue.timezone if self.venue else None

    @property
    def name(self) -> str:
        return self.record.route.name if self.is_stop else self.record.title


def _offering_prefetches(prefix: str = "") -> list:
    return [
        f"{prefix}services",
        f"{prefix}languages_served",
        f"{prefix}languages_on_request",
        Prefetch(f"{prefix}venue__hours", queryset=OpeningHours.objects.order_by("opens")),
    ]


def _offering_filters(queryset: QuerySet, filters: dict) -> QuerySet:
    """Service, language (served in or by interpretation), cost and appointment, as SQL."""
    narrowed = False
    if filters.get("service"):
        queryset = queryset.filter(services__code__in=filters["service"])
        narrowed = True
    if filters.get("language"):
        codes = filters["language"]
        queryset = queryset.filter(
            Q(languages_served__code__in=codes) | Q(languages_on_request__code__in=codes)
        )
        narrowed = True
    if filters.get("cost"):
        queryset = queryset.filter(cost__in=filters["cost"])
    if filters.get("appointment"):
        queryset = queryset.filter(appointment__in=filters["appointment"])
    return queryset.distinct() if narrowed else queryset


def organizations_public(*, parent=None) -> QuerySet:
    """The live, public organization pages (under `parent`, the directory page, when given)."""
    queryset = OrganizationPage.objects.live().public()
    return queryset.child_of(parent) if parent is not None else queryset


def coming_stops(*, now: datetime, days: int = STOP_DAYS) -> QuerySet:
    """Scheduled public stops from yesterday (a stop's day is on its own clock) to `days`
    ahead; the caller drops those already over."""
    today = now.date()
    return stops_public(since=today - timedelta(days=1)).filter(
        status=RouteStop.Status.SCHEDULED, day__lte=today + timedelta(days=days)
    )


def _organizations(parent, filters: dict, now: datetime) -> list[DirectoryEntry]:
    kinds = [kind for kind in filters.get("kind") or () if kind != STOP_KIND]
    if filters.get("kind") and not kinds:
        return []
    queryset = organizations_public(parent=parent)
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    queryset = _offering_filters(queryset, filters)
    queryset = queryset.select_related("venue").prefetch_related(*_offering_prefetches())
    entries = []
    for page in queryset:
        venue = page.venue
        rows = list(venue.hours.all()) if venue else []
        entries.append(
            DirectoryEntry(
                record=page,
                venue=venue,
                distance_km=venue_distance(venue, filters.get("origin")),
                open_now=hours.is_open(rows, zone=venue.timezone, now=now) if venue else None,
                today=hours.hours_today(rows, zone=venue.timezone, now=now) if venue else [],
            )  # fmt: skip
        )
    return entries


def _stops(filters: dict, now: datetime) -> list[DirectoryEntry]:
    if filters.get("kind") and STOP_KIND not in filters["kind"]:
        return []
    queryset = _offering_filters(coming_stops(now=now), filters)
    queryset = queryset.select_related("venue", "route").prefetch_related(
        *_offering_prefetches()[:3]
    )
    entries = []
    for stop in queryset:
        if stop.ends <= now:
            continue
        today = hours.local(now, stop.venue.timezone).date() == stop.day
        entries.append(
            DirectoryEntry(
                record=stop,
                venue=stop.venue,
                day=stop.day,
                distance_km=venue_distance(stop.venue, filters.get("origin")),
                open_now=stop.starts <= now < stop.ends,
                today=[hours.Span(stop.opens_at, stop.closes_at)] if today else [],
            )  # fmt: skip
        )
    return entries


def directory_entries(*, parent=None, filters: dict | None = None, now: datetime) -> list:
    """The directory's results for `filters` (the form's cleaned data: service, language, kind,
    cost, appointment lists; open_now; origin and radius) at the instant `now`. Nearest first
    when a place is given (those without coordinates last); else organizations by name, then
    the stops by day."""
    filters = filters or {}
    entries = _organizations(parent, filters, now) + _stops(filters, now)
    if filters.get("open_now"):
        entries = [entry for entry in entries if entry.open_now]
    if filters.get("radius"):
        limit = filters["radius"] * KM_PER_MILE
        entries = [e for e in entries if e.distance_km is not None and e.distance_km <= limit]
    if filters.get("origin") is not None:
        entries.sort(key=lambda e: (e.distance_km is None, e.distance_km or 0, e.name.casefold()))
    else:
        entries.sort(key=lambda e: (e.is_stop, e.day or date.min, e.name.casefold()))
    return entries


VERIFY_EVERY_DAYS = 365


def records_to_verify(*, today: date) -> dict[str, QuerySet]:
    """Organization pages (drafts included) and venues nobody verified in the last twelve
    months, or ever: the curators' report (Reports menu), oldest first."""
    since = today - timedelta(days=VERIFY_EVERY_DAYS)
    stale = Q(verified_on__isnull=True) | Q(verified_on__lt=since)
    order = [F("verified_on").asc(nulls_first=True), "pk"]
    return {
        "organizations": OrganizationPage.objects.filter(stale).order_by(*order),
        "venues": Venue.objects.filter(stale).order_by(*order),
    }
