"""Reads the public program pages share. Public = live pages without view restrictions."""

from calendar import Calendar, monthrange
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from culture.geo import KM_PER_MILE, distance_km
from culture.models import ProgramPage, ProgramSession, RouteStop

UPCOMING_LIMIT = 12
MONTH_LIMIT = 1000


def _sessions() -> Prefetch:
    return Prefetch(
        "sessions",
        queryset=ProgramSession.objects.select_related("venue").order_by("start"),
        to_attr="session_list",
    )


def venue_distance(venue, origin) -> float | None:
    """Kilometres from the reader's place to a venue (None: no venue, coordinates or place)."""
    if origin is None or venue is None or venue.latitude is None or venue.longitude is None:
        return None
    return distance_km(origin.latitude, origin.longitude, float(venue.latitude),
                       float(venue.longitude))  # fmt: skip


def _session_matches(session, filters: dict) -> bool:
    """Whether a session answers the place filters. An online session is near everybody."""
    venue = session.venue
    if filters.get("mode") == "online" and not session.online_url:
        return False
    if filters.get("mode") == "in-person" and venue is None:
        return False
    for name in ("city", "state", "country"):
        wanted = (filters.get(name) or "").strip().casefold()
        if wanted and (venue is None or getattr(venue, name).casefold() != wanted):
            return False
    if filters.get("radius") and venue is not None:
        away = venue_distance(venue, filters.get("origin"))
        if away is None or away > filters["radius"] * KM_PER_MILE:
            return False
    return True


def sorts_by_distance(filters: dict) -> bool:
    return filters.get("origin") is not None and filters.get("sort") != "soonest"


def program_list_public(*, parent=None, filters: dict | None = None) -> list[ProgramPage]:
    """Live programs with their category, organizer and sessions, in a fixed number of
    queries, narrowed by the listing's filters; each carries `next_occurrence` (the next
    session that matches, or None) and they come soonest first."""
    filters = filters or {}
    queryset: QuerySet = ProgramPage.objects.live().public()
    if parent is not None:
        queryset = queryset.child_of(parent)
    for name, lookup in (("category", "category__code__in"), ("audience", "audiences__code__in"),
                         ("language", "languages__code__in")):  # fmt: skip
        if filters.get(name):
            queryset = queryset.filter(**{lookup: filters[name]})
    if filters.get("free"):
        queryset = queryset.filter(Q(cost__isnull=True) | Q(cost=0))
    programs = list(
        queryset.distinct()
        .select_related("category", "organizer")
        .prefetch_related("languages", "audiences", _sessions())
        .order_by("title_es")
    )
    now = timezone.now()
    zone = timezone.get_current_timezone()
    after, before = now, None
    if filters.get("date_from"):
        after = max(now, datetime.combine(filters["date_from"], time.min, tzinfo=zone))
    if filters.get("date_to"):
        before = datetime.combine(filters["date_to"], time.max, tzinfo=zone)
    narrowed = any(
        filters.get(name)
        for name in ("city", "state", "country", "mode", "date_from", "date_to", "radius")
    )
    origin = filters.get("origin")
    kept = []
    for program in programs:
        upcoming = [
            (begins, session)
            for session in program.session_list
            if not session.is_cancelled and _session_matches(session, filters)
            for begins, _ends in session.occurrences(after=after, before=before, limit=1)
        ]
        program.next_occurrence = min(upcoming, key=lambda pair: pair[0]) if upcoming else None
        distances = [
            away
            for _begins, session in upcoming
            if (away := venue_distance(session.venue, origin)) is not None
        ]
        program.distance_km = min(distances) if distances else None
        if program.next_occurrence or not narrowed:
            kept.append(program)
    far = datetime.max.replace(tzinfo=zone)

    def soonest(program):
        return program.next_occurrence[0] if program.next_occurrence else far

    if sorts_by_distance(filters):
        # Nearest first; online-only programs (no distance) after them, soonest first.
        kept.sort(key=lambda p: (p.distance_km is None, p.distance_km or 0, soonest(p), p.title))
    else:
        kept.sort(key=lambda p: (soonest(p), p.title))
    return kept


def program_context(*, program: ProgramPage) -> dict:
    """What a program page shows: upcoming occurrences (cancelled ones too, with their notice)."""
    now = timezone.now()
    sessions = list(program.sessions.select_related("venue").order_by("start"))
    upcoming = sorted(
        (
            {
                "session": session,
                "start": begins,
                "end": ends,
                "ics": program.reverse_subpage("session-ics", args=[session.pk]),
            }
            for session in sessions
            for begins, ends in session.occurrences(after=now, limit=UPCOMING_LIMIT)
        ),
        key=lambda item: item["start"],
    )[:UPCOMING_LIMIT]
    parent = program.get_parent()
    return {
        "index_url": parent.url if parent else "",
        "sessions": sessions,
        "upcoming": upcoming,
        "related_pieces": program.related_pieces.filter(live=True, restricted=False),
    }


