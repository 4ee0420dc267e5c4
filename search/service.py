"""What the search page, the API and the exports share: requests from query parameters, the
engine with its database fallback, pieces for hits, and facet labels in the reader's language.
"""

import logging
from dataclasses import dataclass, replace

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from heritage.models import (
    Piece,
    RecoveryCase,
)
from heritage.selectors import CATALOG_CACHE_SECONDS, catalog_cache, piece_list_public
from search.database import FACET_MODELS, DatabaseEngine
from search.engines import SearchUnavailable, get_engine
from search.query import FACETS, MAX_PAGE_SIZE, InvalidSearch, SearchRequest, SearchResult

logger = logging.getLogger(__name__)

FACET_TITLES = {
    "method": gettext_lazy("Recovery method"),
    "culture": gettext_lazy("Culture"),
    "period": gettext_lazy("Period"),
    "object_type": gettext_lazy("Object type"),
    "material": gettext_lazy("Material"),
    "technique": gettext_lazy("Technique"),
    "country": gettext_lazy("Country recovered from"),
    "custodian": gettext_lazy("Custodian"),
    "case": gettext_lazy("Recovery case"),
}
SORT_LABELS = {
    "relevance": gettext_lazy("Relevance"),
    "date": gettext_lazy("Oldest first"),
    "-date": gettext_lazy("Newest first"),
    "catalog_number": gettext_lazy("Catalog number"),
}
YEAR_LIMITS = (-10000, 2100)
SUGGEST_LIMIT = 8


@dataclass
class Outcome:
    result: SearchResult
    engine: str  # "database", "opensearch" or "elasticsearch"
    fallback: bool = False  # the search server failed; the database answered


def engine_name(engine) -> str:
    if isinstance(engine, DatabaseEngine):
        return "database"
    return "elasticsearch" if type(engine.client).__name__.startswith("Elastic") else "opensearch"


def _integer(params, name: str, low: int, high: int) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        raise InvalidSearch(name, _("%(name)s must be a whole number.") % {"name": name}) from None
    if not low <= value <= high:
        raise InvalidSearch(
            name,
            _("%(name)s must be between %(low)s and %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return value


def request_from_params(params, language: str, *, default_page_size: int = 20) -> SearchRequest:
    """A SearchRequest from GET parameters (the page and the API take the same ones).

    Facet codes must exist (public cases only for `case`); an unknown one names its parameter.
    """
    filters = {}
    for name in FACETS:
        values = tuple(dict.fromkeys(v.strip() for v in params.getlist(name) if v.strip()))
        if not values:
            continue
        missing = set(values) - set(facet_terms(name))
        if missing:
            raise InvalidSearch(
                name,
                _("Unknown code for “%(facet)s”: %(codes)s.")
                % {"facet": FACET_TITLES[name], "codes": ", ".join(sorted(missing))},
            )
        filters[name] = values
    page_size = _integer(params, "page_size", 1, MAX_PAGE_SIZE)
    return SearchRequest(
        text=(params.get("q") or "").strip()[:200],
        language=language,
        filters=filters,
        date_from=_integer(params, "date_from", *YEAR_LIMITS),
        date_to=_integer(params, "date_to", *YEAR_LIMITS),
        sort=params.get("sort") or "relevance",
        page_size=page_size or default_page_size,
        cursor=params.get("cursor") or None,
    )


def _answer(kind: str, ask, fallback_ask=None):
    """`ask(engine)` on the configured engine; if its server fails, log it and ask the
    database instead. Returns (answer, engine name, whether the database stood in)."""
    engine = get_engine(kind)
    try:
        return ask(engine), engine_name(engine), False
    except SearchUnavailable as error:
        logger.error("search server unreachable, answering from the database: %s", error)
    return (fallback_ask or ask)(DatabaseEngine(kind)), "database", True


def search_pieces(request: SearchRequest) -> Outcome:
    """Search with the configured engine; if its server fails, answer from the database."""
    # A cursor of the search server means nothing to the database: start from the top.
    result, name, fallback = _answer(
        "piece",
        lambda engine: engine.search(request),
        lambda engine: engine.search(replace(request, cursor=None)),
    )
    return Outcome(result, name, fallback)


@dataclass
class ContentOutcome:
    total: int
    found: list[tuple[int, dict]]  # (record id, highlights), best first
    fallback: bool = False


def search_content(kind: str, text: str, language: str, limit: int) -> ContentOutcome:
    """Cases or pages for the site-wide search, with the same database fallback."""
    (total, found), _name, fallback = _answer(
        kind, lambda engine: engine.search_content(text, language, limit)
    )
    return ContentOutcome(total, found, fallback)


def suggest(text: str, language: str, limit: int = SUGGEST_LIMIT) -> list[Piece]:
    """Public pieces for the words typed so far (titles and catalog numbers)."""
    if len(text.strip()) < 2:
        return []
    ids, _name, _fallback = _answer("piece", lambda engine: engine.suggest(text, language, limit))
    return pieces_in_order(ids)


def pieces_in_order(ids: list[int]) -> list[Piece]:
    """The public pieces among `ids`, in that order, for listing (fixed number of queries).

    Checked again here: a document the index still holds for a piece that has just been
    restricted or unpublished is never shown."""
    if not ids:
        return []
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(piece_list_public().filter(pk__in=ids), key=lambda piece: position[piece.pk])


def facet_terms(name: str) -> dict[str, str]:
    """A facet's vocabulary, code → label in the active language (cases: the published ones
    only), kept until the catalog changes (heritage.selectors)."""
    model = FACET_MODELS[name]

    def terms() -> dict[str, str]:
        found = model.objects.all()
        if model is RecoveryCase:  # a draft case's title is never shown, nor its code taken
            found = found.filter(live=True)
        return {term.code: str(term) for term in found}

    return catalog_cache.remember(
        "facet-terms", (name, get_language()), CATALOG_CACHE_SECONDS, terms
    )


def facet_labels(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[dict]]:
    """Each facet's buckets as {code, label, count}, labels in the active language."""
    labelled = {}
    for name, buckets in facets.items():
        terms = facet_terms(name)
        labelled[name] = [
            {"code": code, "label": terms.get(code, code), "count": count}
            for code, count in buckets
            if code in terms
        ]
    return labelled
