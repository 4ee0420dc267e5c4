"""Programs and sessions: validation in the reader's language, recurrence across daylight-saving
changes with exceptions, .ics files read back with `icalendar`, public pages and listing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from icalendar import Calendar

from culture.ical import session_calendar
from culture.models import (
    ProgramCategory,
    ProgramLanguage,
    ProgramSession,
    Venue,
)
from tests.culture.factories import make_program, weekly
from tests.utils import make_piece

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


def test_bad_sessions_are_refused_with_translated_messages(venue):
    start = datetime(2026, 10, 27, 18, tzinfo=CHICAGO)
    session = ProgramSession(start=start, end=start - timedelta(hours=1), timezone="Mars/Base",
                             recurrence="FREQ=SOMETIMES", exceptions="mañana")  # fmt: skip
    with translation.override("es"), pytest.raises(ValidationError) as error:
        session.clean()
    messages = error.value.message_dict
    assert messages["end"] == ["El final debe ser posterior al inicio."]
    assert "RFC 5545" in messages["recurrence"][0]
    assert messages["venue"] == ["Indique un lugar o un enlace en línea."]
    assert "mañana" in messages["exceptions"][0]
    with pytest.raises(ValidationError) as error:
        session.full_clean(exclude=["program"])
    assert "timezone" in error.value.message_dict


def test_weekly_sessions_keep_local_time_across_the_dst_change(venue):
    # Chicago leaves daylight time on 1 November 2026: 18:00 stays 18:00 local (UTC shifts).
    start = datetime(2026, 10, 20, 18, tzinfo=CHICAGO)
    session = weekly(venue, start, recurrence="FREQ=WEEKLY;COUNT=4", exceptions="2026-10-27")
    found = session.occurrences()
    assert [begins.date() for begins, _ends in found] == [
        date(2026, 10, 20), date(2026, 11, 3), date(2026, 11, 10)
    ]  # fmt: skip
    assert {begins.hour for begins, _ends in found} == {18}
    assert [begins.utcoffset() for begins, _ends in found] == [
        timedelta(hours=-5), timedelta(hours=-6), timedelta(hours=-6)
    ]  # fmt: skip
    assert all(ends - begins == timedelta(hours=2) for begins, ends in found)


def test_ics_is_valid_stable_and_says_cancelled(programs_index, venue):
    start = datetime(2026, 10, 20, 18, tzinfo=CHICAGO)
    program = make_program(programs_index, "nahuatl", sessions=[
        weekly(venue, start, recurrence="FREQ=WEEKLY;COUNT=4", exceptions="2026-10-27"),
        weekly(venue, start + timedelta(days=2), status="cancelled", notice_es="Cancelada"),
    ])  # fmt: skip
    first, cancelled = program.sessions.order_by("start")
    parsed = Calendar.from_ical(session_calendar(first))
    event = parsed.walk("VEVENT")[0]
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["America/Chicago"]
    assert event["DTSTART"].dt == start
    assert str(event["RRULE"].to_ical().decode()) == "FREQ=WEEKLY;COUNT=4"
    assert event["EXDATE"].dts[0].dt == datetime(2026, 10, 27, 18, tzinfo=CHICAGO)
    again = Calendar.from_ical(session_calendar(first)).walk("VEVENT")[0]
    assert again["UID"] == event["UID"]  # stable across regenerations
    assert event["SEQUENCE"] == 0
    first.start += timedelta(hours=1)
    first.save()
    assert Calendar.from_ical(session_calendar(first)).walk("VEVENT")[0]["SEQUENCE"] == 1
    cancelled_event = Calendar.from_ical(session_calendar(cancelled)).walk("VEVENT")[0]
    assert cancelled_event["STATUS"] == "CANCELLED"


def test_program_page_lists_sessions_in_their_zone_and_serves_ics(client, programs_index, venue):
    today = timezone.now().astimezone(CHICAGO)
    soon = today.replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=3)
    piece = make_piece("REP-1", title_es="Vasija olmeca")
    hidden = make_piece("REP-2", title_es="Vasija restringida", restricted=True)
    program = make_program(programs_index, "feria", sessions=[weekly(venue, soon)],
                           summary_es="Feria de salud.")  # fmt: skip
    program.related_pieces = [piece, hidden]
    program.save_revision().publish()
    html = client.get("/es/programas/feria/").content.decode()
    assert "a las 18:00" in html and "(America/Chicago)" in html
    assert "Vasija olmeca" in html and "restringida" not in html
    session = program.sessions.first()
    response = client.get(f"/es/programas/feria/sessions/{session.pk}/ics/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert Calendar.from_ical(response.content).walk("VEVENT")[0]["SUMMARY"] == "Programa feria"
    assert client.get("/es/programas/feria/sessions/999999/ics/").status_code == 404


def test_listing_shows_live_programs_only_in_constant_queries(
    client, programs_index, venue, django_assert_max_num_queries, no_page_cache
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    soon = timezone.now() + timedelta(days=2)
    make_program(programs_index, "borrador", sessions=[weekly(venue, soon)], publish=False,
                 title_es="Programa en borrador")  # fmt: skip

    def count(programs: int) -> int:
        for number in range(programs):
            daily = weekly(venue, soon, recurrence="FREQ=DAILY;COUNT=5")
            make_program(programs_index, f"p-{programs}-{number}", sessions=[daily])
        client.get("/es/programas/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/es/programas/")
        assert "Programa en borrador" not in response.content.decode()
        return len(queries)

    few = count(2)
    assert count(12) == few
    with django_assert_max_num_queries(few):
        client.get("/es/programas/")


def test_vocabularies_are_seeded_with_indigenous_languages():
    assert ProgramLanguage.objects.get(code="nah").indigenous
    assert ProgramCategory.objects.count() == 8


def test_a_piece_page_lists_the_live_programs_that_show_it(client, catalog, programs_index, venue):
    piece = make_piece("REP-9", title_es="Máscara")
    shown = make_program(programs_index, "expo", title_es="Exposición de máscaras")
    shown.related_pieces = [piece]
    shown.save_revision().publish()
    draft = make_program(programs_index, "expo-borrador", title_es="Exposición en borrador",
                         publish=False)  # fmt: skip
    draft.related_pieces = [piece]
    draft.save_revision()
    html = client.get("/es/catalogo/REP-9/").content.decode()
    assert "Programas que muestran esta pieza" in html
    assert "Exposición de máscaras" in html and "/es/programas/expo/" in html
    assert "Exposición en borrador" not in html


def test_program_page_carries_schema_org_events(client, programs_index, venue):
    import json
    import re

    soon = timezone.now().astimezone(CHICAGO) + timedelta(days=2)
    later = soon + timedelta(days=1)
    online = ProgramSession(start=later, end=later + timedelta(hours=1), timezone="America/Chicago",
                            online_url="https://example.org/live")  # fmt: skip
    program = make_program(programs_index, "taller", summary_es="Taller de náhuatl.",
                           sessions=[weekly(venue, soon, status="cancelled"), online])  # fmt: skip
    program.languages = [ProgramLanguage.objects.get(code="nah")]
    program.save_revision().publish()
    html = client.get("/es/programas/taller/").content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    first, second = data
    assert first["@type"] == "Event" and first["name"] == "Programa taller"
    assert first["eventStatus"] == "https://schema.org/EventCancelled"
    assert first["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert first["location"]["address"]["addressLocality"] == "Chicago"
    assert second["location"] == {"@type": "VirtualLocation", "url": "https://example.org/live"}
    assert second["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert first["inLanguage"] == ["nah"] and first["offers"]["price"] == "0"
    assert first["startDate"].endswith(("-05:00", "-06:00"))


def test_feeds_hold_live_programs_only(client, programs_index, venue):
    soon = timezone.now() + timedelta(days=2)
    make_program(programs_index, "visible", sessions=[weekly(venue, soon)], title_es="Visible")
    make_program(programs_index, "oculto", sessions=[weekly(venue, soon)], publish=False,
                 title_es="Oculto")  # fmt: skip
    response = client.get("/es/programas/calendar/ics/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Visible"]
    program_feed = Calendar.from_ical(client.get("/es/programas/visible/ics/").content)
    assert len(program_feed.walk("VEVENT")) == 1
    assert client.get("/es/programas/oculto/ics/").status_code == 404


def test_listing_filters_combine_and_bad_input_is_explained(client, programs_index, venue):
    la = Venue.objects.create(name_es="Centro LA", name="Centro LA", city="Los Angeles",
                              state="CA", timezone="America/Los_Angeles")  # fmt: skip
    soon = timezone.now() + timedelta(days=3)
    later = timezone.now() + timedelta(days=40)
    online = ProgramSession(start=soon, end=soon + timedelta(hours=1), timezone="America/Chicago",
                            online_url="https://example.org/live")  # fmt: skip
    nahuatl = make_program(programs_index, "nahuatl", title_es="Náhuatl en Chicago",
                           sessions=[weekly(venue, soon)])  # fmt: skip
    nahuatl.languages = [ProgramLanguage.objects.get(code="nah")]
    nahuatl.save_revision().publish()
    make_program(programs_index, "salud", title_es="Salud en LA", cost=10,
                 sessions=[ProgramSession(start=later, end=later + timedelta(hours=2),
                                          timezone="America/Los_Angeles", venue=la)])  # fmt: skip
    make_program(programs_index, "charla", title_es="Charla en línea", sessions=[online])

    def titles(query: dict) -> list[str]:
        html = client.get("/es/programas/", query).content.decode()
        return [t for t in ("Náhuatl en Chicago", "Salud en LA", "Charla en línea") if t in html]

    assert titles({}) == ["Náhuatl en Chicago", "Salud en LA", "Charla en línea"]
    assert titles({"city": "chicago"}) == ["Náhuatl en Chicago"]
    assert titles({"language": "nah"}) == ["Náhuatl en Chicago"]
    assert titles({"free": "on", "mode": "online"}) == ["Charla en línea"]
    until = (timezone.now() + timedelta(days=10)).date().isoformat()
    assert "Salud en LA" not in titles({"date_to": until})
    response = client.get("/es/programas/", {"date_from": "2026-12-10", "date_to": "2026-12-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "La fecha final no puede ser anterior a la inicial." in html
    assert "No hay resultados hasta que se corrijan los filtros." in html
    boston = client.get("/es/programas/", {"city": "Boston"}).content.decode()
    assert "Ningún programa coincide con estos filtros" in boston


def test_programs_and_sessions_api_with_filters_and_400s(client, programs_index, venue):
    soon = timezone.now().astimezone(CHICAGO) + timedelta(days=2)
    three = weekly(venue, soon, recurrence="FREQ=WEEKLY;COUNT=3")
    nahuatl = make_program(programs_index, "nahuatl", title_es="Náhuatl", sessions=[three])
    nahuatl.languages = [ProgramLanguage.objects.get(code="nah")]
    nahuatl.save_revision().publish()
    make_program(programs_index, "oculto", sessions=[weekly(venue, soon)], publish=False)
    payload = client.get("/api/v1/programs", {"language": "nah", "lang": "en"}).json()
    assert payload["count"] == 1
    program = payload["results"][0]
    assert program["slug"] == "nahuatl" and program["free"] is True
    assert program["languages"] == [{"code": "nah", "label": "Nahuatl"}]
    assert program["next_session"]["venue"]["city"] == "Chicago"
    assert program["feed_url"].endswith("/en/programs/nahuatl/ics/")
    sessions = client.get("/api/v1/sessions", {"city": "Chicago", "limit": 2}).json()
    assert [item["program"] for item in sessions] == ["nahuatl", "nahuatl"]
    assert sessions[0]["start"] < sessions[1]["start"]
    bad = client.get("/api/v1/sessions", {"date_from": "2026-12-10", "date_to": "2026-12-01"})
    assert bad.status_code == 400
    assert bad.json()["detail"][0]["parameter"] == "date_to"
    assert client.get("/api/v1/programs", {"category": "astrology"}).status_code == 400
    assert client.get("/api/v1/sessions", {"limit": 1000}).status_code == 400
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/programs" in paths and "/api/v1/sessions" in paths
