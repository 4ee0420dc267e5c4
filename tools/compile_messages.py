"""Compile every locale/*/LC_MESSAGES/django.po into its .mo, without GNU gettext (uses polib).

A catalogue makemessages has just created gets a usable header first (its language, a plural
rule), as msginit would give it.

The .mo files are committed, so a fresh machine serves every language without gettext; the test
suite checks that each .mo matches its .po. Fuzzy and empty entries are left out, as msgfmt does.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


# What msginit would write in a new catalogue's header, which makemessages leaves as xgettext's
# placeholders (`plural=EXPRESSION` breaks every plural lookup): until a translator gives the
# language's own rule, two forms as in Spanish and English.
NEW_CATALOG_HEADER = {"Plural-Forms": "nplurals=2; plural=(n != 1);"}


def complete_header(catalog: polib.POFile, language: str) -> bool:
    """Fill a new catalogue's placeholder header; True when it changed."""
    changed = False
    if "EXPRESSION" in catalog.metadata.get("Plural-Forms", "EXPRESSION"):
        catalog.metadata.update(NEW_CATALOG_HEADER)
        changed = True
    if not catalog.metadata.get("Language", "").strip():
        catalog.metadata["Language"] = language
        changed = True
    return changed


def compile_all() -> list[Path]:
    written = []
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        catalog = polib.pofile(str(po_path))
        if complete_header(catalog, po_path.parent.parent.name):
            catalog.save()
        mo = polib.MOFile(fpath=str(po_path.with_suffix(".mo")), wrapwidth=catalog.wrapwidth)
        mo.metadata = catalog.metadata
        mo.extend(
            entry
            for entry in catalog
            if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags
        )
        mo.save(str(po_path.with_suffix(".mo")))
        written.append(po_path.with_suffix(".mo"))
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(path.relative_to(ROOT), file=sys.stderr)
