"""GET /api/v1/stories and /api/v1/stories/{id}: public stories (live, consented for the public
web: stories.selectors) with the index's filters, in the language asked. A draft, a withdrawn
or an unconsented story answers 404 like a missing one."""

from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from core.links import absolute_url, page_url
from heritage.api import ApiError, ErrorOut, Links, _language
from stories import selectors
from stories.choices import LICENCE_URLS, Licence
from stories.forms import StoryFilterForm
from stories.templatetags.stories_tags import transcript

router = Router(tags=["stories"])
MAX_LIMIT = 100


class StoryParams(Schema):
    theme: list[str] = Field([], description="Theme codes (repeat for several: any).")
    language: list[str] = Field([], description="ISO 639 codes of languages spoken (nah, es…).")
    generation: list[str] = Field([], description="first, second or later.")
    place: str = Field("", max_length=120, description="A city, a state or a country code.")
    near: str = Field("", max_length=120, description='A US postal code or a city ("Chicago, IL").')
    lat: float | None = Field(None, ge=-90, le=90, description="Latitude of the reader (with lng).")
    lng: float | None = Field(None, ge=-180, le=180, description="Longitude of the reader.")
    radius: int | None = Field(
        None, description="Miles from `near` or lat/lng: 10, 25, 50, 100, 250."
    )
    lang: str | None = Field(
        None, description="One of the site's languages (default: Accept-Language)."
    )
    limit: int = Field(25, ge=1, le=MAX_LIMIT, description="Stories per answer.")
    offset: int = Field(0, ge=0, description="How many stories to skip (for the next page).")


class TermOut(Schema):
    code: str
    label: str


class PersonOut(Schema):
    name: str
    community: str
    generation: str


class PlaceOut(Schema):
    city: str
    state: str
    country: str
    latitude: float | None = Field(description="Coarse (about 1 km), or null.")
    longitude: float | None


class LicenceOut(Schema):
    code: str
    label: str
    url: str | None


class StoryOut(Schema):
    id: int
    url: str | None
    language: str
    title: str
    teaser: str
    illustrative: bool
    published_at: str | None
    themes: list[TermOut]
    people: list[PersonOut]
    licence: LicenceOut
    credit_line: str
    distance_km: float | None = Field(
        None, description="From the place asked, to the nearest place of the story."
    )


class StoryPageOut(Schema):
    count: int = Field(description="Stories matching, across every page.")
    results: list[StoryOut]


class TranscriptOut(Schema):
    language: str
    text: str


class RecordingOut(Schema):
    kind: str = Field(description="audio or video.")
    title: str
    duration: float
    file_url: str
    captions: dict[str, str] = Field(description="{language: WebVTT URL}.")
    transcript: TranscriptOut | None


class PieceRefOut(Schema):
    catalog_number: str
    title: str
    url: str | None


class StoryDetailOut(StoryOut):
    places: list[PlaceOut]
    languages: list[TermOut]
    recordings: list[RecordingOut]
    pieces: list[PieceRefOut]


def _filters(request) -> dict:
    form = StoryFilterForm(request.GET)
    if not form.is_valid():
        detail = [
            {"parameter": name, "message": " ".join(str(message) for message in messages)}
            for name, messages in form.errors.items()
        ]
        raise ApiError(400, "invalid_parameters", _("Some filters are not valid."), detail=detail)
    return form.cleaned_data


def _term(term) -> dict:
    return {"code": term.code, "label": str(term)}


def story_data(story, *, request, lang: str) -> dict:
    distance = getattr(story, "distance_km", None)
    return {
        "id": story.pk, "url": page_url(story, request), "language": lang,
        "title": story.title, "teaser": story.teaser, "illustrative": story.is_illustrative,
        "published_at": story.first_published_at.isoformat() if story.first_published_at else None,
        "themes": [_term(theme) for theme in story.themes.all()],
        "people": [{"name": person.name, "community": person.community,
                    "generation": person.generation} for person in story.people.all()],
        "licence": {"code": story.licence, "label": str(Licence(story.licence).label),
                    "url": LICENCE_URLS.get(story.licence)},
        "credit_line": story.credit_line,
        "distance_km": round(distance, 1) if distance is not None else None,
    }  # fmt: skip


def recording_data(media, request) -> dict:
    said = transcript(media)
    return {
        "kind": media.type, "title": media.title, "duration": float(media.duration or 0),
        "file_url": absolute_url(media.file.url, request),
        "captions": {code: absolute_url(file.url, request)
                     for code, file in media.caption_files().items()},
        "transcript": {"language": said["lang"], "text": said["text"]} if said else None,
    }  # fmt: skip


@router.get(
    "/stories",
    response={200: StoryPageOut, 400: ErrorOut},
    summary="Public stories with the index's filters, newest first (nearest with a place)",
)
def list_stories(request, params: Query[StoryParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        stories = selectors.story_list_public(filters=_filters(request))
        return {
            "count": len(stories),
            "results": [story_data(story, request=request, lang=lang)
                        for story in stories[params.offset : params.offset + params.limit]],
        }  # fmt: skip


@router.get(
    "/stories/{story_id}",
    response={200: StoryDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="A public story: people, places, recordings with captions and transcripts",
)
def get_story(request, story_id: int, lang: str | None = None):
    language = _language(request, lang)
    if not 0 < story_id < 2**63:  # no row has it; the database would refuse the number
        raise ApiError(404, "not_found", _("No published story has this id."))
    with translation.override(language):
        story = selectors.story_cards_public().filter(pk=story_id).first()
        if story is None:
            raise ApiError(404, "not_found", _("No published story has this id."))
        context = selectors.story_context(story=story, request=request)
        links = Links(request)
        return {
            **story_data(story, request=request, lang=language),
            "places": [{"city": place.city, "state": place.state, "country": place.country,
                        "latitude": place.latitude, "longitude": place.longitude}
                       for place in context["places"]],
            "languages": [_term(term) for term in context["languages"]],
            "recordings": [recording_data(media, request)
                           for media in context["recordings"].values()],
            "pieces": [{"catalog_number": piece.catalog_number, "title": piece.title,
                        "url": links.piece(piece.catalog_number)} for piece in context["pieces"]],
        }  # fmt: skip
