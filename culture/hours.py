"""Opening hours read in the place's own time zone: "open now" and "hours today" for an instant
given by the caller (never `now()` here), so daylight-saving changes and readers in other zones
are answered alike. A span never crosses midnight (OpeningHours.clean)."""

from dataclasses import dataclass
from datetime import datetime, time
from typing import NamedTuple
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Span:
    opens: time
    closes: time


class Weekly(NamedTuple):
    """An OpeningHours row as plain values: what the directory keeps of a place's week."""

    weekday: int
    opens: time
    closes: time


def local(instant: datetime, zone: str) -> datetime:
    """The instant on the place's clock (an aware datetime in its zone)."""
    return instant.astimezone(ZoneInfo(zone))


def spans_on(rows, weekday: int) -> list[Span]:
    """The spans of `rows` (OpeningHours, prefetched) on a weekday (0 = Monday), in order."""
    return sorted(
        (Span(row.opens, row.closes) for row in rows if row.weekday == weekday),
        key=lambda span: span.opens,
    )


def hours_today(rows, *, zone: str, now: datetime) -> list[Span]:
    """The spans of the place's own today (its date at `now`, on its clock)."""
    return spans_on(rows, local(now, zone).weekday())


def is_open(rows, *, zone: str, now: datetime) -> bool | None:
    """Whether the place is open at `now`; None when it publishes no hours at all."""
    rows = list(rows)
    if not rows:
        return None
    moment = local(now, zone)
    clock = moment.time().replace(tzinfo=None)
    return any(span.opens <= clock < span.closes for span in spans_on(rows, moment.weekday()))


def week(rows) -> list[tuple[int, list[Span]]]:
    """Every weekday with its spans (empty: closed), Monday first."""
    return [(weekday, spans_on(rows, weekday)) for weekday in range(7)]
