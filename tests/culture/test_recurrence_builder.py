"""The session editor's recurrence builder (issue 14, item 5): its controls read and write the
same RFC 5545 text as before; exception dates as date pickers; a time-zone picker; the next
dates, asked of the server, as culture.recurrence reads the rule for the public calendar."""

import html
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.users.models import UserProfile

from culture.models import ProgramPage, ProgramSession
from culture.recurrence import StartNotInRule, check_rule, occurrences, rule_happens
from culture.widgets import (
    CONTROLS,
    ExceptionDatesWidget,
    RecurrenceWidget,
    TimezoneSelect,
    controls_from_rule,
    rule_from_controls,
)
from tests.culture.factories import make_program, weekly
from tests.test_no_server_errors import NASTY
from tests.utils import admin_form_data

CHICAGO = ZoneInfo("America/Chicago")
DATES_URL = "/admin/culture/session-dates/"


def posted(name: str = "recurrence", **controls) -> QueryDict:
    """The builder's controls as a browser posts them (days: several values of one name)."""
    data = QueryDict(mutable=True)
    for control, value in controls.items():
        data.setlist(f"{name}_{control}", value if isinstance(value, list) else [value])
    return data


# --- the widget: rule text <-> controls ---------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "FREQ=DAILY",
        "FREQ=DAILY;INTERVAL=2;COUNT=14",
        "FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=TU;COUNT=10",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR",
        "FREQ=WEEKLY;BYDAY=SA;UNTIL=20311220T235959",
        "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3",
        "FREQ=MONTHLY;BYDAY=1SA;COUNT=6",
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR",
        "FREQ=YEARLY;COUNT=5",
    ],
)
def test_rules_the_builder_shows_come_back_as_written(rule):
    controls = controls_from_rule(rule)
    assert controls is not None
    assert rule_from_controls(controls) == rule
    assert 'target="cannotShow" hidden>' in RecurrenceWidget().render("recurrence", rule)
    widget = RecurrenceWidget()
    data = posted(**dict(zip(CONTROLS, widget.decompress(rule), strict=True)))
    assert widget.value_from_datadict(data, {}, "recurrence") == rule


def test_the_controls_say_what_the_rule_says():
    assert controls_from_rule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=4") == {
        "freq": "MONTHLY", "interval": "1", "byday": [], "monthly": "-1", "monthday": "",
        "weekday": "FR", "ends": "count", "count": "4", "until": "",
        "rule": "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4",
    }  # fmt: skip
    until = controls_from_rule("FREQ=WEEKLY;BYDAY=SA,TU;UNTIL=20311220T235959")
    assert (until["byday"], until["ends"], until["until"]) == (["SA", "TU"], "until", "2031-12-20")


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;WKST=SU",  # a part the builder has no control for
        "FREQ=WEEKLY;UNTIL=20311220",  # a date alone ends the day before, at a timed start
        "FREQ=WEEKLY;UNTIL=20311220T060000Z",
        "FREQ=DAILY;BYDAY=MO,TU",
        "FREQ=MONTHLY;BYMONTHDAY=1,15",
        "FREQ=MONTHLY;BYDAY=5SA",
        "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
        "FREQ=HOURLY;COUNT=3",
        "FREQ=WEEKLY;COUNT=3;UNTIL=20311220T235959",
        "not a rule",
    ],
)
def test_rules_the_builder_cannot_show_are_kept_as_written(rule):
    assert controls_from_rule(rule) is None
    widget = RecurrenceWidget()
    values = dict(zip(CONTROLS, widget.decompress(rule), strict=True))
    assert (values["freq"], values["rule"]) == ("custom", rule)
    assert widget.value_from_datadict(posted(**values), {}, "recurrence") == rule
    html = widget.render("sessions-0-recurrence", rule)
    # The builder says so (its notice not hidden) and opens "Advanced".
    assert 'data-recurrence-builder-target="cannotShow">' in html
    assert 'data-recurrence-builder-target="advanced" open>' in html
    assert 'data-recurrence-builder-prefix-value="sessions-0-"' in html


