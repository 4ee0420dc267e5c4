"""The directory's one read: organizations and the mobile consulate's coming stops, filtered by
service, language, kind, cost, appointment and "open now", measured from the reader's place.
The directory page uses it, and so does the API (one selector, whatever the door).

Public = live organization pages without view restrictions (as programs: culture.selectors) and
stops of published routes. A constant number of queries whatever the number of results: the
filters are SQL, distance and hours are read from prefetched rows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import F, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from core.i18n import localized_name, site_name
from culture import hours
from culture.geo import KM_PER_MILE, distance_km
from culture.models import OpeningHours, OrganizationPage, RouteStop, Venue
from culture.selectors import stops_public

STOP_DAYS = 14  # the coming days whose mobile-consulate stops the directory lists
STOP_KIND = "mobile-consulate"  # the `kind` filter's value for the stops


@dataclass
class DirectoryEntry:
    """One result: an organization page or a mobile-consulate stop. Ranked from light rows;
    `record` (the page or the stop, with its offering) and `venue` are loaded for the entries
    shown (DirectoryResults), so a page costs the same whatever the number of results."""

    pk: int
    is_stop: bool
    name: str
    distance_km: float | None
    open_now: bool | None
    today: list[hours.Span] = field(default_factory=list)
    day: date | None = None  # a stop's day
    record: OrganizationPage | RouteStop | None = None
    venue: Venue | None = None


class DirectoryResults:
    """The ranked entries, a sequence the paginator slices: the slice asked for is loaded in a
    fixed number of queries (the records with their offering, places and hours)."""

    def __init__(self, entries: list[DirectoryEntry]):
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return _loaded(self.entries[index])
        return _loaded([self.entries[index]])[0]

    def __iter__(self):
        return iter(_loaded(self.entries))


def _loaded(entries: list[DirectoryEntry]) -> list[DirectoryEntry]:
    wanted = [entry for entry in entries if entry.record is None]
    pages = [entry.pk for entry in wanted if not entry.is_stop]
    stops = [entry.pk for entry in wanted if entry.is_stop]
    records = {}
    if pages:
        found = OrganizationPage.objects.filter(pk__in=pages).select_related("venue")
        records.update({(False, page.pk): page
                        for page in found.prefetch_related(*_offering_prefetches())})  # fmt: skip
    if stops:
        found = RouteStop.objects.filter(pk__in=stops).select_related("venue", "route")
        found = found.prefetch_related(*_offering_prefetches()[:3])
        records.update({(True, stop.pk): stop for stop in found})
    for entry in wanted:
        entry.record = records[(entry.is_stop, entry.pk)]
        entry.venue = entry.record.venue
    return entries


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


def _distance(origin, lat, lon) -> float | None:
    if origin is None or lat is None or lon is None:
        return None
    return distance_km(origin.latitude, origin.longitude, float(lat), float(lon))


def _names(field_name: str) -> list[str]:
    """The field in the reader's language, then in the site's (the fallback readers see); the
    columns go last in a row (one when both are the same), read by `_name`."""
    return list(dict.fromkeys([localized_name(field_name, get_language()), site_name(field_name)]))


def _name(texts) -> str:
    return next((text for text in texts if text), "")


def _organizations(parent, filters: dict, now: datetime) -> list[DirectoryEntry]:
    kinds = [kind for kind in filters.get("kind") or () if kind != STOP_KIND]
    if filters.get("kind") and not kinds:
        return []
    queryset = organizations_public(parent=parent)
    if kinds:
        queryset = queryset.filter(kind__in=kinds)
    rows = list(
        _offering_filters(queryset, filters).values_list(
            "pk", "venue_id", "venue__latitude", "venue__longitude", "venue__timezone",
            *_names("title"),
        )
    )  # fmt: skip
    spans: dict[int, list] = {}
    venue_ids = {row[1] for row in rows if row[1]}
    for row in OpeningHours.objects.filter(venue_id__in=venue_ids).values_list(
        "venue_id", "weekday", "opens", "closes", named=True
    ):
        spans.setdefault(row.venue_id, []).append(row)
    origin = filters.get("origin")
    entries = []
    for pk, venue_id, lat, lon, zone, *titles in rows:
        week = spans.get(venue_id, [])
        entries.append(
            DirectoryEntry(
                pk=pk,
                is_stop=False,
                name=_name(titles),
                distance_km=_distance(origin, lat, lon),
                open_now=hours.is_open(week, zone=zone, now=now) if venue_id else None,
                today=hours.hours_today(week, zone=zone, now=now) if venue_id else [],
            )  # fmt: skip
        )
    return entries


def _stops(filters: dict, now: datetime) -> list[DirectoryEntry]:
    if filters.get("kind") and STOP_KIND not in filters["kind"]:
        return []
    rows = _offering_filters(coming_stops(now=now), filters).values_list(
        "pk", "day", "opens_at", "closes_at", "venue__latitude", "venue__longitude",
        "venue__timezone", *_names("route__name"),
    )  # fmt: skip
    origin = filters.get("origin")
    entries = []
    for pk, day, opens, closes, lat, lon, zone, *names in rows:
        starts = datetime.combine(day, opens, tzinfo=ZoneInfo(zone))
        ends = datetime.combine(day, closes, tzinfo=ZoneInfo(zone))
        if ends <= now:
            continue
        today = hours.local(now, zone).date() == day
        entries.append(
            DirectoryEntry(
                pk=pk,
                is_stop=True,
                name=_name(names),
                day=day,
                distance_km=_distance(origin, lat, lon),
                open_now=starts <= now < ends,
                today=[hours.Span(opens, closes)] if today else [],
            )  # fmt: skip
        )
    return entries


def directory_entries(
    *, parent=None, filters: dict | None = None, now: datetime
) -> DirectoryResults:
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
    return DirectoryResults(entries)


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
