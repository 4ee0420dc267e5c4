"""Read API of the catalog: /api/v1/pieces, /api/v1/search/pieces, /api/v1/cases (public
records only).

Both piece lists ask the catalog's one query contract (heritage.catalog) with the same
parameters as the catalog page, so every door gives the same pieces and totals; the search adds
facet counts and highlights. Lists use cursor pagination, so a page deep in the results is as
fast and as stable as the first. Labels come in the language asked for with `?lang=` (or
Accept-Language), falling back like the site does.
"""

import base64
import binascii
import re
from dataclasses import replace

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.vary import vary_on_headers
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import create_model

from core.i18n import language_codes
from core.links import absolute_url
from heritage import catalog, selectors
from heritage.choices import PIECE_DATE_QUALIFIERS
from heritage.linked_data import linked_art_document
from heritage.models import Piece, PieceImage, ProvenanceEvent, RecoveryCase
from heritage.models.pages import case_route, piece_route
from heritage.records import LINKED_ART, linked_art_response, wants_linked_art

router = Router(tags=["catalog"])
IDENTIFIER = re.compile(r"[A-Z0-9][A-Z0-9_.-]*")
MAX_LIMIT = 100


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, detail: list[dict] | None = None):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.detail = detail or []


# --- schemas ----------------------------------------------------------------------------------
class Term(Schema):
    code: str
    label: str


class PeriodTerm(Term):
    start_year: int | None
    end_year: int | None


class Dating(Schema):
    start: int | None = Field(description="Signed year: -1200 is 1200 BCE.")
    end: int | None
    display: str = Field(
        description="The curator's text in the response's language, else one generated from "
        "the years and the qualifier."
    )
    qualifier: str = Field(
        description="How the years are meant: "
        + ", ".join(qualifier.value for qualifier in PIECE_DATE_QUALIFIERS)
        + "."
    )


class Dimensions(Schema):
    height_cm: float | None
    width_cm: float | None
    depth_cm: float | None
    diameter_cm: float | None
    weight_g: float | None


class Image(Schema):
    url: str
    alt: str
    credit: str
    license: str


class CaseRef(Schema):
    code: str
    title: str
    url: str | None


class FindSpot(Schema):
    site: str
    lat: float | None
    lon: float | None


class ProvenanceOut(Schema):
    event_type: str
    date_qualifier: str
    year_start: int | None
    year_end: int | None
    label: str
    party_from: str
    party_to: str
    place: str
    lot_number: str
    sale_number: str
    description: str
    source_citation: str
    source_url: str
    confidence: str


class PieceOut(Schema):
    catalog_number: str
    url: str | None
    language: str
    fallback_fields: list[str] = Field(description="Fields shown in another language.")
    illustrative: bool
    title: str
    description: str
    culture: Term | None
    period: PeriodTerm | None
    date: Dating
    object_type: Term | None
    materials: list[Term]
    techniques: list[Term]
    dimensions: Dimensions
    custodian: Term | None
    authenticity: str
    case: CaseRef | None
    images: list[Image]


class PieceDetailOut(PieceOut):
    inscription: str
    condition: str
    find_spot: FindSpot | None
    provenance: list[ProvenanceOut]


class PiecePage(Schema):
    count: int = Field(description="Pieces matching the query (all pages).")
    next: str | None = Field(description="The next page's URL.")
    next_cursor: str | None
    results: list[PieceOut]


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


class CaseOut(Schema):
    code: str
    url: str | None
    language: str
    illustrative: bool
    title: str
    summary: str
    method: Term
    country: Term | None
    city: str
    holder_type: str
    legal_basis: str
    date_reported: str | None
    date_handed_over: str | None
    date_received: str | None
    piece_count: int = Field(description="Public pieces of the case in the catalog.")


class CasePage(Schema):
    count: int
    next: str | None
    results: list[CaseOut]


class ErrorOut(Schema):
    error: str
    message: str
    detail: list[dict] = []


