"""A served application starts warm (core/warmup.py): the URL modules imported, each language's
catalog and URL table built, the project's templates compiled — before gunicorn forks, so no
worker's first visitor pays for them — and without a database connection, which the forked
workers would share."""

import json
import secrets
import subprocess
import sys

from django.conf import settings

from tests.test_project import manage
from tools.redis_server import free_port

SCRIPT = """
import json, sys
import config.wsgi
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils.translation import trans_real
from core.warmup import project_templates
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "urls": "config.urls" in sys.modules,
    "catalogs": sorted(trans_real._translations),
    "url_tables": sorted(get_resolver()._reverse_dict),
    "templates": project_templates(),
    "compiled": sorted(getattr(loader, "get_template_cache", {})),
    "connected": [c.alias for c in connections.all() if c.connection is not None],
}))
"""


def loaded(debug: str) -> dict:
    """What importing the WSGI application leaves in a fresh process, its database unreachable
    (a warm-up that read it would fail here)."""
    result = manage(
        "shell", "-c", SCRIPT,
        env={"DEBUG": debug, "SECRET_KEY": secrets.token_urlsafe(50),
             "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "WARNING",
             "DATABASE_URL": f"postgres://retorno@127.0.0.1:{free_port()}/retorno"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert "not compiled" not in result.stderr, result.stderr  # every template compiles
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_served_application_starts_warm_without_a_database_connection():
    languages = {code for code, _name in settings.LANGUAGES}
    state = loaded(debug="0")
    assert state["urls"]
    assert languages <= set(state["catalogs"])
    assert languages <= set(state["url_tables"])
    assert len(state["templates"]) > 50
    assert {"base.html", "heritage/catalog_index_page.html"} <= set(state["templates"])
    assert set(state["templates"]) <= set(state["compiled"])
    assert state["connected"] == []


def test_the_development_server_is_not_warmed():
    """With DEBUG, templates are read afresh on each request (nothing to keep), and a restart
    on each edit should not wait for it: the same import leaves the process cold."""
    state = loaded(debug="1")
    assert not state["urls"] and not state["compiled"]


def test_gunicorn_workers_leave_the_preloaded_application_out_of_full_collections():
    """config/gunicorn.py: the master loads with the cyclic collector off, freezes what it
    loaded before each fork, and each worker collects again (its own objects only)."""
    script = (
        "import gc, json, runpy\n"
        "hooks = runpy.run_path('config/gunicorn.py')\n"
        "loading = gc.isenabled()\n"
        "hooks['pre_fork'](None, None)\n"
        "frozen = gc.get_freeze_count()\n"
        "hooks['post_fork'](None, None)\n"
        "print(json.dumps([loading, frozen, gc.isenabled()]))\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], cwd=settings.BASE_DIR,
                         capture_output=True, text=True, check=True)  # fmt: skip
    loading, frozen, worker = json.loads(ran.stdout)
    assert loading is False
    assert frozen > 1000  # every object the master holds, the application's with them
    assert worker is True
