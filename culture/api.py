"""GET /api/v1/programs and /api/v1/sessions: live programs and their upcoming sessions, with the
listing's filters; labels in the language asked. Bad filters answer 400 naming the parameter."""

from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from core.links import page_url
from culture.forms import ProgramFilterForm
from culture.selectors import occurrences_public, program_list_public
from heritage.api import ApiError, ErrorOut, _language

router = Router(tags=["programs"])
MAX_SESSIONS = 200


class ProgramParams(Schema):
    city: str = Field("", max_length=120)
    state: str = Field("", max_length=120)
    country: str = Field("", max_length=2, description="ISO 3166 code of the venue's country.")
    category: list[str] = Field([], description="Category codes (repeat for several).")
    audience: list[str] = []
    language: list[str] = Field([], description="ISO 639 codes of languages spoken (nah, mix…).")
    date_from: str = Field("", description="YYYY-MM-DD: programs with a session from that day.")
    date_to: str = Field("", description="YYYY-MM-DD")
    free: bool = False
    mode: str = Field("", description="online, in-person or empty for both.")
    near: str = Field("", max_length=120, description='A US postal code or a city ("Chicago, IL").')
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude of the reader (with lng).")
    lng: float | None = Field(None, ge=-180, le=180, description="Longitude of the reader.")
    radius: int | None = Field(
        None, description="Miles from `near` or lat/lng: 10, 25, 50, 100, 250."
    )
    sort: str = Field(
        "", description="soonest or nearest (default: nearest when a place is given)."
    )
    lang: str | None = Field(None, description="es, en or nah (default: Accept-Language).")


class ProgramListParams(ProgramParams):
    limit: int = Field(50, ge=1, le=MAX_SESSIONS, description="Programs per answer.")
    offset: int = Field(0, ge=0, description="How many programs to skip (for the next page).")


class SessionParams(ProgramParams):
    limit: int = Field(50, ge=1, le=MAX_SESSIONS)


class TermOut(Schema):
    code: str
    label: str


class VenueOut(Schema):
    name: str
    address: str
    city: str
    state: str
    country: str
    latitude: float | None
    longitude: float | None


class OccurrenceOut(Schema):
    program: str
    title: str
    start: str
    end: str
    timezone: str
    status: str = Field(description="scheduled, moved or cancelled.")
    moved_from: str | None = Field(
        None, description="A moved session: when it was first planned to start (ISO 8601, in "
        "the session's time zone); its start is the new date.",
    )  # fmt: skip
    notice: str
    venue: VenueOut | None
    online_url: str
    ics_url: str


class ProgramOut(Schema):
    slug: str
    url: str
    title: str
    summary: str
    illustrative: bool
    category: TermOut | None
    audiences: list[TermOut]
    languages: list[TermOut]
    organizer: str | None
    cost: float | None
    free: bool
    registration_url: str
    feed_url: str
    distance_km: float | None = Field(
        None, description="From the place asked, to the nearest venue."
    )
    next_session: OccurrenceOut | None


class ProgramPageOut(Schema):
    count: int = Field(description="Programs matching, across every page.")
    results: list[ProgramOut]


def _filters(request, params) -> dict:
    form = ProgramFilterForm(request.GET)
    if not form.is_valid():
        detail = [
            {"parameter": name, "message": " ".join(str(message) for message in messages)}
            for name, messages in form.errors.items()
        ]
        raise ApiError(400, "invalid_parameters", _("Some filters are not valid."), detail=detail)
    return form.cleaned_data


def _venue(venue) -> dict | None:
    if venue is None:
        return None
    return {
        "name": venue.name, "address": venue.address, "city": venue.city, "state": venue.state,
        "country": venue.country,
        "latitude": float(venue.latitude) if venue.latitude is not None else None,
        "longitude": float(venue.longitude) if venue.longitude is not None else None,
    }  # fmt: skip


def _occurrence(request, program, session, begins, ends) -> dict:
    url = page_url(program, request)
    return {
        "program": program.slug, "title": program.title,
        "start": begins.isoformat(), "end": ends.isoformat(), "timezone": session.timezone,
        "status": session.status, "notice": session.notice, "venue": _venue(session.venue),
        "moved_from": session.moved_from.astimezone(ZoneInfo(session.timezone)).isoformat()
        if session.moved_from else None,
        "online_url": session.online_url,
        "ics_url": url + program.reverse_subpage("session-ics", args=[session.pk]).lstrip("/"),
    }  # fmt: skip


def _term(term) -> dict:
    return {"code": term.code, "label": str(term)}


@router.get(
    "/programs",
    response={200: ProgramPageOut, 400: ErrorOut},
    summary="Live programs with the listing's filters, soonest (or nearest) first",
)
def list_programs(request, params: Query[ProgramListParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        programs = program_list_public(filters=_filters(request, params))
        results = []
        for program in programs[params.offset : params.offset + params.limit]:
            url = page_url(program, request)
            following = program.next_occurrence
            next_session = None
            if following:
                begins, session = following
                ends = begins + (session.end - session.start)
                next_session = _occurrence(request, program, session, begins, ends)
            results.append(
                {
                    "slug": program.slug, "url": url, "title": program.title,
                    "summary": program.summary, "illustrative": program.is_illustrative,
                    "category": _term(program.category) if program.category else None,
                    "audiences": [_term(term) for term in program.audiences.all()],
                    "languages": [_term(term) for term in program.languages.all()],
                    "organizer": program.organizer.name if program.organizer else None,
                    "cost": float(program.cost) if program.cost is not None else None,
                    "free": program.is_free, "registration_url": program.registration_url,
                    "feed_url": url + "ics/", "next_session": next_session,
                    "distance_km": round(program.distance_km, 1)
                    if program.distance_km is not None else None,
                }
            )  # fmt: skip
        return {"count": len(programs), "results": results}


@router.get(
    "/sessions",
    response={200: list[OccurrenceOut], 400: ErrorOut},
    summary="Upcoming sessions of live programs, soonest first (recurrences expanded)",
)
def list_sessions(request, params: Query[SessionParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        filters = _filters(request, params)
        return [
            _occurrence(request, program, session, begins, ends)
            for program, session, begins, ends in occurrences_public(
                filters=filters, now=timezone.now(), limit=params.limit
            )
        ]
