"""GET /healthz for load balancers and monitors: the database, the search engine, the task queue.

503 only when the database does not answer (nothing works without it). An unreachable search
server or a queue nobody works is "degraded" with 200: search falls back to the database and
pages do not wait for tasks, so the node still serves.
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


QUEUE_STALE_SECONDS = 600


def _tasks() -> dict:
    """The queue: with the database backend, how many tasks wait and for how long (tasks that
    wait over QUEUE_STALE_SECONDS mean no worker is running). The immediate backend runs tasks
    in the request: nothing can wait."""
    from django.utils import timezone
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    backend = type(task_backends[DEFAULT_TASK_BACKEND_ALIAS]).__name__
    if backend != "DatabaseBackend":
        return {"backend": backend, "status": "ok"}
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waiting = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return {
        "backend": backend,
        "status": "stale" if waiting > QUEUE_STALE_SECONDS else "ok",
        "ready": ready.count(),
        "oldest_ready_seconds": waiting,
    }


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = _database()
    search = _search() if database == "ok" else {"status": "unknown"}
    tasks = _tasks() if database == "ok" else {"status": "unknown"}
    if database != "ok":
        status, code = "unavailable", 503
    elif search["status"] != "ok" or tasks["status"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "database": database, "search": search, "tasks": tasks}, status=code
    )
