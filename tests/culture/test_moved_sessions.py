"""A moved session in the API and the calendars (issue 15, item 3): GET /api/v1/sessions says
when it was first planned (`moved_from`, in the session's zone) beside its status, and every
feed says the move in the event's description — read back by icalendar with
recurring-ical-events and by vobject, at the dates the API lists — for a one-off session and
for a moved weekly series (same UID, a higher SEQUENCE: readers replace the event)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.utils import timezone, translation
from django.utils.formats import date_format

from culture.models import ProgramSession
from tests.culture.factories import make_program, weekly

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def moved(programs_index, venue):
    today = timezone.now().astimezone(CHICAGO)
    soon = today.replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=3)
    once = weekly(venue, soon, status="moved", moved_from=soon - timedelta(days=1))
    series = weekly(venue, soon + timedelta(days=1), recurrence="FREQ=WEEKLY;COUNT=3",
                    status="moved", moved_from=soon - timedelta(days=6))  # fmt: skip
    cancelled = weekly(venue, soon + timedelta(days=2), status="cancelled")
    make_program(programs_index, "movida", sessions=[once, series, cancelled])
    return {session.pk: session for session in ProgramSession.objects.all()}


def test_the_api_says_when_a_moved_session_was_first_planned(client, moved):
    rows = client.get("/api/v1/sessions", {"lang": "en"}).json()
    assert len(rows) == 5  # one, three weekly, one cancelled
    for row in rows:
        session = moved[int(row["ics_url"].rstrip("/").split("/")[-2])]
        assert row["status"] == session.status
        if session.moved_from:
            assert datetime.fromisoformat(row["moved_from"]) == session.moved_from
            assert row["moved_from"].endswith(("-05:00", "-06:00"))  # in Chicago's time
        else:
            assert row["moved_from"] is None
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "moved_from" in schema["OccurrenceOut"]["properties"]


def _by_uid(body: bytes) -> dict:
    """(start, description, status) of each occurrence, by UID, as each reader reads them."""
    found: dict = {"icalendar": {}, "vobject": {}}
    calendar = icalendar.Calendar.from_ical(body)
    for event in recurring_ical_events.of(calendar).between(
        timezone.now(), timezone.now() + timedelta(days=60)
    ):
        found["icalendar"].setdefault(str(event["UID"]), []).append(
            (event["DTSTART"].dt, str(event.get("DESCRIPTION", "")), str(event["STATUS"]))
        )
    for component in vobject.readComponents(body.decode("utf-8")):
        for event in component.contents.get("vevent", []):
            description = event.description.value if hasattr(event, "description") else ""
            found["vobject"][event.uid.value] = [
                (moment, description, event.status.value)
                for moment in (event.getrruleset(addRDate=True) or [event.dtstart.value])
            ]
    return found


def test_every_feed_says_the_move_where_the_api_puts_the_session(client, moved):
    api = client.get("/api/v1/sessions", {"lang": "en"}).json()
    for url in ("/en/programs/calendar/ics/", "/en/programs/movida/ics/"):
        read = _by_uid(client.get(url).content)
        for reader, events in read.items():
            for pk, session in moved.items():
                listed = sorted(datetime.fromisoformat(row["start"]) for row in api
                                if row["ics_url"].endswith(f"/sessions/{pk}/ics/"))  # fmt: skip
                occurrences = events[f"program-session-{pk}@retorno"]
                assert sorted(start for start, _text, _status in occurrences) == listed, reader
                for _start, text, status in occurrences:
                    if session.is_moved:
                        with translation.override("en"):
                            first = date_format(session.moved_from.astimezone(CHICAGO),
                                                "DATETIME_FORMAT")  # fmt: skip
                        assert text.endswith(f"(first planned for {first})")
                        assert text.startswith("Moved to ")
                        assert status == "CONFIRMED"
                    else:
                        assert "Moved" not in text and status == "CANCELLED"
