"""GET /api/v1/search/pieces and /api/v1/search/suggest: the search contract over HTTP.

The same parameters as the researcher search page; facets carry codes (labels come in the
language asked). Bad parameters answer 400 with a JSON body naming the parameter.
"""

from django.utils import translation
from ninja import Field, Query, Router, Schema

from heritage.api import ApiError, ErrorOut, Links, PieceOut, _language, piece_data
from search import service
from search.query import MAX_PAGE_SIZE, SORTS, InvalidSearch

router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field("", max_length=200, description="Words; accents and word endings ignored.")
    lang: str | None = Field(None, description="es, en or nah (default: Accept-Language).")
    culture: list[str] = Field([], description="Culture codes (repeat for several: OR).")
    period: list[str] = Field([], description="Period codes; a period includes its subperiods.")
    material: list[str] = []
    technique: list[str] = []
    object_type: list[str] = []
    method: list[str] = Field([], description="Recovery method codes.")
    country: list[str] = Field([], description="Codes of the countries recovered from.")
    custodian: list[str] = []
    case: list[str] = Field([], description="Recovery case codes.")
    date_from: int | None = Field(
        None, ge=-10000, le=2100, description="Signed year (-500 = 500 BCE); ranges overlap."
    )
    date_to: int | None = Field(None, ge=-10000, le=2100)
    sort: str = Field("relevance", description=f"One of: {', '.join(SORTS)}.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = Field(None, description="`next_cursor` of the previous page.")


class FacetBucket(Schema):
    code: str
    label: str
    count: int


class SearchHitOut(PieceOut):
    highlights: dict[str, list[str]] = Field(
        description="Matching fragments per field, HTML-escaped, matches in <mark>."
    )


class SearchOut(Schema):
    total: int
    engine: str = Field(description="database, opensearch or elasticsearch")
    fallback: bool = Field(
        description="True when the search server failed and the database answered."
    )
    hits: list[SearchHitOut]
    facets: dict[str, list[FacetBucket]]
    next_cursor: str | None
    next: str | None


class SuggestParams(Schema):
    q: str = Field("", max_length=100, description="What was typed (2 characters at least).")
    lang: str | None = Field(None, description="es, en or nah (default: Accept-Language).")


class SuggestionOut(Schema):
    catalog_number: str
    title: str
    url: str | None


def _invalid(error: InvalidSearch) -> ApiError:
    return ApiError(
        400,
        "invalid_parameter",
        str(error),
        detail=[{"parameter": error.parameter, "message": str(error)}],
    )


@router.get(
    "/search/pieces",
    response={200: SearchOut, 400: ErrorOut},
    summary="Search public pieces: text, facets with counts, signed-year ranges, cursors",
)
def search_pieces(request, params: Query[SearchParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        try:
            search_request = service.request_from_params(request.GET, lang)
            outcome = service.search_pieces(search_request)
        except InvalidSearch as error:
            raise _invalid(error) from error
        result = outcome.result
        pieces = service.pieces_in_order([hit.piece_id for hit in result.hits])
        highlights = {hit.piece_id: hit.highlights for hit in result.hits}
        links = Links(request)
        hits = [
            {
                **piece_data(
                    piece,
                    images=piece.image_list,
                    materials=piece.material_list,
                    links=links,
                    lang=lang,
                ),
                "highlights": highlights[piece.pk],
            }
            for piece in pieces
        ]
        next_url = None
        if result.next_cursor:
            query = request.GET.copy()
            query["cursor"] = result.next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return {
            "total": result.total,
            "engine": outcome.engine,
            "fallback": outcome.fallback,
            "hits": hits,
            "facets": service.facet_labels(result.facets),
            "next_cursor": result.next_cursor,
            "next": next_url,
        }


@router.get(
    "/search/suggest",
    response={200: list[SuggestionOut], 400: ErrorOut},
    summary="Autocomplete: public pieces whose titles or catalog numbers start as typed",
)
def suggest(request, params: Query[SuggestParams]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        links = Links(request)
        return [
            {
                "catalog_number": piece.catalog_number,
                "title": piece.title,
                "url": links.piece(piece.catalog_number),
            }
            for piece in service.suggest(params.q, lang)
        ]
