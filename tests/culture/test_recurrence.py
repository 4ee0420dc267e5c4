"""culture/recurrence.py: the search for a rule's dates is bounded (review of issue 14, item 1),
every part of the rule honoured; and the builder's dates are only for program editors."""

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import GroupPagePermission

from culture import recurrence
from culture.recurrence import (
    EXPANSION_YEARS,
    HORIZON_YEARS,
    MAX_OCCURRENCES,
    NeverHappens,
    TooFrequent,
    check_rule,
    first_date,
    occurrences,
    rule_happens,
    rule_text,
)

CHICAGO = ZoneInfo("America/Chicago")
START = datetime(2031, 10, 25, 18, tzinfo=CHICAGO)
DATES_URL = "/admin/culture/session-dates/"

# Rules that give no date although the same parts at a yearly pace without BYSETPOS do: dateutil
# walked each to the year 9999 (10–15 s for the daily one), whatever UNTIL said.
NO_DATE_BY_POSITION = [
    "FREQ=DAILY;BYSETPOS=2",
    "FREQ=DAILY;BYSETPOS=2;UNTIL=20321025T180000",
    "FREQ=WEEKLY;BYDAY=SA;BYSETPOS=3",
    "FREQ=WEEKLY;BYDAY=SA,SU;BYSETPOS=-3",
    "FREQ=MONTHLY;BYSETPOS=2",
    "FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=1,2;BYDAY=MO;BYSETPOS=2",
    "FREQ=YEARLY;BYDAY=MO;BYSETPOS=60",
]


@pytest.mark.parametrize("rule", NO_DATE_BY_POSITION)
def test_a_rule_whose_positions_never_fit_gives_no_date_and_is_known_at_once(rule):
    began = time.perf_counter()
    assert rule_happens(rule, START) is False
    assert first_date(rule, START) is None
    with pytest.raises(NeverHappens):
        check_rule(rule, START)
    assert occurrences(start=START, end=START + timedelta(hours=2), timezone="America/Chicago",
                       rule=rule) == []  # fmt: skip
    assert time.perf_counter() - began < 2  # was 10–15 s for the daily rule


@pytest.mark.parametrize(
    ("rule", "start"),
    [
        ("FREQ=WEEKLY;BYDAY=SA,SU;BYSETPOS=2", START),
        ("FREQ=DAILY;BYHOUR=10,16;BYSETPOS=2", START),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", START),
        ("FREQ=MONTHLY;BYDAY=5FR;BYMONTH=2", START),  # 29 February 2036
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=FR", START),
        ("FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH", START),
        ("FREQ=YEARLY;COUNT=3", datetime(2032, 2, 29, 9)),  # a leap day moved 400·k years
        ("FREQ=WEEKLY;BYDAY=TU", datetime(9990, 12, 27, 9)),  # near the end of the calendar
        ("FREQ=YEARLY;BYEASTER=0", datetime(2031, 1, 1, 10)),
        ("RRULE:FREQ=MONTHLY;BYMONTHDAY=31", START),
    ],
)
def test_the_first_date_is_the_one_dateutil_gives(rule, start):
    naive = start.replace(tzinfo=None)
    expected = next(iter(rrulestr(rule_text(rule), dtstart=naive)))
    assert first_date(rule, start) == expected
    assert rule_happens(rule, start) is True


def test_a_rule_is_looked_at_for_horizon_years_and_no_further():
    assert HORIZON_YEARS == 50
    # A Friday 29 February every 4 (2036) or every 12 years (2092) from 2032 on.
    start = datetime(2032, 1, 1, 9)
    every = "FREQ=YEARLY;INTERVAL={};BYMONTH=2;BYMONTHDAY=29;BYDAY=FR"
    assert first_date(every.format(4), start) == datetime(2036, 2, 29, 9)
    assert rule_happens(every.format(12), start) is False
    with pytest.raises(NeverHappens):
        check_rule(every.format(12), start)
    # Every fourth year from 2031 on is never a leap year.
    assert rule_happens("FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29", START) is False


@pytest.mark.parametrize("end", ["", ";COUNT=500"])
def test_a_rule_whose_dates_are_decades_apart_is_listed_for_expansion_years(end):
    # A Friday 29 February: 2036, 2064, 2092, 2104, 2132, … (walked to 9999 in 13 s before).
    start = datetime(2036, 2, 29, 18, tzinfo=CHICAGO)
    began = time.perf_counter()
    found = occurrences(start=start, end=start + timedelta(hours=1), timezone="America/Chicago",
                        rule="FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=FR" + end)  # fmt: skip
    assert time.perf_counter() - began < 2
    assert EXPANSION_YEARS == 100
    assert [begins.year for begins, _ends in found] == [2036, 2064, 2092, 2104, 2132]
    weekly = occurrences(start=START, end=START + timedelta(hours=2), timezone="America/Chicago",
                         rule="FREQ=WEEKLY")  # fmt: skip
    assert len(weekly) == MAX_OCCURRENCES  # ten years: the expansion's other bound


def test_the_rrule_name_is_read_alike_everywhere():
    assert rule_text(" RRULE:FREQ=WEEKLY;BYDAY=SA ") == "FREQ=WEEKLY;BYDAY=SA"
    assert rule_text("rrule: FREQ=DAILY") == "FREQ=DAILY"
    assert rule_text("FREQ=DAILY") == "FREQ=DAILY"


