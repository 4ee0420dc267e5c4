"""GET /api/v1/organizations and /api/v1/services: the directory's public organizations with the
page's filters (through culture.directory, the one selector), and the service vocabulary with
its synonyms; labels in the language asked. Bad filters answer 400 naming the parameter."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from core.links import page_url
from culture.api import TermOut, VenueOut, _venue
from culture.directory import STOP_KIND, directory_entries
from culture.forms import DirectoryFilterForm
from culture.models import OrganizationPage, Service
from heritage.api import ApiError, ErrorOut, _language

router = Router(tags=["directory"])
MAX_ORGANIZATIONS = 200


class OrganizationParams(Schema):
    service: list[str] = Field([], description="Service codes (/services; repeat for several).")
    language: list[str] = Field(
        [], description="ISO 639 codes (mix, zap, nah…): served in or by interpretation."
    )
    kind: list[str] = Field([], description="legal-aid, lawyers, community, rights, "
                            "mx-government, us-government, consulate.")  # fmt: skip
    cost: list[str] = Field([], description="free, sliding or paid.")
    appointment: list[str] = Field([], description="required, recommended or walk-in.")
    open_now: bool = Field(False, description="Only those open now, on each place's clock.")
    near: str = Field("", max_length=120, description='A US postal code or a city ("Chicago, IL").')
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude of the reader (with lng).")
    lng: float | None = Field(None, ge=-180, le=180, description="Longitude of the reader.")
    radius: int | None = Field(None, description="Miles from `near` or lat/lng: 10 to 250.")
    lang: str | None = Field(None, description="es, en or nah (default: Accept-Language).")
    limit: int = Field(50, ge=1, le=MAX_ORGANIZATIONS, description="Organizations per answer.")
    offset: int = Field(0, ge=0, description="How many to skip (for the next page).")


class LanguageOut(Schema):
    code: str
    label: str
    indigenous: bool


class HoursOut(Schema):
    weekday: int = Field(description="0 Monday … 6 Sunday, on the place's clock.")
    opens: str
    closes: str


class OrganizationOut(Schema):
    slug: str
    url: str
    name: str
    kind: str
    kind_label: str
    summary: str
    illustrative: bool
    verified_on: str | None
    phone: str
    email: str
    website: str
    place: VenueOut | None
    service_area: str
    states: list[str]
    timezone: str | None
    hours: list[HoursOut]
    open_now: bool | None = Field(description="None when it has no place or hours.")
    services: list[TermOut]
    languages_served: list[LanguageOut]
    languages_on_request: list[LanguageOut]
    cost: str
    appointment: str
    eligibility: str
    distance_km: float | None = Field(None, description="From the place asked.")


class OrganizationPageOut(Schema):
    count: int = Field(description="Organizations matching, across every page.")
    results: list[OrganizationOut]


class ServiceOut(Schema):
    code: str
    label: str
    group: str
    group_label: str
    synonyms: list[str] = Field(description="Words people use for it, in the language asked.")


def _filters(request) -> dict:
    form = DirectoryFilterForm(request.GET)
    if not form.is_valid():
        detail = [
            {"parameter": name, "message": " ".join(str(message) for message in messages)}
            for name, messages in form.errors.items()
        ]
        raise ApiError(400, "invalid_parameters", _("Some filters are not valid."), detail=detail)
    filters = dict(form.cleaned_data)
    # Organizations only: the mobile consulate's stops are not organizations.
    filters["kind"] = [kind for kind in filters.get("kind") or OrganizationPage.Kind.values
                       if kind != STOP_KIND] or ["-"]  # fmt: skip
    return filters


def _language_out(term) -> dict:
    return {"code": term.code, "label": str(term), "indigenous": term.indigenous}


def organization_out(request, entry) -> dict:
    page, venue = entry.record, entry.venue
    rows = list(venue.hours.all()) if venue else []
    return {
        "slug": page.slug, "url": page_url(page, request), "name": page.title,
        "kind": page.kind, "kind_label": page.get_kind_display(), "summary": page.summary,
        "illustrative": page.is_illustrative or bool(venue and venue.is_illustrative),
        "verified_on": page.verified_on.isoformat() if page.verified_on else None,
        "phone": page.phone, "email": page.email, "website": page.website,
        "place": _venue(venue), "service_area": page.service_area, "states": page.states,
        "timezone": venue.timezone if venue else None,
        "hours": [{"weekday": row.weekday, "opens": row.opens.strftime("%H:%M"),
                   "closes": row.closes.strftime("%H:%M")} for row in rows],
        "open_now": entry.open_now,
        "services": [{"code": s.code, "label": str(s)} for s in page.services.all()],
        "languages_served": [_language_out(term) for term in page.languages_served.all()],
        "languages_on_request": [_language_out(t) for t in page.languages_on_request.all()],
        "cost": page.cost, "appointment": page.appointment, "eligibility": page.eligibility,
        "distance_km": round(entry.distance_km, 1) if entry.distance_km is not None else None,
    }  # fmt: skip


@router.get(
    "/organizations",
    response={200: OrganizationPageOut, 400: ErrorOut},
    summary="Public organizations, offices and consulates with the directory's filters, "
    "nearest first when a place is given",
)
def list_organizations(request, params: Query[OrganizationParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        entries = directory_entries(filters=_filters(request), now=timezone.now())
        chosen = entries[params.offset : params.offset + params.limit]
        return {"count": len(entries), "results": [organization_out(request, e) for e in chosen]}


@router.get(
    "/services",
    response={200: list[ServiceOut], 400: ErrorOut},
    summary="The services the directory lists (passport, consular ID, legal defence…)",
)
def list_services(request, lang: str | None = None):
    with translation.override(_language(request, lang)):
        return [
            {"code": s.code, "label": str(s), "group": s.group,
             "group_label": s.get_group_display(), "synonyms": s.synonym_list()}
            for s in Service.objects.all()
        ]  # fmt: skip
