"""Project-wide guarantees: production checks, migrations, message catalogs, health."""

import ast
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

from tools.redis_server import free_port

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    test_only = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


# The apps in dependency order: each imports only the apps after it; opendata is imported by no
# app at all (config only). Cross-app contributions go through hooks, registries and signals.
LAYERS = ("search", "stories", "culture", "opendata", "heritage", "core")
IMPORTED_BY_CONFIG_ONLY = {"opendata"}


def _imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(LAYERS)


def test_dependencies_point_one_way():
    wrong = []
    for position, app in enumerate(LAYERS):
        allowed = set(LAYERS[position:]) - (IMPORTED_BY_CONFIG_ONLY - {app})
        for path in sorted((ROOT / app).rglob("*.py")):
            wrong += [(str(path.relative_to(ROOT)), name)
                      for name in sorted(_imported_apps(path) - allowed)]  # fmt: skip
    assert wrong == []


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Raises SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _catalog_of(po_path: Path) -> dict[tuple, str]:
    """(context, message) → translation: "Search" and the verb "Search" are two entries."""
    catalog = polib.pofile(str(po_path))
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in catalog
        if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags
    }


LOCALES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LOCALES)
def test_each_language_has_a_compiled_catalog_matching_its_po(lang):
    po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert po_path.exists() and mo_path.exists()
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.mofile(str(mo_path))
        if entry.msgid
    }
    assert compiled == _catalog_of(po_path), "run `make messages` to recompile the .mo files"


@pytest.mark.parametrize("lang", LOCALES)
def test_each_po_file_is_valid_for_gettext_itself(lang):
    """polib reads a damaged .po (an entry without msgstr, left by a merge) that GNU gettext,
    which `make messages` runs, refuses: check with gettext's own msgfmt."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (make test installs gettext)")
    po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
    checked = subprocess.run(
        [msgfmt, "--check-format", "--check-domain", "-o", os.devnull, str(po_path)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_spanish_catalog_is_complete():
    catalog = polib.pofile(str(ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_nahuatl_is_known_to_django():
    from django.utils.translation import check_for_language, get_language_info

    assert check_for_language("nah")
    assert get_language_info("nah")["bidi"] is False


@pytest.mark.django_db
def test_healthz_reports_database_search_and_tasks(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": {"engine": "database", "status": "ok"},
        "tasks": {"backend": "ImmediateBackend", "status": "ok"},
    }
    # A search server that does not answer (a closed port): degraded, still 200 — search falls
    # back to the database.
    settings.OPENSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    degraded = client.get("/healthz")
    assert degraded.status_code == 200
    assert degraded.json()["status"] == "degraded"
    assert degraded.json()["search"] == {"engine": "retorno-pieces", "status": "unavailable"}


def test_an_unreachable_database_answers_503_with_a_friendly_page():
    """A real outage: the site pointed at a PostgreSQL port nobody listens on."""
    script = (
        "import json; from django.test import Client; c = Client(raise_request_exception=False);"
        "out = {};"
        "r = c.get('/es/'); out['page'] = [r.status_code, r['Retry-After'], r.content.decode()];"
        "r = c.get('/en/catalog/'); out['en'] = [r.status_code, r.content.decode()];"
        "r = c.get('/api/v1/pieces'); out['api'] = [r.status_code, r.json()];"
        "r = c.get('/healthz'); out['health'] = [r.status_code, r.json()];"
        "print(json.dumps(out))"
    )
    result = manage(
        "shell", "-c", script,
        env={"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "testserver",
             "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "CRITICAL",
             # The cached site lookup (core.middleware) meets the outage first.
             "SHARED_CACHE": "1",
             "DATABASE_URL": f"postgres://retorno@127.0.0.1:{free_port()}/retorno"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    import json

    out = json.loads(result.stdout.strip().splitlines()[-1])
    status, retry, body = out["page"]
    assert status == 503 and retry == "60"
    assert "Servicio no disponible por un momento" in body and "Traceback" not in body
    assert out["en"][0] == 503 and "Briefly unavailable" in out["en"][1]
    unavailable = {"error": "unavailable", "message": "The service is briefly unavailable.",
                   "detail": []}  # fmt: skip
    assert out["api"] == [503, unavailable]
    assert out["health"][0] == 503 and out["health"][1]["database"] == "unavailable"


def test_manage_py_needs_no_variable_on_a_developer_checkout():
    result = manage("check", env={})
    assert result.returncode == 0, result.stderr


def test_the_page_cache_is_on_by_default_only_with_a_shared_cache():
    """Each process's own cache would not hear of a change made in another worker."""
    script = "from django.conf import settings as s; print(s.SHARED_CACHE, s.PAGE_CACHE_SECONDS)"
    for env, expected in (({}, "False 0"), ({"REDIS_URL": "redis://127.0.0.1:6379/0"}, "True 60")):
        result = manage("shell", "-c", script, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.strip().splitlines()[-1] == expected


# Where the site's language codes may be written out: settings, migrations and catalogues; and
# content that is written in given languages (demo pages, vocabulary seeds, synthetic records).
LANGUAGE_LIST_ALLOWED = ("config/settings.py", "/migrations/", "locale/", "tests/")
LANGUAGE_CONTENT = ("demo.py", "vocabulary_seed.py", "synthetic.py", "bench/programs.py")


def test_no_language_code_list_outside_settings():
    """Two or more of the site's language codes (`"es"`, `"en"`, or as field suffixes
    `"title_es"`, `"title_en"`) written in one file is a list that will miss the next language:
    derive it from settings.LANGUAGES (core.i18n.language_codes, localized_names)."""
    import re

    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    bare = re.compile(rf"""["']({codes})["']""")
    suffixed = re.compile(rf"""["'][a-z_]+_({codes})["']""")
    tracked = subprocess.run(
        ["git", "ls-files", "*.py", "*.html", "*.js"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    if not tracked:  # not a git checkout (a copied tree): every file
        tracked = [
            str(path.relative_to(ROOT))
            for pattern in ("*.py", "*.html", "*.js")
            for path in ROOT.rglob(pattern)
            if ".venv" not in path.parts
        ]
    offenders = {}
    for name in tracked:
        if any(part in name for part in LANGUAGE_LIST_ALLOWED + LANGUAGE_CONTENT):
            continue
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        for pattern in (bare, suffixed):
            found = set(pattern.findall(text))
            if len(found) > 1:
                offenders[name] = sorted(found)
    assert offenders == {}
