"""Index upkeep as background tasks: an engine outage never loses CMS data or blocks an editor.

The database engine's text table is kept on every sync, whatever engine answers searches, so
the database can answer when the search server is down. A failed sync of the search server is
retried later with a growing delay when the task backend can defer (the database backend with a
worker in production); after the last attempt, or with a backend that cannot defer, it is
logged and `manage.py search_reconcile` repairs the drift.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from core import pagecache
from search.database import DatabaseEngine
from search.engines import SearchUnavailable, get_engine

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
RETRY_DELAYS = (30, 120, 600, 1800)  # seconds before attempts 2, 3, 4, 5


@task()
def sync_records(kind: str, ids: list[int], attempt: int = 1) -> dict:
    """Bring these records' documents (a kind of search.kinds) in line with the database."""
    try:
        return _sync(kind, ids, attempt)
    finally:
        pagecache.changed()  # cached search answers may show the old documents


def _sync(kind: str, ids: list[int], attempt: int) -> dict:
    result = DatabaseEngine(kind).sync(ids) if attempt == 1 else {}
    engine = get_engine(kind)
    if isinstance(engine, DatabaseEngine):
        return result
    try:
        return engine.sync(ids)
    except SearchUnavailable as error:
        if attempt < MAX_ATTEMPTS and default_task_backend.supports_defer:
            delay = RETRY_DELAYS[attempt - 1]
            sync_records.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                kind, ids, attempt + 1
            )
            logger.warning(
                "search index not updated for %s %s (attempt %s, retry in %s s): %s",
                kind, ids, attempt, delay, error,
            )  # fmt: skip
        else:
            logger.error(
                "search index not updated for %s %s after %s attempts; "
                "run manage.py search_reconcile: %s",
                kind, ids, attempt, error,
            )  # fmt: skip
        return {"indexed": 0, "removed": 0, "error": str(error), "attempt": attempt}