def test_the_controls_win_over_the_text_unless_it_says_the_same():
    widget = RecurrenceWidget()
    read = widget.value_from_datadict
    weekly_saturdays = {"freq": "WEEKLY", "interval": "1", "byday": ["SA"], "ends": "count",
                        "count": "6"}  # fmt: skip
    assert read(posted(**weekly_saturdays, rule="FREQ=DAILY"), {}, "recurrence") == (
        "FREQ=WEEKLY;BYDAY=SA;COUNT=6"
    )
    # The same rule spelled in another order keeps its spelling (no new SEQUENCE in calendars).
    same = posted("x", **weekly_saturdays, rule="FREQ=WEEKLY;COUNT=6;BYDAY=SA")
    assert read(same, {}, "x") == "FREQ=WEEKLY;COUNT=6;BYDAY=SA"
    assert read(posted(freq="custom", rule=" FREQ=DAILY;WKST=MO "), {}, "recurrence") == (
        "FREQ=DAILY;WKST=MO"
    )
    assert read(posted(freq="", rule="FREQ=DAILY"), {}, "recurrence") == ""
    nth = {"freq": "MONTHLY", "monthly": "2", "weekday": "TH", "ends": "until",
           "until": "2031-12-20"}  # fmt: skip
    assert read(posted(**nth), {}, "recurrence") == ("FREQ=MONTHLY;BYDAY=2TH;UNTIL=20311220T235959")


def test_exception_dates_are_date_rows_stored_one_per_line():
    widget = ExceptionDatesWidget()
    data = QueryDict(mutable=True)
    data.setlist("exceptions", ["2031-11-08", "", " 2031-12-27 "])
    assert widget.value_from_datadict(data, {}, "exceptions") == "2031-11-08\n2031-12-27"
    assert widget.value_from_datadict(QueryDict(), {}, "exceptions") == ""
    assert not widget.value_omitted_from_data(QueryDict(), {}, "exceptions")
    html = widget.render("exceptions", "2031-11-08, 2031-12-27")
    assert html.count('type="date"') == 3  # two dates and the empty row to copy
    assert 'value="2031-12-27"' in html
    # Text that is not dates stays as typed, for the editor to correct.
    assert 'type="text" name="exceptions" value="mañana"' in widget.render("exceptions", "mañana")


def test_the_time_zone_picker_puts_the_most_used_first_and_keeps_an_old_value():
    html = TimezoneSelect().render("timezone", "America/Chicago")
    assert html.index("America/Los_Angeles") < html.index("America/Mexico_City") < html.index(
        "America/Argentina/Buenos_Aires"
    ) < html.index("Europe/Madrid")  # fmt: skip
    assert '<option value="America/Chicago" selected>' in html
    assert "US/Central" not in html
    assert '<option value="US/Central" selected>' in TimezoneSelect().render("tz", "US/Central")


# --- the next dates, from the server ------------------------------------------------------------


@pytest.fixture
def editor(client, db):
    """A superuser whose admin speaks English and shows times in Chicago."""
    user = get_user_model().objects.create_superuser("editora", password="pw-editora-1")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(
        preferred_language="en", current_time_zone="America/Chicago"
    )
    client.force_login(user)
    return user


SATURDAYS = {
    "start": "2031-10-25 18:00",
    "timezone": "America/Chicago",
    "recurrence_freq": "WEEKLY",
    "recurrence_interval": "1",
    "recurrence_byday": "SA",
    "recurrence_ends": "count",
    "recurrence_count": "6",
    "exceptions": "2031-11-08",
}


def test_next_dates_need_an_admin_user(client, db):
    assert client.post(DATES_URL, SATURDAYS).status_code == 302  # to the log-in page
    ajax = client.post(DATES_URL, SATURDAYS, headers={"x-requested-with": "XMLHttpRequest"})
    assert ajax.status_code == 403
    client.force_login(get_user_model().objects.create_user("reader"))
    assert client.post(DATES_URL, SATURDAYS).status_code == 302


