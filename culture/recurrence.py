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
import warnings
from datetime import MAXYEAR, UTC, date, datetime, timedelta
from functools import lru_cache
from itertools import islice
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rruleset, rrulestr

MAX_OCCURRENCES = 500  # a rule without COUNT or UNTIL is cut here
# A rule's first date is looked for this many years after the session's start and no further:
# a rule with none by then (the fifth Friday of February comes every 28 years) is refused.
HORIZON_YEARS = 50
# The API and the calendar pages list a rule's dates this many years from its start at most
# (and MAX_OCCURRENCES of them); calendar applications read the rule itself, with no end.
EXPANSION_YEARS = 100
CALENDAR_CYCLE = 400  # years after which the Gregorian calendar repeats, weekdays included


class RecurrenceError(ValueError):
    pass


class NeverHappens(RecurrenceError):
    """A rule that gives no date at all (DAILY on 30 February) within HORIZON_YEARS."""


class TooFrequent(RecurrenceError):
    """A rule that repeats more often than daily (HOURLY, MINUTELY, SECONDLY): several times a
    day is DAILY with BYHOUR. Looking for the dates of such a rule can take minutes."""


class StartNotInRule(RecurrenceError):
    """A start that is not one of the rule's dates. `first` is the rule's first date from that
    start (naive, wall-clock time in the session's zone), or None when it gives none after it
    (COUNT=0, UNTIL before the start)."""

    def __init__(self, first: datetime | None):
        super().__init__(first)
        self.first = first


def rule_text(rule: str) -> str:
    """An RRULE value without the "RRULE:" name it may be written with: what every reader of a
    stored rule here (dateutil, icalendar, the builder) is given."""
    text = rule.strip()
    return text[6:].strip() if text.upper().startswith("RRULE:") else text


def parse_rule(rule: str, start_local: datetime):
    """The dateutil rule for an RRULE value ("FREQ=WEEKLY;BYDAY=TU;COUNT=10")."""
    return _parsed_rule(rule_text(rule), start_local.replace(tzinfo=None))


def check_rule(rule: str, start_local: datetime) -> None:
    """Raise RecurrenceError unless the rule can be saved. dateutil also takes INTERVAL=0 (the
    first date repeated for ever) and INTERVAL=-1 (which fails only while expanding)."""
    parsed = parse_rule(rule, start_local)
    if parsed._interval < 1:
        raise RecurrenceError("INTERVAL must be 1 or more")
    if parsed._freq > DAILY:
        raise TooFrequent(rule)
    if not rule_happens(rule, start_local):
        raise NeverHappens(rule)
    first = first_date(rule, start_local)
    if first != start_local.replace(tzinfo=None, microsecond=0):  # dateutil drops microseconds
        raise StartNotInRule(first)


def first_date(rule: str, start_local: datetime) -> datetime | None:
    """The rule's first date from `start_local` as dateutil reads it (naive, wall-clock time):
    the start itself when it is one of the rule's dates; None when the rule gives none within
    HORIZON_YEARS of the start."""
    if not rule_happens(rule, start_local):
        return None
    return _first(rule_text(rule), start_local.replace(tzinfo=None), ends=True)


def rule_happens(rule: str, start_local: datetime) -> bool:
    """Whether the rule, read without its end (COUNT, UNTIL), gives a date within HORIZON_YEARS
    of the start: a rule that gives none (DAILY on 30 February, DAILY;BYSETPOS=2) is refused,
    and one saved before that expands to nothing."""
    text, naive_start = rule_text(rule), start_local.replace(tzinfo=None)
    _parsed_rule(text, naive_start)  # a rule dateutil refuses raises here, however plain
    plain = naive_start.year < MAXYEAR - 1 and _plainly_happens(text)  # a year left to give one
    return plain or _first(text, naive_start, ends=False) is not None


PLAIN_PARTS = {"FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL", "WKST"}
WEEKDAY = re.compile(r"([+-]?[0-9]{1,2})?(MO|TU|WE|TH|FR|SA|SU)")


