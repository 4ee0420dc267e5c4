"""Sessions in time: RFC 5545 recurrence rules with exception dates, in the session's own time
zone, so a weekly 18:00 class stays at 18:00 local time across daylight-saving changes.

Parsing and expansion are dateutil's (`rrulestr`), never hand-written date loops.

A session starts on one of its rule's dates (check_rule refuses a Friday start with "the first
Saturday of the month"): RFC 5545 counts DTSTART as the first occurrence even when the rule
does not give it, dateutil starts at the rule's first date, and calendar applications side with
one or the other, so such a session would fall on different days in different calendars. A
session saved before that was refused is read as dateutil reads it — from the rule's first
date on — here, in the API and in the feeds (culture.ical sends that date as DTSTART).
"""

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import YEARLY, rruleset, rrulestr

MAX_OCCURRENCES = 500  # a rule without COUNT or UNTIL is cut here


class RecurrenceError(ValueError):
    pass


class NeverHappens(RecurrenceError):
    """A rule that gives no date at all (DAILY on 30 February)."""


class StartNotInRule(RecurrenceError):
    """A start that is not one of the rule's dates. `first` is the rule's first date from that
    start (naive, wall-clock time in the session's zone), or None when it gives none after it
    (COUNT=0, UNTIL before the start)."""

    def __init__(self, first: datetime | None):
        super().__init__(first)
        self.first = first


def parse_rule(rule: str, start_local: datetime):
    """The dateutil rule for an RRULE value ("FREQ=WEEKLY;BYDAY=TU;COUNT=10")."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    return _parsed_rule(text, start_local.replace(tzinfo=None))


def check_rule(rule: str, start_local: datetime) -> None:
    """Raise RecurrenceError unless the rule can be saved. dateutil also takes INTERVAL=0 (the
    first date repeated for ever) and INTERVAL=-1 (which fails only while expanding)."""
    parsed = parse_rule(rule, start_local)
    rules = parsed._rrule if isinstance(parsed, rruleset) else [parsed]
    if any(each._interval < 1 for each in rules):
        raise RecurrenceError("INTERVAL must be 1 or more")
    if not rule_happens(rule, start_local):
        raise NeverHappens(rule)
    first = first_date(rule, start_local)
    if first != start_local.replace(tzinfo=None, microsecond=0):  # dateutil drops microseconds
        raise StartNotInRule(first)


def first_date(rule: str, start_local: datetime) -> datetime | None:
    """The rule's first date from `start_local` as dateutil reads it (naive, wall-clock time):
    the start itself when it is one of the rule's dates; None when the rule gives none."""
    if not rule_happens(rule, start_local):
        return None  # dateutil would look for it up to the year 9999
    return next(iter(parse_rule(rule, start_local)), None)


def rule_happens(rule: str, start_local: datetime) -> bool:
    """Whether the rule gives any date. dateutil looks for the next date of a rule that has
    none up to the year 9999, a step per period: DAILY on 30 February takes seconds, on every
    request that expands it. The same BY-parts at a yearly pace (without BYSETPOS) give every
    date the rule can give, and reach 9999 in a fraction of that; the answer is kept."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    return _happens(text, start_local.replace(tzinfo=None))


@lru_cache(maxsize=20_000)
def _happens(text: str, naive_start: datetime) -> bool:
    parsed = _parsed_rule(text, naive_start)
    if isinstance(parsed, rruleset):
        return True
    probe = parsed.replace(freq=YEARLY, interval=1, count=1, until=None,
                           bysetpos=None)  # fmt: skip
    return next(iter(probe), None) is not None


@lru_cache(maxsize=20_000)
def _parsed_rule(text: str, naive_start: datetime):
    """A listing expands every live session on each request: rules are kept parsed, each with
    dateutil's cache of the occurrences already computed, so the next request reads them."""
    try:
        return rrulestr(text, dtstart=naive_start, cache=True)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(str(error)) from error


@lru_cache(maxsize=5_000)
def _exception_days(text: str) -> frozenset[date]:
    return frozenset(parse_dates(text))


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


def iter_occurrences(
    *,
    start: datetime,
    end: datetime,
    timezone: str,
    rule: str = "",
    exceptions: str = "",
    after: datetime | None = None,
    before: datetime | None = None,
):
    """(start, end) of each occurrence in time order, aware in the session's zone, skipping
    exception dates, between `after` and `before` when given; lazily, so a caller merging many
    sessions stops as soon as it has enough."""
    zone = ZoneInfo(timezone)
    local_start = start.astimezone(zone)
    duration = end - start
    skipped = _exception_days(exceptions) if exceptions else frozenset()
    if rule.strip() and not rule_happens(rule, local_start):
        return  # saved before such rules were refused (check_rule)
    naive = parse_rule(rule, local_start) if rule.strip() else [local_start.replace(tzinfo=None)]
    for index, moment in enumerate(naive):
        if index >= MAX_OCCURRENCES:
            return
        begins = moment.replace(tzinfo=zone)  # wall-clock time in the session's zone
        if begins.date() in skipped:
            continue
        ends = (begins.astimezone(UTC) + duration).astimezone(zone)
        if after is not None and ends < after:
            continue
        if before is not None and begins > before:
            return
        yield begins, ends


def occurrences(*, limit: int = MAX_OCCURRENCES, **session) -> list[tuple[datetime, datetime]]:
    """The first `limit` occurrences of `iter_occurrences`, as a list."""
    return list(islice(iter_occurrences(**session), limit))
