"""The production task queue, for real: with TASKS_BACKEND=database a published piece waits in
the queue (and /healthz says so) until a `manage.py db_worker` process indexes it."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

STATE = (
    "import json; from django.test import Client; from django_tasks_db.models import DBTaskResult;"
    "from search.database import DatabaseEngine;"
    "health = Client().get('/healthz').json()['tasks'];"
    "print(json.dumps({'ready': DBTaskResult.objects.ready().count(), 'health': health,"
    " 'indexed': sorted(DatabaseEngine().indexed_ids())}))"
)


def run(*args: str, env: dict) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def test_a_worker_processes_what_publishing_queued(tmp_path):
    keep = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY"}
    }
    env = {**keep, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'queue.sqlite3'}",
           "TASKS_BACKEND": "database", "OPENSEARCH_URL": "", "ELASTICSEARCH_URL": "",
           "ALLOWED_HOSTS": "testserver"}  # fmt: skip
    run("migrate", "--noinput", env=env)
    run("shell", "-c",
        "from tests.utils import make_piece; make_piece('REP-QUEUE-1', title_es='Vasija en cola')",
        env=env)  # fmt: skip
    before = json.loads(run("shell", "-c", STATE, env=env).strip().splitlines()[-1])
    # Waiting: the piece's indexing (and the vocabulary upkeep the migrations queued).
    assert before["ready"] >= 1 and before["indexed"] == []
    assert before["health"]["backend"] == "DatabaseBackend"
    assert before["health"]["ready"] == before["ready"]
    run("db_worker", "--batch", "--no-startup-delay", "--no-reload", env=env)
    after = json.loads(run("shell", "-c", STATE, env=env).strip().splitlines()[-1])
    assert after["ready"] == 0 and len(after["indexed"]) == 1
    assert after["health"] == {"backend": "DatabaseBackend", "status": "ok", "ready": 0,
                               "oldest_ready_seconds": 0}  # fmt: skip