def _plainly_happens(text: str) -> bool:
    """True for the rules that give a date within a year of any start, told from their parts
    without walking them (a listing asks this of every session: walking a rule's variants takes
    about 0.2 ms, a second for the sessions of 500 programs in each new process). Every other
    rule is walked (_first). INTERVAL is at most 12 and the rule is:
    - without any BY part: its first date is the start itself (dateutil takes the missing
      parts from it);
    - WEEKLY on weekdays: each week holds them;
    - DAILY on weekdays, a day at a time (every seventh day on a Monday may never be one);
    - MONTHLY on weekdays, or on the first to fourth (or last to fourth-last) of weekdays
      (each month holds four of every weekday at least), not a mix of both, for which dateutil
      gives no date.
    tests/culture/test_recurrence.py holds the walk to these answers (Hypothesis)."""
    parts = {}
    for part in text.upper().split(";"):
        name, _equals, value = part.partition("=")
        parts[name.strip()] = value.strip()
    if not set(parts) <= PLAIN_PARTS or not parts.get("INTERVAL", "1").isdigit():
        return False
    freq, interval = parts.get("FREQ"), int(parts.get("INTERVAL", "1"))
    if freq not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY") or not 1 <= interval <= 12:
        return False
    if "BYDAY" not in parts:
        return True
    days = [WEEKDAY.fullmatch(day.strip()) for day in parts["BYDAY"].split(",")]
    if not all(days):
        return False
    ordinals = [int(day.group(1)) for day in days if day.group(1)]
    if freq == "WEEKLY":
        return not ordinals
    if freq == "DAILY":
        return not ordinals and interval == 1
    if freq == "MONTHLY":  # dateutil gives nothing for a mix ("MO,1TU"): walked
        return not ordinals or (
            len(ordinals) == len(days) and all(1 <= abs(ordinal) <= 4 for ordinal in ordinals)
        )
    return False


@lru_cache(maxsize=20_000)
def _first(text: str, naive_start: datetime, *, ends: bool) -> datetime | None:
    """The rule's first date within HORIZON_YEARS of its start, every part of it honoured;
    read without COUNT and UNTIL unless `ends`."""
    rule = _parsed_rule(text, naive_start)
    if rule._freq > DAILY:
        return None  # refused by check_rule: a step per hour would take minutes to walk
    # The same parts at a yearly pace, without BYSETPOS, give every day the rule can give:
    # when they give none (30 February), that is known in a step per year.
    if _walk(rule.replace(freq=YEARLY, interval=1, count=None, until=None, bysetpos=None,
                          cache=False)) is None:  # fmt: skip
        return None
    if rule._bysetpos and not any(abs(pos) <= _most_per_period(rule) for pos in rule._bysetpos):
        return None  # DAILY;BYSETPOS=2: a day holds one date (or one per BYHOUR)
    return _walk(rule if ends else rule.replace(count=None, until=None, cache=False))


def _most_per_period(rule) -> int:
    """How many dates one period of the rule can hold at most, the set BYSETPOS counts in."""
    days = {DAILY: 1, WEEKLY: 7, MONTHLY: 31, YEARLY: 366}[rule._freq]
    weekdays = rule._byweekday or rule._bynweekday
    if rule._freq == WEEKLY and rule._byweekday and not rule._bynweekday:
        days = len(rule._byweekday)
    elif rule._freq in (MONTHLY, YEARLY) and not (
        weekdays or rule._byyearday or rule._byweekno or rule._byeaster
    ):  # days of the month only (dateutil gives the start's when the rule names none)
        months = len(rule._bymonth or range(12)) if rule._freq == YEARLY else 1
        days = months * (len(rule._bymonthday) + len(rule._bynmonthday))
    return days * len(rule._timeset)


