"""'Add to my calendar': links that hand a session or a whole feed to the reader's calendar.

Two kinds, both without JavaScript:
- subscriptions to our iCalendar feeds (culture.ical, served by the pages' `…/ics/` routes):
  `webcal://` (Apple Calendar, Thunderbird, Outlook for desktop and most phones open it as a
  subscription), and the same feed handed to Google Calendar (`?cid=`) and Outlook on the web
  (`addfromweb`), so a calendar keeps following changes and cancellations;
- one occurrence as a new event in Google Calendar or Outlook on the web, both built by
  `event_links` from one `CalendarEntry`, so the two always carry the same title, times, zone,
  place and link.

Every address is absolute on the request's own host (core.links), never the Site record's.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from core.links import absolute_url

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK_EVENT = "https://outlook.live.com/calendar/0/deeplink/compose"
OUTLOOK_SUBSCRIBE = "https://outlook.live.com/calendar/0/addfromweb"


@dataclass(frozen=True)
class CalendarEntry:
    """One occurrence as calendars take it: aware times, the session's zone name, plain text."""

    title: str
    start: datetime
    end: datetime
    timezone: str
    location: str = ""
    details: str = ""
    url: str = ""


def session_entry(*, program, session, start: datetime, end: datetime, url: str) -> CalendarEntry:
    """The entry of one occurrence of `session` (a program's page `url` in its text)."""
    if session.venue_id:
        location = f"{session.venue.name}, {session.venue.address}"
    else:
        location = session.online_url
    details = "\n\n".join(part for part in (program.summary, session.notice, url) if part)
    return CalendarEntry(title=program.title, start=start, end=end, timezone=session.timezone,
                         location=location, details=details, url=url)  # fmt: skip


def _google_time(moment: datetime, zone: str) -> str:
    from zoneinfo import ZoneInfo

    return moment.astimezone(ZoneInfo(zone)).strftime("%Y%m%dT%H%M%S")


def event_links(entry: CalendarEntry) -> dict[str, str]:
    """{"google": …, "outlook": …}: the entry as a new event in each.

    Google gets wall-clock times with the zone (`ctz`), so the event keeps its zone; Outlook on
    the web takes instants, sent in UTC (it shows them in the reader's own zone)."""
    google = {
        "action": "TEMPLATE",
        "text": entry.title,
        "dates": f"{_google_time(entry.start, entry.timezone)}/"
        f"{_google_time(entry.end, entry.timezone)}",
        "ctz": entry.timezone,
        "details": entry.details,
        "location": entry.location,
    }
    outlook = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": entry.title,
        "startdt": entry.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": entry.end.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": entry.details,
        "location": entry.location,
    }
    return {
        "google": f"{GOOGLE}?{urlencode({k: v for k, v in google.items() if v})}",
        "outlook": f"{OUTLOOK_EVENT}?{urlencode({k: v for k, v in outlook.items() if v})}",
    }


def webcal_url(path_or_url: str, request=None, query: str = "") -> str:
    """The webcal:// address of a feed (its path, or absolute URL), with a query string."""
    url = absolute_url(path_or_url, request)
    if query:
        url += ("&" if "?" in url else "?") + query
    return "webcal://" + url.split("://", 1)[1]


def subscription_links(path_or_url: str, request=None, *, name: str, query: str = "") -> dict:
    """{"webcal", "google", "outlook", "ics"}: one feed as a subscription in each calendar, and
    the feed itself (https) to download."""
    feed = absolute_url(path_or_url, request)
    if query:
        feed += ("&" if "?" in feed else "?") + query
    webcal = webcal_url(feed)
    return {
        "webcal": webcal,
        # Google reads webcal:// in `cid` as "subscribe to this address".
        "google": f"{GOOGLE}?cid={quote(webcal, safe='')}",
        "outlook": f"{OUTLOOK_SUBSCRIBE}?{urlencode({'url': feed, 'name': name})}",
        "ics": feed,
    }


def share_links(*, url: str, title: str) -> dict:
    """{"url", "email"}: the page's canonical address and a mailto: carrying it."""
    return {"url": url, "email": "mailto:?" + urlencode({"subject": title, "body": url},
                                                         quote_via=quote)}  # fmt: skip