def test_next_dates_in_the_sessions_zone_skip_exceptions_across_the_dst_change(client, editor):
    # Chicago leaves daylight time on 2 November 2031: 18:00 stays 18:00 local (UTC shifts).
    response = client.post(DATES_URL, SATURDAYS)
    assert response.status_code == 200
    assert response.json() == {
        "rule": "FREQ=WEEKLY;BYDAY=SA;COUNT=6",
        "timezone": "America/Chicago",
        "dates": [
            "2031-10-25T18:00:00-05:00", "2031-11-01T18:00:00-05:00",
            "2031-11-15T18:00:00-06:00", "2031-11-22T18:00:00-06:00",
            "2031-11-29T18:00:00-06:00",
        ],
        "more": False,
    }  # fmt: skip
    # The public calendar reads the same rule the same way.
    session = ProgramSession(start=datetime(2031, 10, 25, 18, tzinfo=CHICAGO),
                             end=datetime(2031, 10, 25, 20, tzinfo=CHICAGO),
                             timezone="America/Chicago", recurrence=response.json()["rule"],
                             exceptions="2031-11-08")  # fmt: skip
    assert [begins.isoformat() for begins, _ in session.occurrences()] == response.json()["dates"]


def test_next_dates_of_a_rule_without_end_are_five_and_more(client, editor):
    answer = client.post(DATES_URL, {**SATURDAYS, "recurrence_freq": "DAILY",
                                     "recurrence_ends": "never", "timezone": "Europe/Madrid",
                                     "exceptions": ""}).json()  # fmt: skip
    assert len(answer["dates"]) == 5 and answer["more"] is True
    # 18:00 in Chicago, the editor's time zone, is 01:00 the next day in Madrid, which leaves
    # summer time that very night.
    assert answer["dates"][:2] == ["2031-10-26T01:00:00+02:00", "2031-10-27T01:00:00+01:00"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"start": ""}, "start", "Start: This field is required."),
        ({"start": "mañana"}, "start", "Start: Enter a valid date/time."),
        ({"timezone": "Mars/Base"}, "timezone", "Time zone: Not a time zone name"),
        ({"timezone": "America"}, "timezone", "Time zone: Not a time zone name"),
        ({"recurrence_interval": "0"}, "recurrence", "Not a valid recurrence rule"),
        ({"recurrence_count": ""}, "recurrence", "Not a valid recurrence rule"),
        ({"recurrence_freq": "custom", "recurrence_rule": "FREQ=SOMETIMES"}, "recurrence",
         "Not a valid recurrence rule"),
        ({"exceptions": ["2031-11-08", "el lunes"]}, "exceptions", "Not a date: el"),
        ({"start": "9999-12-31 23:00", "timezone": "Pacific/Kiritimati"}, "start", "calendar"),
        # A Friday start for "every Saturday": the rule's first date, as the editor types it.
        ({"start": "2031-10-24 18:00"}, "start",
         "Start: The first session must be one of the rule's dates: Saturday Oct. 25, 2031, "
         "6 p.m. is the first."),
        ({"recurrence_ends": "until", "recurrence_until": "2031-10-01"}, "recurrence",
         "gives no date from the start on"),
    ],
)  # fmt: skip
def test_bad_values_answer_400_json_naming_the_field(client, editor, change, field, message):
    response = client.post(DATES_URL, {**SATURDAYS, **change})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameters"
    assert [problem["parameter"] for problem in body["detail"]] == [field]
    assert message in body["detail"][0]["message"]


def test_bad_values_are_explained_in_the_editors_language(client, editor):
    UserProfile.objects.filter(user=editor).update(preferred_language="es")
    response = client.post(DATES_URL, {**SATURDAYS, "recurrence_interval": "0"})
    assert response.status_code == 400
    assert "No es una regla de repetición válida" in response.json()["detail"][0]["message"]
    assert client.get(DATES_URL).status_code == 405


ANSWER, ERROR = {"rule", "timezone", "dates", "more"}, {"error", "message", "detail"}
FIELDS = ["start", "timezone", "exceptions", *(f"recurrence_{name}" for name in CONTROLS)]
VALUES = st.one_of(
    NASTY,
    st.sampled_from(["", "1", "0", "-1", "31", "99999", "SA", "WEEKLY", "MONTHLY", "custom",
                     "count", "until", "2031-10-25", "2031-10-25 18:00", "America/Chicago",
                     "FREQ=WEEKLY;BYDAY=SA", "FREQ=DAILY;INTERVAL=-1"]),
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.dictionaries(st.sampled_from(FIELDS), VALUES))
def test_no_input_makes_a_server_error(client, editor, params):
    response = client.post(DATES_URL, {**SATURDAYS, **params})
    assert response.status_code in (200, 400)
    assert set(response.json()) == (ANSWER if response.status_code == 200 else ERROR)


