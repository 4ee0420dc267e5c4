"""GET /healthz for load balancers and monitors: the database, the search engine, the task queue.

503 only when the database does not answer (nothing works without it). An unreachable search
server is "degraded" with 200: search falls back to the database, so the node still serves.
"""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure of the database means "not healthy"
        return "unavailable"
    return "ok"


def _search() -> dict:
    from search.engines import SearchUnavailable, engine_label, get_engine

    engine = get_engine()
    try:
        engine.ping()
    except SearchUnavailable:
        return {"engine": engine_label(engine), "status": "unavailable"}
    return {"engine": engine_label(engine), "status": "ok"}


def _tasks() -> dict:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__name__
    # The immediate backend runs tasks in the request; others hand them to a worker.
    return {"backend": backend, "status": "ok"}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database()
    search = _search() if database == "ok" else {"status": "unknown"}
    tasks = _tasks()
    if database != "ok":
        status, code = "unavailable", 503
    elif search["status"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "database": database, "search": search, "tasks": tasks}, status=code
    )
