"""Every UI string of ours has its entry in every language (issue 14, item 9; issue 15, item 4):
gettext's own extraction, `make messages`' makemessages, is run once on a copy of the project,
and each catalogue it writes (all but English, the msgids' own language) must have nothing
untranslated or fuzzy. A string added to the code without its Spanish or Nahuatl entry fails
here, not in front of a reader. Each entry of a draft language (settings.RETORNO_DRAFT_LANGUAGES)
says in its translator comment that it awaits review by speakers."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".test-results", "media", "private_media", "static_collected", "*.sqlite3",
    "__pycache__", ".pytest_cache", ".ruff_cache", "results", "node_modules", "tests", "bench",
)  # fmt: skip


MSGID_LANGUAGE = "en"  # msgids are English: its catalogue's msgstrs stay empty
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != MSGID_LANGUAGE]
DRAFT = sorted(settings.RETORNO_DRAFT_LANGUAGES)


def _draft_comment() -> str:
    spec = importlib.util.spec_from_file_location("nah_apply", ROOT / "tools" / "nah_apply.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DRAFT_COMMENT


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The locale/ directory makemessages writes for every translated language, on a copy."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed: make test installs it")
    copy = tmp_path_factory.mktemp("messages") / "retorno"
    shutil.copytree(ROOT, copy, ignore=IGNORED)
    environment = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    environment.pop("DATABASE_URL", None)  # the copy's embedded default: nothing is migrated
    languages = [argument for code in TRANSLATED for argument in ("-l", code)]
    done = subprocess.run(
        [sys.executable, "manage.py", "makemessages", *languages, "--no-obsolete",
         "--ignore=static_collected"],
        cwd=copy, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return copy / "locale"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_ui_string_has_an_entry_in_each_language(extracted, lang):
    catalog = polib.pofile(str(extracted / lang / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert missing == [] and fuzzy == [], (
        f"untranslated in {lang}: {missing}; fuzzy: {fuzzy} (add them to locale/{lang}, then "
        "`make messages`)"
    )


@pytest.mark.parametrize("lang", DRAFT)
def test_every_entry_of_a_draft_language_says_it_awaits_review(extracted, lang):
    comment = _draft_comment()
    for catalog_path in (extracted / lang, ROOT / "locale" / lang):
        catalog = polib.pofile(str(catalog_path / "LC_MESSAGES" / "django.po"))
        unmarked = [entry.msgid for entry in catalog if comment not in entry.tcomment]
        assert len(catalog) > 0 and unmarked == [], (
            f"{catalog_path}: entries without the translator comment {comment!r}: {unmarked} "
            "(tools/nah_apply.py adds it)"
        )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_entry_is_a_string_gettext_finds(extracted, lang):
    """An entry written by hand for a string xgettext cannot see (marked with an alias such as
    `gettext_lazy as _lazy`, which is not one of its keywords) would be dropped by the next
    `make messages`, and the string would show untranslated: every entry kept in locale/ must be
    one the extraction finds."""
    found = {
        (entry.msgctxt, entry.msgid)
        for entry in polib.pofile(str(extracted / lang / "LC_MESSAGES" / "django.po"))
    }
    kept = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
    unseen = [entry.msgid for entry in kept if (entry.msgctxt, entry.msgid) not in found]
    assert unseen == [], f"locale/{lang} has entries gettext does not extract: {unseen}"