# --- the editor's form ---------------------------------------------------------------------------


@pytest.fixture
def program(programs_index, venue):
    start = datetime(2031, 10, 25, 18, tzinfo=CHICAGO)
    return make_program(programs_index, "cine", sessions=[weekly(venue, start)])


def _publish(client, program, changes: dict):
    edit_url = reverse("wagtailadmin_pages:edit", args=[program.pk])
    data = {**admin_form_data(client.get(edit_url)), **changes, "action-publish": "publish"}
    return client.post(edit_url, data, follow=True)


def test_the_builder_saves_the_rule_and_the_dates_into_the_session(client, editor, program):
    response = _publish(client, program, {
        "sessions-0-recurrence_freq": "WEEKLY", "sessions-0-recurrence_byday": ["SA"],
        "sessions-0-recurrence_ends": "count", "sessions-0-recurrence_count": "6",
        "sessions-0-exceptions": ["2031-11-08", "2031-11-22"],
        "sessions-0-timezone": "America/Los_Angeles",
    })  # fmt: skip
    assert response.status_code == 200
    session = ProgramSession.objects.get(program=program)
    assert session.recurrence == "FREQ=WEEKLY;BYDAY=SA;COUNT=6"
    assert session.exceptions == "2031-11-08\n2031-11-22"
    assert session.timezone == "America/Los_Angeles"
    page = client.get(reverse("wagtailadmin_pages:edit", args=[program.pk])).content.decode()
    assert re.search(r'name="sessions-0-recurrence_byday" value="SA"[^>]* checked>', page)
    assert '<option value="America/Los_Angeles" selected>' in page


def test_a_session_saved_unchanged_keeps_its_rule_text_and_sequence(client, editor, program):
    ProgramSession.objects.filter(program=program).update(
        recurrence="FREQ=WEEKLY;COUNT=10;BYDAY=SA", exceptions="2031-11-08\n2031-11-15"
    )
    ProgramPage.objects.get(pk=program.pk).save_revision().publish()
    before = ProgramSession.objects.get(program=program)
    assert _publish(client, program, {}).status_code == 200
    after = ProgramSession.objects.get(program=program)
    assert (after.recurrence, after.exceptions, after.sequence) == (
        "FREQ=WEEKLY;COUNT=10;BYDAY=SA", "2031-11-08\n2031-11-15", before.sequence
    )  # fmt: skip


def test_a_bad_combination_is_a_field_error_in_the_editors_language(client, editor, program):
    UserProfile.objects.filter(user=editor).update(preferred_language="es")
    response = _publish(client, program, {
        "sessions-0-recurrence_freq": "WEEKLY", "sessions-0-recurrence_interval": "0",
    })  # fmt: skip
    assert response.status_code == 200
    assert "No es una regla de repetición válida" in response.content.decode()
    assert ProgramSession.objects.get(program=program).recurrence == ""


