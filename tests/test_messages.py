"""Every UI string of ours has its Spanish entry (issue 14, item 9): gettext's own extraction,
`make messages`' makemessages, is run on a copy of the project, and the Spanish catalogue it
writes must have nothing untranslated or fuzzy. A string added to the code without its entry
in locale/es fails here, not in front of a Spanish-speaking curator."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".test-results", "media", "private_media", "static_collected", "*.sqlite3",
    "__pycache__", ".pytest_cache", ".ruff_cache", "results", "node_modules", "tests", "bench",
)  # fmt: skip


def test_every_ui_string_has_a_spanish_entry(tmp_path):
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed: make test installs it")
    copy = tmp_path / "retorno"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    environment = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    environment.pop("DATABASE_URL", None)  # the copy's embedded default: nothing is migrated
    done = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete",
         "--ignore=static_collected"],
        cwd=copy, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    catalog = polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert missing == [] and fuzzy == [], (
        f"untranslated in Spanish: {missing}; fuzzy: {fuzzy} (add them to locale/es, then "
        "`make messages`)"
    )
