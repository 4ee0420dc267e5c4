"""Apply draft Nahuatl translations to locale/nah/LC_MESSAGES/django.po.

    .venv/bin/python tools/nah_apply.py TRANSLATIONS.json [MORE.json ...]
    .venv/bin/python tools/compile_messages.py

Each JSON file maps a msgid to its msgstr: a list of forms for an entry with a plural
(`["%(counter)s ...", "%(counter)s ..."]`), and an entry with a context keyed as
"context\\u0004msgid" (gettext's own separator). Every entry written gets the translator comment
DRAFT_COMMENT and loses its fuzzy flag; a msgid the catalogue does not have is reported, not
added (run `make messages` first so the catalogue knows the code's strings). The placeholders of
each translation must be the msgid's (`%(name)s`, `%s`, `{count}`): one that differs is refused.

The Nahuatl of this catalogue is Central Nahuatl (ISO 639-3 nhn), in the modern practical
orthography; every entry stays a draft until speakers review it (README "Languages").
"""

import json
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "nah" / "LC_MESSAGES" / "django.po"
DRAFT_COMMENT = "Draft translation (nhn), awaiting review by Nahuatl speakers."
CONTEXT_SEPARATOR = "\u0004"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _key(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}{CONTEXT_SEPARATOR}{entry.msgid}" if entry.msgctxt else entry.msgid


def apply(translations: dict, catalog: polib.POFile) -> tuple[int, list[str], list[str]]:
    """Write `translations` into `catalog`; (entries written, unknown keys, refused keys)."""
    entries = {_key(entry): entry for entry in catalog if not entry.obsolete}
    written, unknown, refused = 0, [], []
    for key, value in translations.items():
        entry = entries.get(key)
        if entry is None:
            unknown.append(key)
            continue
        if entry.msgid_plural:
            forms = value if isinstance(value, list) else [value, value]
            if placeholders(forms[-1]) != placeholders(entry.msgid_plural) or not all(
                set(placeholders(form)) <= set(placeholders(entry.msgid_plural)) for form in forms
            ):
                refused.append(key)
                continue
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            text = value[0] if isinstance(value, list) else value
            if placeholders(text) != placeholders(entry.msgid):
                refused.append(key)
                continue
            entry.msgstr = text
        entry.tcomment = DRAFT_COMMENT
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        written += 1
    return written, unknown, refused


def main(paths: list[str]) -> int:
    if not paths:
        print(__doc__)
        return 2
    catalog = polib.pofile(str(CATALOG), wrapwidth=79)  # as makemessages wraps
    status = 0
    for path in paths:
        translations = json.loads(Path(path).read_text(encoding="utf-8"))
        written, unknown, refused = apply(translations, catalog)
        print(f"{path}: {written} entries written")
        for key in unknown:
            print(f"  not in the catalogue (run `make messages`?): {key!r}")
        for key in refused:
            print(f"  refused, placeholders differ from the msgid's: {key!r}")
            status = 1
    catalog.save()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
