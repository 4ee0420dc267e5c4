"""The engines behind the catalog's query contract (heritage.catalog), with the database as
the fallback when the search server fails; the site-wide search and autocomplete too.
"""

import logging
from dataclasses import dataclass, replace

from heritage.catalog import CatalogQuery, CatalogResult
from heritage.models import Piece
from heritage.selectors import pieces_in_order
from search.database import DatabaseEngine
from search.engines import SearchUnavailable, get_engine

logger = logging.getLogger(__name__)

SUGGEST_LIMIT = 8


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


def search_pieces(query: CatalogQuery) -> CatalogResult:
    """The contract's answer (registered in heritage.catalog by search.apps): the configured
    engine, or the database when its server fails."""
    # A cursor of the search server means nothing to the database: start from the top.
    result, name, fallback = _answer(
        "piece",
        lambda engine: engine.search(query),
        lambda engine: engine.search(replace(query, cursor=None)),
    )
    return replace(result, engine=name, fallback=fallback)


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
