"""culture/ical.py, review of issue 14: exception dates go out as EXDATE however far the rule
runs (not only within the 500 dates the API expands), and a rule stored with its "RRULE:"
name reads as without it, in the feed and in the builder."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from culture.models import ProgramSession
from culture.recurrence import MAX_OCCURRENCES, dates_on
from culture.widgets import RecurrenceWidget, controls_from_rule, same_rule
from tests.culture.factories import make_program, weekly

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
START = datetime(2031, 10, 25, 18, tzinfo=CHICAGO)
# The 550th and 700th days of a daily rule from START, past the API's 500 dates.
LATE, LATER = (START + timedelta(days=549)).date(), (START + timedelta(days=699)).date()


def _event(client, session) -> icalendar.Event:
    response = client.get(f"/es/programas/larga/sessions/{session.pk}/ics/")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")[0]


def _days_read(client, session, first: date, last: date) -> list[date]:
    """The session's days between `first` and `last`, as icalendar + recurring-ical-events
    read its feed."""
    response = client.get(f"/es/programas/larga/sessions/{session.pk}/ics/")
    calendar = icalendar.Calendar.from_ical(response.content)
    found = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    return sorted(event["DTSTART"].dt.date() for event in found)


@pytest.mark.parametrize("rule", ["FREQ=DAILY;COUNT=800", "FREQ=DAILY", "RRULE:FREQ=DAILY"])
def test_a_cancellation_past_the_500th_date_reaches_calendars(client, programs_index, venue, rule):
    assert (LATE - START.date()).days + 1 > MAX_OCCURRENCES
    session = weekly(venue, START, recurrence=rule,
                     exceptions=f"2031-11-01\n{LATE}\n{LATER}")  # fmt: skip
    make_program(programs_index, "larga", sessions=[session])
    session = ProgramSession.objects.get(pk=session.pk)
    exdates = [moment.dt for line in _as_list(_event(client, session)["EXDATE"])
               for moment in line.dts]  # fmt: skip
    assert exdates == [datetime.combine(day, START.time(), tzinfo=CHICAGO)
                       for day in (date(2031, 11, 1), LATE, LATER)]  # fmt: skip
    around = [LATE - timedelta(days=1), LATE + timedelta(days=1)]
    assert _days_read(client, session, around[0], around[1]) == around
    assert _days_read(client, session, LATER, LATER) == []


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def test_the_dates_an_exception_leaves_out_are_the_rules_on_that_day_at_their_times():
    twice = "FREQ=DAILY;BYHOUR=10,16;COUNT=4"
    start = datetime(2031, 11, 1, 10, tzinfo=CHICAGO)
    assert dates_on(twice, start, {date(2031, 11, 2)}) == [
        datetime(2031, 11, 2, 10), datetime(2031, 11, 2, 16)
    ]  # fmt: skip
    saturdays = "FREQ=WEEKLY;BYDAY=SA"
    # A Wednesday is not one of its dates; a Saturday 40 years on is.
    assert dates_on(saturdays, START, {date(2031, 10, 29)}) == []
    assert dates_on(saturdays, START, {date(2071, 10, 24)}) == [datetime(2071, 10, 24, 18)]
    assert dates_on(twice, start, {date(2031, 11, 9)}) == []  # after its fourth date
    assert dates_on("FREQ=DAILY;BYSETPOS=2", START, {date(2031, 11, 1)}) == []


# --- "RRULE:" read alike ------------------------------------------------------------------------


def test_a_rule_written_with_its_name_reads_in_the_builder_as_without():
    named = "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=10"
    assert controls_from_rule(named) == {**controls_from_rule(named[6:]), "rule": named}
    assert same_rule(named, "FREQ=WEEKLY;COUNT=10;BYDAY=TU")
    assert 'target="cannotShow" hidden>' in RecurrenceWidget().render("recurrence", named)


def test_a_rule_written_with_its_name_goes_out_as_a_rule(client, programs_index, venue):
    session = weekly(venue, START, recurrence="RRULE:FREQ=WEEKLY;BYDAY=SA;COUNT=3")
    make_program(programs_index, "larga", sessions=[session])
    assert _event(client, session)["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=3;BYDAY=SA"
