"""iCalendar for programs, made with `icalendar`: VTIMEZONE for every zone used, a UID that stays
the same across regenerations, SEQUENCE that grows with changes, STATUS:CANCELLED."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from core.links import page_url
from culture.recurrence import parse_dates

PRODID = "-//Retorno//Programas//ES"


def session_uid(session) -> str:
    return f"program-session-{session.pk}@retorno"


def session_event(session, *, url: str | None = None) -> Event:
    program = session.program
    zone = ZoneInfo(session.timezone)
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("sequence", session.sequence)
    event.add("summary", program.title)
    if program.summary:
        event.add("description", program.summary)
    event.add("dtstart", session.start.astimezone(zone))
    event.add("dtend", session.end.astimezone(zone))
    if session.recurrence.strip():
        rule = session.recurrence.strip()
        event.add(
            "rrule", vRecur.from_ical(rule[6:] if rule.upper().startswith("RRULE:") else rule)
        )
    if session.exceptions.strip():
        local = session.start.astimezone(zone)
        event.add(
            "exdate",
            [
                datetime.combine(day, local.time(), tzinfo=zone)
                for day in parse_dates(session.exceptions)
            ],
        )
    if session.venue_id:
        event.add("location", f"{session.venue.name}, {session.venue.address}")
    elif session.online_url:
        event.add("location", session.online_url)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def calendar(events, *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def session_calendar(session, *, request=None) -> bytes:
    url = page_url(session.program, request)
    return calendar([session_event(session, url=url)], name=session.program.title)


def feed_calendar(sessions, *, name: str, request=None) -> bytes:
    """One calendar of many sessions (the URLs of their programs made once per program)."""
    urls = {}
    events = []
    for session in sessions:
        if session.program_id not in urls:
            urls[session.program_id] = page_url(session.program, request)
        events.append(session_event(session, url=urls[session.program_id]))
    return calendar(events, name=name)


def calendar_response(body: bytes, *, filename: str, disposition: str = "inline"):
    from django.http import HttpResponse

    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.ics"'
    return response


def feed_response(sessions, *, name: str, filename: str, request=None):
    """An .ics response for many sessions."""
    return calendar_response(feed_calendar(sessions, name=name, request=request), filename=filename)


def stop_event(stop, *, url: str | None = None) -> Event:
    """A mobile-consulate stop as an event (its services as the description)."""
    event = Event()
    event.add("uid", f"route-stop-{stop.pk}@retorno")
    event.add("dtstamp", timezone.now())
    event.add("sequence", stop.sequence)
    event.add("summary", f"{stop.route.name}: {stop.venue.city}")
    event.add("description", stop.services)
    event.add("dtstart", stop.starts)
    event.add("dtend", stop.ends)
    event.add("location", f"{stop.venue.name}, {stop.venue.address}")
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if stop.is_cancelled else "CONFIRMED")
    return event
