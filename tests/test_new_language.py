"""A new language is settings, migrations and a .po file: README "Adding a language", followed
step by step for Yucatec Maya (`yua`, tests/settings_yua.py) in a copy of the project, on a
database first migrated without it (an upgrade, as a running site would have), then the page,
import and search contract tests run in that copy with four languages.

Slow on purpose (two migrations and a test run in a subprocess); it runs on each database of
`make test`.
"""

import os
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from core.i18n import language_codes

ROOT = Path(__file__).resolve().parent.parent
NEW = "yua"
SETTINGS = "tests.settings_yua"
# The page, import and search contract tests, run again with the new language.
INNER_TESTS = [
    "tests/test_languages.py",
    "tests/search/test_doors.py",
    "tests/heritage/test_import.py",
    "tests/heritage/test_views.py",
]
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".test-results", "media", "private_media", "static_collected", "*.sqlite3",
    "__pycache__", ".pytest_cache", ".ruff_cache", "results", "node_modules",
)  # fmt: skip


def _database_url(copy: Path) -> tuple[str, str | None]:
    """A database of the copy's own: a file on SQLite, a new database on the same PostgreSQL
    server (its name, to drop it afterwards)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{copy / 'site.sqlite3'}", None
    database = settings.DATABASES["default"]
    name = f"retorno_yua_{uuid.uuid4().hex[:8]}"
    user = database["USER"] + (f":{database['PASSWORD']}" if database.get("PASSWORD") else "")
    url = f"postgres://{user}@{database['HOST']}:{database['PORT'] or 5432}/{name}"
    return url, name


def _postgres(statement: str) -> None:
    import psycopg

    database = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        user=database["USER"],
        password=database.get("PASSWORD") or None,
        host=database["HOST"],
        port=database["PORT"] or 5432,
        autocommit=True,
    ) as server:
        server.execute(statement)


@pytest.fixture
def project_copy(tmp_path):
    copy = tmp_path / "retorno"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    (copy / ".venv").symlink_to(ROOT / ".venv")  # the same interpreter and packages
    url, name = _database_url(copy)
    if name:
        _postgres(f"CREATE DATABASE {name}")
    yield copy, url
    if name:
        _postgres(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        _postgres(f"DROP DATABASE IF EXISTS test_{name} WITH (FORCE)")


def test_yucatec_maya_added_as_the_readme_says(project_copy):
    if NEW in language_codes():
        pytest.skip(f"this run already speaks {NEW}: it is the run this test starts")
    copy, url = project_copy
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONDONTWRITEBYTECODE": "1",
    }

    def run(*command: str, settings_module: str = SETTINGS, timeout: int = 900) -> str:
        done = subprocess.run(
            command, cwd=copy, env={**env, "DJANGO_SETTINGS_MODULE": settings_module},
            capture_output=True, text=True, timeout=timeout, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr

    python = sys.executable
    # The site as it runs today: three languages, migrated.
    run(python, "manage.py", "migrate", "--noinput", settings_module="tests.settings")

    # 1. LANGUAGES gains the language (tests/settings_yua.py); 2. makemigrations adds its
    # columns to every translated model, the search text tables included.
    made = run(python, "manage.py", "makemigrations", "--noinput")
    for app in ("core", "heritage", "culture", "search"):
        assert f"{app}/migrations/" in made, made
    existing = {path.name for path in (ROOT / "search" / "migrations").glob("0*.py")}
    search_migration = next(
        path for path in (copy / "search" / "migrations").glob("0*.py") if path.name not in existing
    ).read_text()
    assert "title_yua" in search_migration and "body_yua" in search_migration

    # 3. migrate: the columns, and the search vectors of search.schema for the new language.
    migrated = run(python, "manage.py", "migrate", "--noinput")
    if connection.vendor == "postgresql":
        assert "search_piecetext.vector_yua" in migrated, migrated
        assert "configuration retorno_yua" in migrated, migrated
    else:
        assert "search_piecetext_fts" in migrated, migrated

    # 4. make messages: a catalogue for the language, compiled.
    run("make", "messages")
    assert (copy / "locale" / NEW / "LC_MESSAGES" / "django.po").is_file()
    assert (copy / "locale" / NEW / "LC_MESSAGES" / "django.mo").is_file()

    # 5. search_rebuild: every record's text in the new language's fields.
    rebuilt = run(python, "manage.py", "search_rebuild")
    assert "piece" in rebuilt.lower(), rebuilt

    # The page, import and search contract tests, with four languages.
    report = copy / "inner.xml"
    run(
        python, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--ds={SETTINGS}",
        f"--junitxml={report}", *INNER_TESTS, timeout=1800,
    )  # fmt: skip
    cases = ET.parse(report).getroot().iter("testcase")  # noqa: S314 - our own report
    outcomes = {
        case.get("name"): "failed" if case.find("failure") is not None or case.find("error")
        is not None else "skipped" if case.find("skipped") is not None else "passed"
        for case in cases
    }  # fmt: skip
    new_language = {name: outcome for name, outcome in outcomes.items() if f"[{NEW}]" in name}
    assert len(new_language) == 4 and set(new_language.values()) == {"passed"}, new_language
    assert "failed" not in outcomes.values(), outcomes