def test_a_rule_without_any_date_is_refused_in_the_editors_language(client, editor, program):
    UserProfile.objects.filter(user=editor).update(preferred_language="es")
    response = _publish(client, program, {
        "sessions-0-recurrence_freq": "custom",
        "sessions-0-recurrence_rule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    })  # fmt: skip
    assert response.status_code == 200
    assert "no da ninguna fecha" in response.content.decode()
    assert ProgramSession.objects.get(program=program).recurrence == ""


FIRST_FRIDAY = {"sessions-0-recurrence_freq": "MONTHLY", "sessions-0-recurrence_monthly": "1",
                "sessions-0-recurrence_weekday": "FR", "sessions-0-recurrence_ends": "count",
                "sessions-0-recurrence_count": "3"}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("es", "La primera sesión debe ser una de las fechas de la regla: la primera es el "
               "viernes 7 de noviembre de 2031 a las 18:00."),
        ("en", "The first session must be one of the rule's dates: Friday Nov. 7, 2031, 6 p.m. "
               "is the first."),
    ],
)  # fmt: skip
def test_a_start_that_is_not_one_of_the_rules_dates_is_refused_naming_the_first(
    client, editor, program, language, message
):
    # Saturday 25 October with "the first Friday of the month".
    UserProfile.objects.filter(user=editor).update(preferred_language=language)
    response = _publish(client, program, FIRST_FRIDAY)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert ProgramSession.objects.get(program=program).recurrence == ""
    # The preview of the next dates answers the same, on the same field.
    dates = client.post(
        DATES_URL,
        {
            **SATURDAYS,
            "exceptions": "",
            **{name[11:]: value for name, value in FIRST_FRIDAY.items()},
        },
    )
    assert dates.status_code == 400
    assert [(problem["parameter"], problem["message"].split(": ", 1)[1])
            for problem in dates.json()["detail"]] == [("start", message)]  # fmt: skip
    # Started on the date the message names, the session is saved.
    fixed = _publish(client, program, {**FIRST_FRIDAY, "sessions-0-start": "2031-11-07 18:00",
                                       "sessions-0-end": "2031-11-07 20:00"})  # fmt: skip
    assert fixed.status_code == 200
    saved = ProgramSession.objects.get(program=program)
    assert saved.recurrence == "FREQ=MONTHLY;BYDAY=1FR;COUNT=3"
    assert saved.start == datetime(2031, 11, 7, 18, tzinfo=CHICAGO)


def test_the_first_date_is_named_in_the_editors_time_zone(client, editor):
    # 20:00 in Chicago (the editor's zone) is a Friday 18:00 in Los Angeles, the session's.
    answer = client.post(DATES_URL, {**SATURDAYS, "start": "2031-10-24 20:00",
                                     "timezone": "America/Los_Angeles"})  # fmt: skip
    assert answer.status_code == 400
    assert answer.json()["detail"][0]["message"].endswith(
        "Saturday Oct. 25, 2031, 8 p.m. is the first."
    )


@pytest.mark.parametrize(
    ("rule", "start", "first"),
    [
        ("FREQ=MONTHLY;BYDAY=1SA;COUNT=6", datetime(2026, 12, 4, 9), datetime(2026, 12, 5, 9)),
        ("FREQ=MONTHLY;BYDAY=1SA;COUNT=6", datetime(2026, 12, 5, 9), None),
        ("FREQ=WEEKLY;BYDAY=SA", datetime(2031, 10, 25, 18, 0, 0, 250_000), None),
        ("FREQ=DAILY;BYHOUR=10,16", datetime(2031, 11, 1, 9), datetime(2031, 11, 1, 10)),
        ("FREQ=DAILY;COUNT=0", datetime(2031, 11, 1, 9), "none"),
        ("FREQ=DAILY;UNTIL=20311031", datetime(2031, 11, 1, 9), "none"),
    ],
)  # fmt: skip
def test_check_rule_wants_the_start_to_be_the_rules_first_date(rule, start, first):
    if first is None:
        check_rule(rule, start)
        return
    with pytest.raises(StartNotInRule) as refused:
        check_rule(rule, start)
    assert refused.value.first == (None if first == "none" else first)


@pytest.mark.parametrize(
    "rule, happens",
    [
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", False),
        ("FREQ=DAILY;BYMONTHDAY=31;BYMONTH=4,6,9,11", False),
        ("FREQ=MONTHLY;BYDAY=5FR;BYMONTH=2", True),  # a fifth Friday in February: 2036
        ("FREQ=MONTHLY;BYMONTHDAY=31", True),
        ("FREQ=WEEKLY;INTERVAL=3;BYDAY=SA;COUNT=4", True),
        ("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-1", True),
    ],
)
def test_whether_a_rule_gives_any_date_is_known_without_walking_to_the_year_9999(rule, happens):
    start = datetime(2031, 10, 25, 18, tzinfo=CHICAGO)
    assert rule_happens(rule, start) is happens
    # A session saved with such a rule before it was refused expands to nothing, not for ever.
    found = occurrences(start=start, end=start + timedelta(hours=2), timezone="America/Chicago",
                        rule=rule, limit=3)  # fmt: skip
    assert bool(found) is happens