def _walk(rule) -> datetime | None:
    """The rule's first date within HORIZON_YEARS of its start (rule._dtstart), or None.

    dateutil stops looking only when it finds a date or passes the year 9999 (UNTIL is checked
    against the dates it finds, so it bounds nothing when there are none): a rule that gives no
    date walks to 9999 a period at a time, seconds for a daily one. So the rule is asked 400·k
    years later, where the calendar is the same, weekdays included, and 9999 comes at least
    HORIZON_YEARS, at most HORIZON_YEARS + 400 years after the start; what it finds is moved
    back. Easter (dateutil's BYEASTER) does not repeat every 400 years: such a rule is asked
    where it is."""
    start = rule._dtstart
    cycles = (MAXYEAR - HORIZON_YEARS - start.year) // CALENDAR_CYCLE
    shift = CALENDAR_CYCLE * cycles if cycles > 0 and not rule._byeaster else 0
    until = rule._until
    if until is not None:
        until = until.replace(year=until.year + shift) if until.year + shift <= MAXYEAR else None
    moved_start = start.replace(year=start.year + shift)
    try:
        found = next(iter(rule.replace(dtstart=moved_start, until=until, cache=False)), None)
    except (ValueError, OverflowError):  # a date past 9999-12-31: none before it
        found = None
    if found is None or found - moved_start > timedelta(days=HORIZON_YEARS * 366):
        return None
    return found.replace(year=found.year - shift)


@lru_cache(maxsize=20_000)
def _parsed_rule(text: str, naive_start: datetime):
    """A listing expands every live session on each request: rules are kept parsed, each with
    dateutil's cache of the occurrences already computed, so the next request reads them."""
    try:
        parsed = rrulestr(text, dtstart=naive_start, cache=True)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(str(error)) from error
    if isinstance(parsed, rruleset):  # several lines (RDATE, EXDATE, …): not one rule
        raise RecurrenceError(text)
    return parsed


def dates_on(rule: str, start_local: datetime, days: set[date]) -> list[datetime]:
    """The rule's dates that fall on `days` (naive, wall-clock time), each at its own time:
    what a session's exception dates leave out. Read from the rule itself up to the last of
    the days, however many dates come before (not from the expansion MAX_OCCURRENCES caps),
    and no further than HORIZON_YEARS after the start."""
    if not days or not rule_happens(rule, start_local):
        return []
    naive_start = start_local.replace(tzinfo=None)
    last = min(max(days), (naive_start + timedelta(days=HORIZON_YEARS * 366)).date())
    found = []
    for moment in parse_rule(rule, start_local):
        if moment.date() > last:
            break
        if moment.date() in days:
            found.append(moment)
    return found


@lru_cache(maxsize=20_000)
def _expansion(text: str, naive_start: datetime):
    """The rule as it is expanded: ending EXPANSION_YEARS after the start at the latest. A rule
    whose dates are decades apart (DAILY on a Friday 29 February) would otherwise walk to the
    year 9999 a day at a time to list its MAX_OCCURRENCES dates (13 s); dateutil checks UNTIL
    on each date it finds, so it stops at the first one past the end. Kept, with dateutil's
    cache of the dates found, as _parsed_rule is."""
    rule = _parsed_rule(text, naive_start)
    try:
        end = naive_start.replace(year=naive_start.year + EXPANSION_YEARS)
    except ValueError:  # past the year 9999 (or 29 February into a common year)
        end = (
            None
            if naive_start.year + EXPANSION_YEARS > MAXYEAR
            else naive_start + timedelta(days=EXPANSION_YEARS * 365)
        )
    if end is None or (rule._until is not None and rule._until <= end):
        return rule
    with warnings.catch_warnings():  # COUNT and UNTIL together: dateutil stops at either
        warnings.simplefilter("ignore", DeprecationWarning)
        return rule.replace(until=end, cache=True)


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
    naive_start = local_start.replace(tzinfo=None)
    naive = _expansion(rule_text(rule), naive_start) if rule.strip() else [naive_start]
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
