"""iCalendar for programs, made with `icalendar`: VTIMEZONE for every zone used, a UID that stays
the same across regenerations, SEQUENCE that grows with changes, STATUS:CANCELLED.

Every reader must find the dates the API lists (culture.recurrence), so an event says them in
the one way RFC 5545 readers and dateutil-based ones read alike:
- DTSTART is the session's first date as culture.recurrence reads it: its start, since a start
  that is not one of the rule's dates is refused; for a session saved before that, the rule's
  first date after the start (RFC 5545 would make the start itself an extra occurrence).
- UNTIL goes out in UTC, as RFC 5545 asks when DTSTART has a TZID: the rule as stored ends at a
  wall-clock time (the builder's "23:59:59 that day") or a day, which readers take as UTC, as
  local time or as the whole day.
- EXDATE names each occurrence left out, at its own time, read from the exception dates and the
  rule (culture.recurrence.dates_on), however far: not from the dates the API expands.
- A rule without COUNT or UNTIL goes out as written: calendars follow it past the dates the API
  expands (culture.recurrence.MAX_OCCURRENCES).
A session that has no date at all (a rule saved before such rules were refused, or every date an
exception) is left out: no RRULE can say "never", and an event's DTSTART always counts.
Each VTIMEZONE (icalendar's) names each change of time on an RDATE line of its own (vobject, for
one, reads only the first date of a line) and is the same in every feed, from 2000 to 2050: some
readers keep the first VTIMEZONE they meet for a TZID and read every later calendar with it.
"""

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Calendar, Event, Timezone, vRecur

from core.links import page_url
from culture.recurrence import dates_on, iter_occurrences, parse_dates, rule_text

PRODID = "-//Retorno//Programas//ES"
ZONE_YEARS = (date(2000, 1, 1), date(2050, 1, 1))  # the changes of time a VTIMEZONE lists


def session_uid(session) -> str:
    return f"program-session-{session.pk}@retorno"


def _rule_for_readers(rule: str, zone: ZoneInfo) -> vRecur:
    """The stored rule with its UNTIL in UTC, where culture.recurrence (dateutil) puts it: a
    wall-clock time in the session's zone, or a day's midnight there."""
    parts = vRecur.from_ical(rule_text(rule))
    if parts.get("UNTIL"):
        until = parts["UNTIL"][0]
        if not isinstance(until, datetime):
            until = datetime.combine(until, time.min)
        if until.tzinfo is None:
            until = until.replace(tzinfo=zone)
        parts["UNTIL"] = [until.astimezone(UTC)]
    return parts


def session_event(session, *, url: str | None = None) -> Event | None:
    """The session as one event (its rule and exceptions included), or None when it has no
    date at all."""
    program = session.program
    zone = ZoneInfo(session.timezone)
    rule = session.recurrence.strip()
    timing = {"start": session.start, "end": session.end, "timezone": session.timezone,
              "rule": rule}  # fmt: skip
    skipped = set(parse_dates(session.exceptions)) if session.exceptions.strip() else set()
    if next(iter_occurrences(**timing, exceptions=session.exceptions), None) is None:
        return None
    begins, ends = next(iter_occurrences(**timing))  # the first date, exception or not
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("sequence", session.sequence)
    event.add("summary", program.title)
    # A moved session keeps its UID (its SEQUENCE grows): readers replace the event. The move
    # is said in its description, as the pages say it, with the date it was first planned for.
    description = "\n\n".join(
        text for text in (program.summary, session.is_moved and session.change_text(begins)) if text
    )
    if description:
        event.add("description", description)
    event.add("dtstart", begins)
    event.add("dtend", ends)
    if rule:
        event.add("rrule", _rule_for_readers(rule, zone))
    if rule and skipped:
        local_start = session.start.astimezone(zone)
        left_out = [moment.replace(tzinfo=zone) for moment in dates_on(rule, local_start, skipped)]
        if left_out:
            event.add("exdate", left_out)
    if session.venue_id:
        event.add("location", f"{session.venue.name}, {session.venue.address}")
    elif session.online_url:
        event.add("location", session.online_url)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    return event


def _one_change_a_line(zone) -> None:
    for observance in zone.subcomponents:
        found = observance.pop("RDATE", None)
        for line in found if isinstance(found, list) else [found] if found else []:
            for moment in line.dts:
                observance.add("RDATE", moment.dt)


@lru_cache(maxsize=256)
def _vtimezone(tzid: str) -> Timezone | None:
    """icalendar's VTIMEZONE of a zone, made once per process (a feed of 500 programs names a
    dozen zones; looking for them through every event took a second)."""
    try:
        zone = Timezone.from_tzid(tzid, first_date=ZONE_YEARS[0], last_date=ZONE_YEARS[1])
    except ValueError:
        return None  # not a zone icalendar knows: as add_missing_timezones, left out
    _one_change_a_line(zone)
    return zone


def _around(vevents: list[bytes], tzids: set[str], *, name: str) -> bytes:
    """A VCALENDAR of already written VEVENTs, after the VTIMEZONEs they name (where
    add_missing_timezones puts them)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.subcomponents[:] = [zone for tzid in sorted(tzids) if (zone := _vtimezone(tzid))]
    end = b"END:VCALENDAR\r\n"
    head = cal.to_ical()
    return head[: -len(end)] + b"".join(vevents) + end


def calendar(events, *, name: str) -> bytes:
    events = [event for event in events if event is not None]
    tzids = {tzid for event in events for prop in ("DTSTART", "DTEND")
             if (tzid := event[prop].params.get("TZID"))}  # fmt: skip
    return _around([event.to_ical() for event in events], tzids, name=name)


def session_calendar(session, *, request=None) -> bytes | None:
    """One session's calendar, or None when the session has no date at all."""
    event = session_event(session, url=page_url(session.program, request))
    return None if event is None else calendar([event], name=session.program.title)


# Each session's VEVENT as written, by everything it is written from: a feed of 5,000 sessions
# spends most of its time in icalendar writing events (line folding, a character at a time), and
# after a change only the sessions it touched are written again.
_written: dict[tuple, bytes] = {}
KEPT_EVENTS = 50_000


def _vevent(session, url: str | None) -> bytes:
    program, venue = session.program, session.venue if session.venue_id else None
    timing = tuple(getattr(session, field) for field in session.sequence_fields)
    key = (session.pk, session.sequence, timing, program.title, program.summary, url,
           get_language(), venue and (venue.name, venue.address))  # fmt: skip
    found = _written.get(key)
    if found is None:
        event = session_event(session, url=url)
        found = event.to_ical() if event is not None else b""
        if len(_written) >= KEPT_EVENTS:
            _written.clear()
        _written[key] = found
    return found


def feed_calendar(sessions, *, name: str, request=None) -> bytes:
    """One calendar of many sessions (the URLs of their programs made once per program)."""
    urls = {}
    vevents, tzids = [], set()
    for session in sessions:
        if session.program_id not in urls:
            urls[session.program_id] = page_url(session.program, request)
        vevent = _vevent(session, urls[session.program_id])
        if vevent:
            vevents.append(vevent)
            tzids.add(session.timezone)  # DTSTART and DTEND are in the session's zone
    return _around(vevents, tzids, name=name)


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
    event.add("description", stop.services_text)
    event.add("dtstart", stop.starts)
    event.add("dtend", stop.ends)
    event.add("location", f"{stop.venue.name}, {stop.venue.address}")
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if stop.is_cancelled else "CONFIRMED")
    return event