@pytest.mark.parametrize("rule", ["FREQ=HOURLY;COUNT=3", "FREQ=MINUTELY;BYSETPOS=2"])
def test_a_rule_more_often_than_daily_is_refused_and_never_walked(rule):
    with pytest.raises(TooFrequent):
        check_rule(rule, START)
    assert rule_happens(rule, START) is False


WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
RULES = st.builds(
    lambda freq, interval, days, extra, end: ";".join(
        filter(None, [f"FREQ={freq}", interval, days and "BYDAY=" + ",".join(days), extra, end])
    ),
    st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]),
    st.sampled_from(["", "INTERVAL=1", "INTERVAL=2", "INTERVAL=7", "INTERVAL=12", "INTERVAL=14"]),
    st.lists(
        st.builds(
            lambda n, day: f"{n}{day}",
            st.sampled_from(["", "", "1", "+2", "4", "-1", "-4", "5", "-5"]),
            st.sampled_from(WEEKDAYS),
        ),  # fmt: skip
        max_size=3,
    ),
    st.sampled_from(["", "", "BYMONTH=2", "BYMONTHDAY=31", "BYSETPOS=3", "WKST=SU"]),
    st.sampled_from(["", "COUNT=1", "UNTIL=20000101T000000"]),
)


@settings(max_examples=400, deadline=None)
@given(rule=RULES, start=st.datetimes(datetime(1990, 1, 1), datetime(2100, 12, 31)))
def test_a_rule_told_plain_from_its_parts_is_one_the_walk_finds_a_date_for(rule, start):
    """The listing's shortcut (recurrence._plainly_happens) never says a rule gives a date when
    walking it finds none, for rules written like the ones it takes and like the ones it leaves
    to the walk (a position, a month, a 31st; DAILY every seventh day on a Monday; a mix of
    weekdays and first Tuesdays, which dateutil never gives)."""
    try:
        recurrence._parsed_rule(rule, start.replace(microsecond=0))
    except recurrence.RecurrenceError:
        return  # dateutil refuses it: so does every reader
    if recurrence._plainly_happens(rule):
        assert recurrence._first(rule, start.replace(microsecond=0), ends=False) is not None


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=SA;COUNT=12",
        "FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=DAILY;UNTIL=20320101T000000",
        "FREQ=WEEKLY",
    ],
)
def test_the_common_rules_are_known_to_happen_without_walking_them(rule):
    """A new process lists 5,000 sessions: walking each rule's variants was half of its first
    listing (a second)."""
    start = datetime(2031, 10, 25, 18, 7, tzinfo=CHICAGO)  # a start no test has walked
    walked = recurrence._first.cache_info().misses
    assert rule_happens(rule, start) is True
    assert recurrence._first.cache_info().misses == walked
    asked = sum(recurrence._first.cache_info()[:2])  # hits and misses
    rule_happens(rule, datetime(9999, 12, 30, 9))  # no year left for a date: the walk decides
    assert sum(recurrence._first.cache_info()[:2]) == asked + 1


# --- the builder's dates, for program editors only ------------------------------------------

SATURDAYS = {"start": "2031-10-25 18:00", "timezone": "America/Chicago",
             "recurrence_freq": "WEEKLY", "recurrence_byday": "SA", "recurrence_ends": "count",
             "recurrence_count": "6"}  # fmt: skip


def _admin_user(name: str, *page_permissions: tuple) -> object:
    """A user with admin access and the given (page, action) permissions through a group."""
    user = get_user_model().objects.create_user(name, password=f"pw-{name}-1")
    group = Group.objects.create(name=f"group {name}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for page, action in page_permissions:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename=f"{action}_page")
        )
    user.groups.add(group)
    return user


def test_next_dates_need_a_program_editor(client, programs_index, venue):
    from tests.culture.factories import make_program, weekly

    make_program(programs_index, "cine", sessions=[weekly(venue, START)])
    client.force_login(_admin_user("visitante"))
    refused = client.post(DATES_URL, SATURDAYS)
    assert (refused.status_code, refused.json()["error"]) == (403, "forbidden")
    slow = {**SATURDAYS, "recurrence_freq": "custom", "recurrence_rule": "FREQ=DAILY;BYSETPOS=2"}
    assert client.post(DATES_URL, slow).status_code == 403
    for name, action in (("editora", "change"), ("autora", "add")):
        client.force_login(_admin_user(name, (programs_index, action)))
        response = client.post(DATES_URL, SATURDAYS)
        assert response.status_code == 200, action
        assert len(response.json()["dates"]) == 5


def test_a_rule_with_no_date_by_position_answers_400_in_the_editors_language(
    client, programs_index
):
    from wagtail.users.models import UserProfile

    editor = _admin_user("editora", (programs_index, "add"))
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="es")
    client.force_login(editor)
    began = time.perf_counter()
    response = client.post(DATES_URL, {**SATURDAYS, "recurrence_freq": "custom",
                                       "recurrence_rule": "FREQ=DAILY;BYSETPOS=2"})  # fmt: skip
    assert time.perf_counter() - began < 2
    assert response.status_code == 400
    assert "no da ninguna fecha" in response.json()["detail"][0]["message"]
    hourly = client.post(DATES_URL, {**SATURDAYS, "recurrence_freq": "custom",
                                     "recurrence_rule": "FREQ=HOURLY;COUNT=3"})  # fmt: skip
    assert "como mucho una vez al día" in hourly.json()["detail"][0]["message"]
