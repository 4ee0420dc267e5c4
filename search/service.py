"""The engines behind the catalog's query contract (heritage.catalog), with the database as
the fallback when the search server fails; the site-wide search and autocomplete too.
"""

import logging
from dataclasses import dataclass, replace

from django.conf import settings

from core import routes
from heritage.catalog import RANGES, CatalogQuery, CatalogResult
from heritage.models import Piece
from heritage.selectors import pieces_in_order
from search.database import DatabaseEngine
from search.engines import SearchUnavailable, get_engine

logger = logging.getLogger(__name__)

SUGGEST_LIMIT = 8
# a filter set's (facets, total), kept as tuples (an older release kept a dict: "catalog-counts")
COUNTS = "filter-set-counts"


def engine_name(engine) -> str:
    if isinstance(engine, DatabaseEngine):
        return "database"
    return "elasticsearch" if type(engine.client).__name__.startswith("Elastic") else "opensearch"


def _answer(kind: str, ask, fallback_ask=None):
    """`ask(engine)` on the configured engine; if its server fails, log it and ask the
    database instead. Returns (answer, engine name, whether the database stood in)."""
    engine = get_engine(kind)
    try:
        return ask(engine), engine_name(engine), False
    except SearchUnavailable as error:
        logger.error("search server unreachable, answering from the database: %s", error)
    return (fallback_ask or ask)(DatabaseEngine(kind)), "database", True


def _filter_set(query: CatalogQuery) -> tuple:
    """What a request's counts and total depend on: its text (read in its language: without
    one, every language shares the same counts), facets and year ranges; not its order, page
    size or cursor."""
    text = query.text.strip()
    return (
        text,
        query.language if text else "",
        tuple(sorted((name, tuple(sorted(values))) for name, values in query.active.items())),
        tuple(query.years(years) for years in RANGES),
        query.with_facets,
    )


def search_pieces(query: CatalogQuery, together=None) -> CatalogResult:
    """The contract's answer (registered in heritage.catalog by search.apps): the configured
    engine, or the database when its server fails.

    The counts and total of a filter set (the catalog's first page above all) are asked again
    and again, by every page of it and every door: kept under the pages' version (core.routes),
    which moves whenever the public catalog changes. Kept, every engine is asked for the page
    alone (no aggregations, no counting statement).

    `together(result)`: the kept entries (kind, parts) a caller reads next for the page (the
    catalog's cards and filter form). With a shared cache, they are read in the round trip
    that reads the counts: the page is asked first, as if its counts were kept, and a filter
    set nobody counted yet (once per version) is asked again with its counts."""

    def answer(counted):
        # A cursor of the search server means nothing to the database: start from the top.
        return _answer(
            "piece",
            lambda engine: engine.search(query, counted),
            lambda engine: engine.search(replace(query, cursor=None), counted),
        )

    answered = []

    def computed():
        answered.append(answer(None))
        result = answered[0][0]
        # kept as tuples: shared by the requests that read it, never copied
        facets = tuple((name, tuple(buckets)) for name, buckets in result.facets.items())
        return facets, result.total

    key = _filter_set(query)
    if together is not None and settings.SHARED_CACHE:
        page, name, fallback = answer(({}, 0))
        routes.prefetch([(COUNTS, key), *together(page)], immutable=True)
        facets, total = routes.remember(COUNTS, key, computed, immutable=True)
        if not answered:  # kept: the page asked first is the answer
            answered.append((replace(page, facets=_facets(facets), total=total), name, fallback))
    else:
        counted = routes.remember(COUNTS, key, computed, immutable=True)
        if not answered:
            answered.append(answer((_facets(counted[0]), counted[1])))
    result, name, fallback = answered[0]
    return replace(result, engine=name, fallback=fallback)


def _facets(kept: tuple) -> dict[str, list[tuple[str, int]]]:
    """The counts as the contract gives them, from the tuples they are kept as."""
    return {name: list(buckets) for name, buckets in kept}


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
