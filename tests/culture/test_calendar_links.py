""" "Add to my calendar" and "share" on a program page, and sessions that say they were moved or
cancelled: the Google Calendar and Outlook links are read back (title, times, zone), the
webcal:// addresses are fetched and read with `icalendar`, on the request's own host."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.template.defaultfilters import date as date_format
from django.utils import timezone, translation
from icalendar import Calendar

from culture.calendar_links import CalendarEntry, event_links
from culture.models import ProgramSession
from tests.culture.factories import make_program, weekly

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


def query(url: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def read_google(url: str) -> tuple[datetime, datetime, dict]:
    """A Google Calendar event link read back: its times in its zone (`ctz`) and its fields."""
    fields = query(url)
    zone = ZoneInfo(fields["ctz"])
    begins, ends = (datetime.strptime(part, "%Y%m%dT%H%M%S").replace(tzinfo=zone)
                    for part in fields["dates"].split("/"))  # fmt: skip
    return begins, ends, fields


def read_outlook(url: str) -> tuple[datetime, datetime, dict]:
    fields = query(url)
    begins, ends = (datetime.fromisoformat(fields[name].replace("Z", "+00:00"))
                    for name in ("startdt", "enddt"))  # fmt: skip
    return begins, ends, fields


def test_google_and_outlook_links_carry_the_same_event():
    start = datetime(2026, 11, 3, 18, tzinfo=CHICAGO)  # after the change to standard time
    entry = CalendarEntry(title="Clases de náhuatl & más", start=start,
                          end=start + timedelta(hours=2), timezone="America/Chicago",
                          location="Consulado, Chicago, IL", details="Traiga cuaderno.",
                          url="https://example.org/es/programas/nahuatl/")  # fmt: skip
    links = event_links(entry)
    assert urlsplit(links["google"]).netloc == "calendar.google.com"
    begins, ends, google = read_google(links["google"])
    assert (begins, ends) == (entry.start, entry.end)
    assert google["dates"] == "20261103T180000/20261103T200000"  # wall-clock time in its zone
    assert google["ctz"] == "America/Chicago"
    assert google["text"] == "Clases de náhuatl & más"
    assert google["location"] == "Consulado, Chicago, IL"
    assert urlsplit(links["outlook"]).netloc == "outlook.live.com"
    begins, ends, outlook = read_outlook(links["outlook"])
    assert (begins, ends) == (entry.start, entry.end)
    assert outlook["startdt"] == "2026-11-04T00:00:00Z"  # 18:00 in Chicago (UTC-6)
    assert outlook["subject"] == google["text"] and outlook["body"] == google["details"]
    assert outlook["location"] == google["location"]


@pytest.fixture
def program(programs_index, venue):
    today = timezone.now().astimezone(CHICAGO).replace(hour=18, minute=0, second=0,
                                                       microsecond=0)  # fmt: skip
    weekly_start = today + timedelta(days=3)
    return make_program(programs_index, "taller", summary_es="Un taller para familias.", sessions=[
        weekly(venue, weekly_start, recurrence="FREQ=WEEKLY;COUNT=3"),
        weekly(venue, today + timedelta(days=5), status="cancelled", notice_es="Por lluvia."),
        weekly(venue, today + timedelta(days=12), status="moved",
               moved_from=today + timedelta(days=6)),
    ])  # fmt: skip


def test_each_session_can_be_added_to_a_calendar(client, program):
    html = client.get("/es/programas/taller/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    sessions = soup.select("li.session")
    first = program.sessions.get(recurrence__gt="")
    expected = first.occurrences(after=timezone.now())
    google = [a["href"] for a in sessions[0].find_all("a") if "calendar.google" in a["href"]]
    begins, ends, fields = read_google(google[0])
    assert (begins, ends) == expected[0]
    assert fields["ctz"] == "America/Chicago" and fields["text"] == "Programa taller"
    assert "http://testserver/es/programas/taller/" in fields["details"]
    outlook = [a["href"] for a in sessions[0].find_all("a") if "outlook" in a["href"]]
    assert read_outlook(outlook[0])[:2] == expected[0]
    # The session's webcal:// address is a feed icalendar reads, on the request's host.
    adding = sessions[0].select_one("p.calendar-links")
    webcal = [a["href"] for a in adding.find_all("a") if a["href"].startswith("webcal:")][0]
    assert webcal.startswith("webcal://testserver/es/programas/taller/sessions/")
    feed = client.get(urlsplit(webcal).path)
    event = Calendar.from_ical(feed.content).walk("VEVENT")[0]
    assert event["SUMMARY"] == "Programa taller"
    assert event["DTSTART"].dt == first.start.astimezone(CHICAGO)
    # A cancelled session offers no calendar link.
    cancelled = [item for item in sessions if "is-cancelled" in item["class"]]
    assert cancelled and not cancelled[0].select("a[href*='calendar.google']")


def test_the_program_calendar_is_offered_to_every_client_and_the_page_shared(client, program):
    html = client.get("/es/programas/taller/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    links = soup.select_one("p.subscribe").find_all("a")
    hrefs = [a["href"] for a in links]
    feed = "http://testserver/es/programas/taller/ics/"
    assert "webcal://testserver/es/programas/taller/ics/" in hrefs
    google = next(href for href in hrefs if "calendar.google" in href)
    assert query(google)["cid"] == "webcal://testserver/es/programas/taller/ics/"
    outlook = next(href for href in hrefs if "outlook" in href)
    assert query(outlook) == {"url": feed, "name": "Programa taller"}
    body = client.get(urlsplit(feed).path).content
    assert len(Calendar.from_ical(body).walk("VEVENT")) == 3
    canonical = soup.find("link", rel="canonical")["href"]
    share = soup.select_one("p.share").find_all("a")
    assert share[0]["href"] == canonical == "http://testserver/es/programas/taller/"
    assert share[1]["href"].startswith("mailto:?")
    assert query(share[1]["href"].replace("mailto:", "mailto://x", 1)) == {
        "subject": "Programa taller", "body": canonical
    }  # fmt: skip


def _when(moment: datetime) -> str:
    return date_format(moment.astimezone(CHICAGO), "DATETIME_FORMAT")


def test_moved_and_cancelled_sessions_say_so_on_the_program_page_and_listing(client, program):
    cancelled = program.sessions.get(status="cancelled")
    moved = program.sessions.get(status="moved")
    page = client.get("/es/programas/taller/").content.decode()
    listing = client.get("/es/programas/").content.decode()
    with translation.override("es"):
        says_cancelled = f"Cancelada: {_when(cancelled.start)}"
        was = _when(moved.moved_from)
        says_moved = f"Cambiada al {_when(moved.start)} (prevista para el {was})"
    assert says_cancelled in page and says_moved in page
    assert "Por lluvia." in page
    # The listing's card names the soonest change: the cancellation comes first.
    card = BeautifulSoup(listing, "html.parser").select_one("li.program-card")
    assert says_cancelled in card.get_text()
    english = client.get("/en/programs/taller/").content.decode()
    assert "Cancelled: " in english and "Moved to " in english and "first planned for" in english


def test_only_a_moved_session_has_a_first_planned_date(venue):
    start = datetime(2026, 10, 20, 18, tzinfo=CHICAGO)
    session = weekly(venue, start, moved_from=start - timedelta(days=2))
    with translation.override("es"), pytest.raises(ValidationError) as error:
        session.clean()
    assert error.value.message_dict["moved_from"] == [
        "Solo una sesión cambiada de fecha tiene una fecha prevista originalmente."
    ]
    session.status = ProgramSession.Status.MOVED
    session.clean()
