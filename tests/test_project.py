"""Project-wide guarantees: production checks, migrations, message catalogs, health."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

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


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Raises SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _catalog_of(po_path: Path) -> dict[str, str]:
    catalog = polib.pofile(str(po_path))
    return {
        entry.msgid: entry.msgstr
        for entry in catalog
        if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags
    }


LOCALES = [code for code, _name in settings.LANGUAGES]


@pytest.mark.parametrize("lang", LOCALES)
def test_each_language_has_a_compiled_catalog_matching_its_po(lang):
    po_path = ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"
    mo_path = po_path.with_suffix(".mo")
    assert po_path.exists() and mo_path.exists()
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo_path)) if entry.msgid}
    assert compiled == _catalog_of(po_path), "run `make messages` to recompile the .mo files"


def test_spanish_catalog_is_complete():
    catalog = polib.pofile(str(ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_nahuatl_is_known_to_django():
    from django.utils.translation import check_for_language, get_language_info

    assert check_for_language("nah")
    assert get_language_info("nah")["bidi"] is False


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


def test_manage_py_needs_no_variable_on_a_developer_checkout():
    result = manage("check", env={})
    assert result.returncode == 0, result.stderr
