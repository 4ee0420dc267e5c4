"""The catalog's query contract (heritage.catalog) as Elasticsearch/OpenSearch bodies.

The body is built by elasticsearch-dsl: the text query per reader
language (its own field, the Spanish fallback, the catalog number), facet filters as a
post_filter so each facet's counts honour every other filter but its own, the date range as an
overlap on the signed-year integer_range, highlighting, and search_after cursors for deep
pagination without gaps or duplicates.
"""

from django.conf import settings
from elasticsearch_dsl import A, Q, Search

from core.i18n import localized_name
from heritage.catalog import (
    DATE,
    FACET_BY_NAME,
    FACETS,
    RANGES,
    CatalogQuery,
    CatalogResult,
    Hit,
    decode_cursor,
    encode_cursor,
)

FACET_SIZE = 100
CURSOR_TAG = "after"


def _site_title(language: str, suffix: str) -> list[str]:
    """The site-language title field, for a reader of another language."""
    site = settings.LANGUAGE_CODE
    return [] if language == site else [localized_name("title", site) + suffix]


def _text_query(request: CatalogQuery) -> Q:
    language = request.language
    fields = [
        f"{localized_name('title', language)}^3",
        localized_name("description", language),
        localized_name("terms", language),
        "fallback",
        *_site_title(language, "^2"),  # untranslated titles are still found
    ]
    return Q(
        "bool",
        should=[
            Q("multi_match", query=request.text, fields=fields, operator="and"),
            Q("term", catalog_number={"value": request.text.strip().upper(), "boost": 10}),
        ],
        minimum_should_match=1,
    )


def _facet_filter(name: str, values: tuple[str, ...]) -> Q:
    return Q("terms", **{name: list(values)})  # the index field is the facet's name


def _range_filter(request: CatalogQuery, years):
    """The piece's dating overlaps the range (open ends stay open); other ranges hold a year."""
    low, high = request.years(years)
    if low is None and high is None:
        return None
    bounds = {key: value for key, value in (("gte", low), ("lte", high)) if value is not None}
    if years is DATE:
        return Q("range", dates={"relation": "intersects", **bounds})
    return Q("range", **{years.name: bounds})


def build_search(request: CatalogQuery, index: str, *, total: bool = True) -> Search:
    """The elasticsearch-dsl search for a request (tests pin its JSON); without `total`, the
    hits are not counted (the total is known already: search.service keeps it)."""
    # One more than a page: whether it comes back says if there is a next page.
    search = Search(index=index).extra(track_total_hits=total, size=request.page_size + 1)
    must = [_text_query(request)] if request.text.strip() else []
    ranges = [found for years in RANGES if (found := _range_filter(request, years))]
    search = search.query(Q("bool", must=must or [Q("match_all")], filter=ranges))

    active = request.active
    if active:
        search = search.post_filter(
            Q("bool", filter=[_facet_filter(name, values) for name, values in active.items()])
        )
    for facet in FACETS if request.with_facets else ():
        others = [
            _facet_filter(other, values) for other, values in active.items() if other != facet.name
        ]
        bucket = A("terms", field=facet.name, size=FACET_SIZE)
        search.aggs.bucket(facet.name, A("filter", Q("bool", filter=others))).bucket(
            "terms", bucket
        )

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
        search = search.extra(
            search_after=decode_cursor(request.cursor, CURSOR_TAG, len(order) + 1)
        )
    fields = [localized_name(name, request.language) for name in ("title", "description")]
    if request.language != settings.LANGUAGE_CODE:  # the site's text, for untranslated pieces
        fields.append("fallback")
    # encoder=html: fragments come back escaped, with only our <mark> tags as markup.
    return (
        search.source(["catalog_number"])
        .highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        .highlight(*fields, number_of_fragments=2, fragment_size=120)
    )


def parse_response(response: dict, request: CatalogQuery) -> CatalogResult:
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
        for name in (FACET_BY_NAME if request.with_facets else ())
    }
    next_cursor = encode_cursor([CURSOR_TAG, *raw_hits[-1]["sort"]]) if more else None
    return CatalogResult(
        total=response["hits"].get("total", {}).get("value", 0),
        hits=hits,
        facets=facets,
        next_cursor=next_cursor,
    )


def build_suggest(text: str, language: str, index: str, limit: int) -> Search:
    """Autocomplete: every word typed is the start of a word of a title or catalog number."""
    fields = [
        f"{localized_name('title', language)}.autocomplete",
        "catalog_number.autocomplete",
        *_site_title(language, ".autocomplete"),
    ]
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
    fields = [
        f"{localized_name('title', language)}^3",
        localized_name("body", language),
        "fallback",
        *_site_title(language, "^2"),
    ]
    return (
        Search(index=index)
        .query(Q("multi_match", query=text, fields=fields, operator="and"))
        .extra(track_total_hits=True, size=limit)
        .source(False)
        .highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        .highlight(*(localized_name(name, language) for name in ("title", "body")), "fallback",
                   number_of_fragments=1, fragment_size=160)
    )  # fmt: skip
