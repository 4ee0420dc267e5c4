"""Index upkeep as background tasks: an engine outage never loses CMS data or blocks an editor."""

import logging

from django_tasks import task

from search.engines import SearchUnavailable, get_engine

logger = logging.getLogger(__name__)


@task()
def sync_pieces(piece_ids: list[int]) -> dict:
    """Bring these pieces' documents in line with the catalog (index or remove)."""
    try:
        return get_engine().sync(piece_ids)
    except SearchUnavailable as error:
        # The catalog is already saved; `manage.py search_reconcile` repairs the index later.
        logger.warning("search index not updated for pieces %s: %s", piece_ids, error)
        return {"indexed": 0, "removed": 0, "error": str(error)}
