"""Reads the public program pages share. Public = live pages without view restrictions."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from culture.models import ProgramPage, ProgramSession

UPCOMING_LIMIT = 12


def _sessions() -> Prefetch:
    return Prefetch(
        "sessions",
        queryset=ProgramSession.objects.select_related("venue").order_by("start"),
        to_attr="session_list",
    )


def program_list_public(*, parent=None) -> list[ProgramPage]:
    """Live programs with their category, organizer and sessions, in a fixed number of
    queries; each carries `next_occurrence` (or None) and they come soonest first."""
    queryset: QuerySet = ProgramPage.objects.live().public()
    if parent is not None:
        queryset = queryset.child_of(parent)
    programs = list(
        queryset.select_related("category", "organizer")
        .prefetch_related("languages", "audiences", _sessions())
        .order_by("title_es")
    )
    now = timezone.now()
    for program in programs:
        upcoming = [
            (begins, session)
            for session in program.session_list
            if not session.is_cancelled
            for begins, _ends in session.occurrences(after=now, limit=1)
        ]
        program.next_occurrence = min(upcoming, key=lambda pair: pair[0]) if upcoming else None
    far = timezone.datetime.max.replace(tzinfo=timezone.get_current_timezone())
    programs.sort(key=lambda p: (p.next_occurrence[0] if p.next_occurrence else far, p.title))
    return programs


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