def _catalog_parameters() -> type[Schema]:
    """The query parameters of every piece list, derived from the contract (heritage.catalog):
    one set of names. The older names (year_from, year_to, limit) still work; docs/api.md
    lists them."""
    with translation.override("en"):
        fields = {
            "q": (str, Field("", max_length=catalog.MAX_TEXT,
                             description="Words; accents and word endings ignored.")),
            "lang": (str | None, Field(None, description="One of the site's languages "
                                       "(default: Accept-Language).")),
            **{
                facet.name: (list[str], Field([], description=(
                    f"{facet.label} codes (repeat for several: OR)"
                    + ("; a term includes its narrower terms." if facet.hierarchical else ".")
                )))
                for facet in catalog.FACETS
            },
            **{
                f"{years.name}_{end}": (int | None, Field(
                    None, ge=years.low, le=years.high,
                    description=f"{years.label}: {years.help} Signed years (-500 = 500 BCE).",
                ))
                for years in catalog.RANGES
                for end in ("from", "to")
            },
            "sort": (str, Field("relevance", description=f"One of: {', '.join(catalog.SORTS)}.")),
            "page_size": (int | None, Field(None, ge=1, le=catalog.MAX_PAGE_SIZE,
                                            description="Default 20 (25 on /pieces).")),
            "cursor": (str | None, Field(None, description="`next_cursor` of the previous page.")),
        }  # fmt: skip
    return create_model("CatalogParameters", __base__=Schema, **fields)


CatalogParameters = _catalog_parameters()


class CaseFilters(Schema):
    method: list[str] = []
    country: list[str] = []
    lang: str | None = None
    limit: int = Field(25, ge=1, le=MAX_LIMIT)
    cursor: str | None = None


# --- helpers ----------------------------------------------------------------------------------
def _language(request: HttpRequest, lang: str | None) -> str:
    codes = language_codes()
    if lang:
        if lang not in codes:
            raise ApiError(
                400,
                "invalid_language",
                _("lang must be one of: %(codes)s.") % {"codes": ", ".join(codes)},
            )
        return lang
    return translation.get_language_from_request(request)


