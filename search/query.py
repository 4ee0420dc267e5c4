"""The search contract: a typed request in, a typed result out, whatever the engine.

For Elasticsearch/OpenSearch the body is built by elasticsearch-dsl: the text query per reader
language (its own field, the Spanish fallback, the catalog number), facet filters as a
post_filter so each facet's counts honour every other filter but its own, the date range as an
overlap on the signed-year integer_range, highlighting, and search_after cursors for deep
pagination without gaps or duplicates.
"""

import base64
import binascii
import json
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from elasticsearch_dsl import A, Q, Search

from heritage.dates import years_out_of_order

FACETS = ("culture", "period", "material", "technique", "object_type", "method", "country",
          "custodian", "case")  # fmt: skip
# facet name in the request → keyword field in the index
FACET_FIELDS = {
    "culture": "culture",
    "period": "period",
    "material": "materials",
    "technique": "techniques",
    "object_type": "object_type",
    "method": "method",
    "country": "country",
    "custodian": "custodian",
    "case": "case",
}
SORTS = ("relevance", "date", "-date", "catalog_number")
MAX_PAGE_SIZE = 100
CURSOR_ERROR = gettext_lazy("This link to a further page is no longer valid; start again.")
FACET_SIZE = 100


class InvalidSearch(ValueError):
    """A request the contract refuses; `parameter` names what to fix."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    language: str = "es"
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: int | None = None
    date_to: int | None = None
    sort: str = "relevance"
    page_size: int = 20
    cursor: str | None = None
    with_facets: bool = True  # exports page through results without counting facets

    def __post_init__(self):
        if self.language not in ("es", "en", "nah"):
            raise InvalidSearch("lang", _("Unknown language: %(code)s.") % {"code": self.language})
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise InvalidSearch(sorted(unknown)[0], _("There is no such filter."))
        if years_out_of_order(self.date_from, self.date_to):
            raise InvalidSearch("date_from", _("The start year cannot come after the end year."))
        if self.sort not in SORTS:
            raise InvalidSearch(
                "sort", _("Sort must be one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)}
            )
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidSearch(
                "page_size",
                _("The page size must be between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE},
            )


@dataclass
class Hit:
    piece_id: int
    catalog_number: str
    highlights: dict[str, list[str]]


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    next_cursor: str | None


def encode_cursor(sort_values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(sort_values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.b64decode(padded, altchars=b"-_", validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidSearch("cursor", CURSOR_ERROR) from error
    if not isinstance(values, list) or not values:
        raise InvalidSearch("cursor", CURSOR_ERROR)
    return values


CURSOR_TAG = "after"


def _text_query(request: SearchRequest) -> Q:
    language = request.language
    fields = [f"title_{language}^3", f"description_{language}", f"terms_{language}", "fallback"]
    if language != "es":
        fields.append("title_es^2")  # untranslated titles are still found
    return Q(
        "bool",
        should=[
            Q("multi_match", query=request.text, fields=fields, operator="and"),
            Q("term", catalog_number={"value": request.text.strip().upper(), "boost": 10}),
        ],
        minimum_should_match=1,
    )


def _facet_filter(name: str, values: tuple[str, ...]) -> Q:
    return Q("terms", **{FACET_FIELDS[name]: list(values)})


def build_search(request: SearchRequest, index: str) -> Search:
    """The elasticsearch-dsl search for a request (tests pin its JSON)."""
    # One more than a page: whether it comes back says if there is a next page.
    search = Search(index=index).extra(track_total_hits=True, size=request.page_size + 1)
    must = [_text_query(request)] if request.text.strip() else []
    date_filters = []
    if request.date_from is not None or request.date_to is not None:
        bounds = {"relation": "intersects"}
        if request.date_from is not None:
            bounds["gte"] = request.date_from
        if request.date_to is not None:
            bounds["lte"] = request.date_to
        date_filters.append(Q("range", dates=bounds))
    search = search.query(Q("bool", must=must or [Q("match_all")], filter=date_filters))

    active = {name: values for name, values in request.filters.items() if values}
    if active:
        search = search.post_filter(
            Q("bool", filter=[_facet_filter(name, values) for name, values in active.items()])
        )
    for name in FACETS if request.with_facets else ():
        others = [_facet_filter(other, values) for other, values in active.items() if other != name]
        bucket = A("terms", field=FACET_FIELDS[name], size=FACET_SIZE)
        search.aggs.bucket(name, A("filter", Q("bool", filter=others))).bucket("terms", bucket)

    if request.sort == "date":
        order = [{"date_start": {"order": "asc", "missing": "_last"}}, {"catalog_number": "asc"}]
    elif request.sort == "-date":
        order = [{"date_end": {"order": "desc", "missing": "_last"}}, {"catalog_number": "asc"}]
    elif request.sort == "catalog_number":
        order = [{"catalog_number": "asc"}]
    else:
        order = ["_score", {"catalog_number": "asc"}]
    search = search.sort(*order)
    if request.cursor:
        values = decode_cursor(request.cursor)
        if values[0] != CURSOR_TAG or len(values) != len(order) + 1:
            raise InvalidSearch("cursor", CURSOR_ERROR)
        search = search.extra(search_after=values[1:])
    language = request.language
    # encoder=html: fragments come back escaped, with only our <mark> tags as markup.
    return (
        search.source(["catalog_number"])
        .highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        .highlight(f"title_{language}", f"description_{language}", "fallback",
                   number_of_fragments=2, fragment_size=120)
    )  # fmt: skip


def parse_response(response: dict, request: SearchRequest) -> SearchResult:
    raw_hits = response["hits"]["hits"]
    more = len(raw_hits) > request.page_size
    raw_hits = raw_hits[: request.page_size]
    hits = [
        Hit(
            piece_id=int(hit["_id"]),
            catalog_number=hit["_source"]["catalog_number"],
            highlights=hit.get("highlight", {}),
        )
        for hit in raw_hits
    ]
    facets = {
        name: [
            (bucket["key"], bucket["doc_count"])
            for bucket in response["aggregations"][name]["terms"]["buckets"]
        ]
        for name in (FACETS if request.with_facets else ())
    }
    next_cursor = encode_cursor([CURSOR_TAG, *raw_hits[-1]["sort"]]) if more else None
    return SearchResult(
        total=response["hits"]["total"]["value"],
        hits=hits,
        facets=facets,
        next_cursor=next_cursor,
    )


def build_suggest(text: str, language: str, index: str, limit: int) -> Search:
    """Autocomplete: every word typed is the start of a word of a title or catalog number."""
    fields = [f"title_{language}.autocomplete", "catalog_number.autocomplete"]
    if language != "es":
        fields.append("title_es.autocomplete")
    query = Q("multi_match", query=text, fields=fields, operator="and")
    return (
        Search(index=index)
        .query(query)
        .sort("_score", {"catalog_number": "asc"})
        .source(False)
        .extra(size=limit)
    )


def build_content_search(text: str, language: str, index: str, limit: int) -> Search:
    """Site-wide search of cases or pages: the reader's language, then the Spanish fallback."""
    fields = [f"title_{language}^3", f"body_{language}", "fallback"]
    if language != "es":
        fields.append("title_es^2")
    return (
        Search(index=index)
        .query(Q("multi_match", query=text, fields=fields, operator="and"))
        .extra(track_total_hits=True, size=limit)
        .source(False)
        .highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        .highlight(f"title_{language}", f"body_{language}", "fallback",
                   number_of_fragments=1, fragment_size=160)
    )  # fmt: skip
