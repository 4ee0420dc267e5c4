"""Reads the public program pages share. Public = live pages without view restrictions."""

from datetime import datetime, time

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from culture.models import ProgramPage, ProgramSession

UPCOMING_LIMIT = 12


def _sessions() -> Prefetch:
    return Prefetch(
        "sessions",
        queryset=ProgramSession.objects.select_related("venue").order_by("start"),
        to_attr="session_list",
    )


def _session_matches(session, filters: dict) -> bool:
    venue = session.venue
    if filters.get("mode") == "online" and not session.online_url:
        return False
    if filters.get("mode") == "in-person" and venue is None:
        return False
    for name in ("city", "state"):
        wanted = (filters.get(name) or "").strip().casefold()
        if wanted and (venue is None or getattr(venue, name).casefold() != wanted):
            return False
    return True


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
    narrowed = any(filters.get(name) for name in ("city", "state", "mode", "date_from", "date_to"))
    kept = []
    for program in programs:
        upcoming = [
            (begins, session)
            for session in program.session_list
            if not session.is_cancelled and _session_matches(session, filters)
            for begins, _ends in session.occurrences(after=after, before=before, limit=1)
        ]
        program.next_occurrence = min(upcoming, key=lambda pair: pair[0]) if upcoming else None
        if program.next_occurrence or not narrowed:
            kept.append(program)
    far = datetime.max.replace(tzinfo=zone)
    kept.sort(key=lambda p: (p.next_occurrence[0] if p.next_occurrence else far, p.title))
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
    return {
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


def occurrences_public(*, filters: dict, now, limit: int) -> list[tuple]:
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
    for program in program_list_public(filters=filters):
        for session in program.session_list:
            if not _session_matches(session, filters):
                continue
            for begins, ends in session.occurrences(after=after, before=before, limit=limit):
                found.append((program, session, begins, ends))
    found.sort(key=lambda row: (row[2], row[0].title))
    return found[:limit]
