"""Sessions in time: RFC 5545 recurrence rules with exception dates, in the session's own time
zone, so a weekly 18:00 class stays at 18:00 local time across daylight-saving changes.

Parsing and expansion are dateutil's (`rrulestr`), never hand-written date loops.
"""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

MAX_OCCURRENCES = 500  # a rule without COUNT or UNTIL is cut here


class RecurrenceError(ValueError):
    pass


def parse_rule(rule: str, start_local: datetime):
    """The dateutil rule for an RRULE value ("FREQ=WEEKLY;BYDAY=TU;COUNT=10")."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    try:
        return rrulestr(text, dtstart=start_local.replace(tzinfo=None))
    except (ValueError, TypeError) as error:
        raise RecurrenceError(str(error)) from error


def parse_dates(text: str) -> list[date]:
    """Exception dates: ISO dates separated by spaces, commas or lines."""
    found = []
    for token in re.split(r"[\s,;]+", text.strip()):
        if not token:
            continue
        try:
            found.append(date.fromisoformat(token))
        except ValueError as error:
            raise RecurrenceError(token) from error
    return found


def occurrences(
    *,
    start: datetime,
    end: datetime,
    timezone: str,
    rule: str = "",
    exceptions: str = "",
    after: datetime | None = None,
    before: datetime | None = None,
    limit: int = MAX_OCCURRENCES,
) -> list[tuple[datetime, datetime]]:
    """(start, end) of each occurrence, aware in the session's zone, skipping exception dates,
    between `after` and `before` when given."""
    zone = ZoneInfo(timezone)
    local_start = start.astimezone(zone)
    duration = end - start
    skipped = set(parse_dates(exceptions)) if exceptions else set()
    naive = parse_rule(rule, local_start) if rule.strip() else [local_start.replace(tzinfo=None)]
    found = []
    for index, moment in enumerate(naive):
        if index >= MAX_OCCURRENCES or len(found) >= limit:
            break
        begins = moment.replace(tzinfo=zone)  # wall-clock time in the session's zone
        if begins.date() in skipped:
            continue
        ends = (begins.astimezone(ZoneInfo("UTC")) + duration).astimezone(zone)
        if after is not None and ends < after:
            continue
        if before is not None and begins > before:
            break
        found.append((begins, ends))
    return found