def sessions_public(*, parent=None):
    """Every session of the live programs (under `parent`), with program and venue joined."""
    programs = ProgramPage.objects.live().public()
    if parent is not None:
        programs = programs.child_of(parent)
    return (
        ProgramSession.objects.filter(program__in=programs)
        .select_related("program", "venue")
        .order_by("start")
    )


def sessions_matching(*, parent=None, filters: dict) -> list:
    """The sessions of the programs a listing shows, narrowed by its place filters: what a
    filtered calendar feed holds (cancelled ones too — calendars must learn of them)."""
    return [
        session
        for program in program_list_public(parent=parent, filters=filters)
        for session in program.session_list
        if _session_matches(session, filters)
    ]


def occurrences_public(*, filters: dict, now, limit: int, parent=None) -> list[tuple]:
    """(program, session, start, end) of the upcoming occurrences of live programs matching the
    listing's filters, soonest first, cancelled ones included (they carry their status)."""
    zone = timezone.get_current_timezone()
    after = now
    before = None
    if filters.get("date_from"):
        after = max(now, datetime.combine(filters["date_from"], time.min, tzinfo=zone))
    if filters.get("date_to"):
        before = datetime.combine(filters["date_to"], time.max, tzinfo=zone)
    found = []
    for program in program_list_public(parent=parent, filters=filters):
        for session in program.session_list:
            if not _session_matches(session, filters):
                continue
            for begins, ends in session.occurrences(after=after, before=before, limit=limit):
                found.append((program, session, begins, ends))
    found.sort(key=lambda row: (row[2], row[0].title))
    return found[:limit]


def month_calendar(*, parent=None, filters: dict, month: date, now, first_weekday: int) -> dict:
    """A month of the listing as weeks of days, each day with its occurrences (in the local time
    of the session's place), plus the months before and after."""
    last = date(month.year, month.month, monthrange(month.year, month.month)[1])
    narrowed = {
        **filters,
        "date_from": max(filters.get("date_from") or month, month),
        "date_to": min(filters.get("date_to") or last, last),
    }
    by_day: dict[date, list] = {}
    if narrowed["date_from"] <= narrowed["date_to"]:
        for program, session, begins, ends in occurrences_public(
            parent=parent, filters=narrowed, now=now, limit=MONTH_LIMIT
        ):
            local = begins.astimezone(ZoneInfo(session.timezone))
            by_day.setdefault(local.date(), []).append(
                {"program": program, "session": session, "start": local, "end": ends}
            )
    weeks = [
        [{"day": day, "in_month": day.month == month.month, "items": by_day.get(day, [])}
         for day in week]
        for week in Calendar(first_weekday).monthdatescalendar(month.year, month.month)
    ]  # fmt: skip
    return {
        "month": month,
        "weeks": weeks,
        "weekdays": [week_day["day"] for week_day in weeks[0]],
        "previous": (month - timedelta(days=1)).replace(day=1),
        "next": last + timedelta(days=1),
        "count": sum(len(items) for items in by_day.values()),
    }


NEAR_STOP_MILES = 50


def upcoming_stops(*, now, origin=None, radius: int | None = None) -> list:
    """Stops of published mobile-consulate routes not yet over, soonest first (cancelled ones
    stay, with their notice), each with `distance_km` from `origin`; within `radius` miles."""
    stops = [
        stop
        for stop in RouteStop.objects.filter(
            route__live=True, day__gte=(now - timedelta(days=1)).date()
        )
        .select_related("venue", "route", "route__organizer")
        .order_by("day", "opens_at", "pk")
        if stop.ends > now
    ]
    for stop in stops:
        stop.distance_km = venue_distance(stop.venue, origin)
    if radius:
        stops = [
            s for s in stops if s.distance_km is not None and s.distance_km <= radius * KM_PER_MILE
        ]
    return stops


def next_stop_near(stops: list, *, radius: int | None = None):
    """The soonest stop within `radius` (or 50) miles; failing that, the nearest one at all.
    Returns (stop, is_near) or None when no stop has a place to measure from."""
    measured = [s for s in stops if not s.is_cancelled and s.distance_km is not None]
    if not measured:
        return None
    near = [s for s in measured if s.distance_km <= (radius or NEAR_STOP_MILES) * KM_PER_MILE]
    if near:
        return min(near, key=lambda s: (s.starts, s.distance_km)), True
    return min(measured, key=lambda s: (s.distance_km, s.starts)), False