def _encode_cursor(value: str) -> str:
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> str:
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        value = base64.b64decode(padded, altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        value = ""
    if not IDENTIFIER.fullmatch(value):
        raise ApiError(400, "invalid_cursor", _("The cursor is not one this API gave."))
    return value


def _next_url(request: HttpRequest, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return absolute_url(f"{request.path}?{query.urlencode()}", request)


class Links:
    """Public URLs of pieces and cases in one language (the catalog page looked up once)."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.base = selectors.catalog_path(request)

    def piece(self, catalog_number: str) -> str | None:
        if not self.base:
            return None
        return absolute_url(self.base + piece_route(catalog_number), self.request)

    def case(self, code: str) -> str | None:
        if not self.base:
            return None
        return absolute_url(self.base + case_route(code), self.request)


def _term(term) -> dict | None:
    return {"code": term.code, "label": str(term)} if term else None


def _number(value) -> float | None:
    return float(value) if value is not None else None


def _image(item: PieceImage, request) -> dict:
    return {
        "url": absolute_url(item.image.file.url, request),
        "alt": item.alt_text,
        "credit": item.credit,
        "license": item.license,
    }


def piece_data(piece: Piece, *, images, materials, techniques, links: Links, lang: str) -> dict:
    return {
        "catalog_number": piece.catalog_number,
        "url": links.piece(piece.catalog_number),
        "language": lang,
        "fallback_fields": [item.field for item in piece.reader_fallbacks(lang)],
        "illustrative": piece.is_illustrative,
        "title": piece.title,
        "description": piece.description or "",
        "culture": _term(piece.culture),
        "period": (
            {
                **_term(piece.period),
                "start_year": piece.period.start_year,
                "end_year": piece.period.end_year,
            }
            if piece.period
            else None
        ),
        "date": {
            "start": piece.date_start,
            "end": piece.date_end,
            "display": piece.date_label,
            "qualifier": piece.date_qualifier,
        },
        "object_type": _term(piece.object_type),
        "materials": [_term(term) for term in materials],
        "techniques": [_term(term) for term in techniques],
        "dimensions": {
            "height_cm": _number(piece.height_cm),
            "width_cm": _number(piece.width_cm),
            "depth_cm": _number(piece.depth_cm),
            "diameter_cm": _number(piece.diameter_cm),
            "weight_g": _number(piece.weight_g),
        },
        "custodian": _term(piece.custodian),
        "authenticity": piece.authenticity,
        "case": (
            {"code": piece.case.code, "title": piece.case.title, "url": links.case(piece.case.code)}
            if piece.case_id and piece.case.live
            else None
        ),
        "images": [_image(item, links.request) for item in images],
    }


def _event_data(event: ProvenanceEvent) -> dict:
    return {
        "event_type": event.event_type,
        "date_qualifier": event.date_qualifier,
        "year_start": event.year_start,
        "year_end": event.year_end,
        "label": event.year_label,
        "party_from": event.party_from,
        "party_to": event.party_to,
        "place": event.place,
        "lot_number": event.lot_number,
        "sale_number": event.sale_number,
        "description": event.description or "",
        "source_citation": event.source_citation,
        "source_url": event.source_url,
        "confidence": event.confidence,
    }


def case_data(case: RecoveryCase, *, links: Links, lang: str) -> dict:
    return {
        "code": case.code,
        "url": links.case(case.code),
        "language": lang,
        "illustrative": case.is_illustrative,
        "title": case.title,
        "summary": case.summary or "",
        "method": _term(case.method),
        "country": _term(case.country),
        "city": case.city,
        "holder_type": case.holder_type,
        "legal_basis": case.legal_basis,
        "date_reported": case.date_reported.isoformat() if case.date_reported else None,
        "date_handed_over": case.date_handed_over.isoformat() if case.date_handed_over else None,
        "date_received": case.date_received.isoformat() if case.date_received else None,
        "piece_count": case.public_piece_count,
    }


# --- endpoints --------------------------------------------------------------------------------
def _ask(request, language: str, *, default_page_size: int, with_facets: bool):
    """The contract's answer for the request's parameters (400 naming a bad one)."""
    try:
        query = catalog.query_from_params(
            request.GET, language, default_page_size=default_page_size
        )
        return catalog.search(replace(query, with_facets=with_facets))
    except catalog.InvalidQuery as error:
        raise ApiError(
            400,
            "invalid_parameters",
            str(error),
            detail=[{"parameter": error.parameter, "message": str(error)}],
        ) from error


def _listed(request, result, lang: str) -> list[tuple[int, dict]]:
    """The public pieces among a result's hits as (pk, list item), in order, kept like the
    catalog page's cards (selectors.pieces_kept_public). Links are absolute on the request's
    host, which is part of the key."""
    links = Links(request)
    kept = selectors.pieces_kept_public(
        "piece-item",
        [hit.piece_id for hit in result.hits],
        (lang, request.get_host(), request.scheme),
        lambda piece: piece_data(
            piece,
            images=piece.image_list,
            materials=piece.material_list,
            techniques=piece.technique_list,
            links=links,
            lang=lang,
        ),
    )
    return list(kept.items())


@router.get(
    "/pieces",
    response={200: PiecePage, 400: ErrorOut},
    summary="Public pieces for a query (the catalog page's parameters), 25 a page",
)
def list_pieces(request, params: Query[CatalogParameters]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        result = _ask(request, lang, default_page_size=25, with_facets=False)
        return {
            "count": result.total,
            "next": _next_url(request, result.next_cursor) if result.next_cursor else None,
            "next_cursor": result.next_cursor,
            "results": [data for _pk, data in _listed(request, result, lang)],
        }


@router.get(
    "/search/pieces",
    response={200: SearchOut, 400: ErrorOut},
    summary="Search public pieces: text, facets with counts, signed-year ranges, cursors",
)
def search_pieces(request, params: Query[CatalogParameters]):
    lang = _language(request, params.lang)
    with translation.override(lang):
        result = _ask(request, lang, default_page_size=20, with_facets=True)
        highlights = {hit.piece_id: hit.highlights for hit in result.hits}
        return {
            "total": result.total,
            "engine": result.engine,
            "fallback": result.fallback,
            "hits": [
                {**data, "highlights": highlights[pk]}
                for pk, data in _listed(request, result, lang)
            ],
            "facets": catalog.facet_labels(result.facets),
            "next_cursor": result.next_cursor,
            "next": _next_url(request, result.next_cursor) if result.next_cursor else None,
        }


@router.get(
    "/pieces/{catalog_number}",
    response={200: PieceDetailOut, 400: ErrorOut, 404: ErrorOut},
    summary="One public piece (JSON, or Linked Art JSON-LD with Accept: application/ld+json)",
)
@decorate_view(vary_on_headers("Accept"))
def get_piece(request, catalog_number: str, lang: str | None = None):
    language = _language(request, lang)
    with translation.override(language):
        try:
            context = selectors.piece_page_public(catalog_number=catalog_number)
        except Http404 as missing:
            raise ApiError(
                404, "not_found", _("No public piece has this catalog number.")
            ) from missing
        piece = context["piece"]  # what the piece's page shows: the same selector, kept alike
        if wants_linked_art(
            request, offered=("application/json", *LINKED_ART), linked_art=LINKED_ART
        ):
            return linked_art_response(linked_art_document(piece, request=request))
        links = Links(request)
        data = piece_data(
            piece,
            images=context["images"],
            materials=context["materials"],
            techniques=context["techniques"],
            links=links,
            lang=language,
        )
        find_spot = context["find_spot"]
        return {
            **data,
            "inscription": piece.inscription or "",
            "condition": piece.condition or "",
            "find_spot": (
                {
                    "site": find_spot["site"],
                    "lat": _number(find_spot["lat"]),
                    "lon": _number(find_spot["lon"]),
                }
                if find_spot
                else None
            ),
            "provenance": [
                _event_data(entry.event) for entry in context["timeline"] if entry.event
            ],
        }


@router.get("/cases", response={200: CasePage, 400: ErrorOut}, summary="Public recovery cases")
def list_cases(request, filters: Query[CaseFilters]):
    lang = _language(request, filters.lang)
    with translation.override(lang):
        queryset = selectors.case_list_public().order_by("code")
        if filters.method:
            queryset = queryset.filter(method__code__in=filters.method)
        if filters.country:
            queryset = queryset.filter(country__code__in=filters.country)
        count = queryset.count()
        if filters.cursor:
            queryset = queryset.filter(code__gt=_decode_cursor(filters.cursor))
        rows = list(queryset[: filters.limit + 1])
        links = Links(request)
        more = len(rows) > filters.limit
        return {
            "count": count,
            "next": (
                _next_url(request, _encode_cursor(rows[filters.limit - 1].code)) if more else None
            ),
            "results": [case_data(case, links=links, lang=lang) for case in rows[: filters.limit]],
        }


@router.get("/cases/{code}", response={200: CaseOut, 400: ErrorOut, 404: ErrorOut})
def get_case(request, code: str, lang: str | None = None):
    language = _language(request, lang)
    with translation.override(language):
        try:
            case = selectors.case_get_public(code=code)
        except Http404 as missing:
            raise ApiError(404, "not_found", _("No published case has this code.")) from missing
        return case_data(case, links=Links(request), lang=language)


def api_error_response(request, error: ApiError) -> HttpResponse:
    return JsonResponse(
        {"error": error.code, "message": error.message, "detail": error.detail},
        status=error.status,
    )
