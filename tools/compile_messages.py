"""Compile every locale/*/LC_MESSAGES/django.po into its .mo, without GNU gettext (uses polib).

The .mo files are committed, so a fresh machine serves every language without gettext; the test
suite checks that each .mo matches its .po. Fuzzy and empty entries are left out, as msgfmt does.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_all() -> list[Path]:
    written = []
    for po_path in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        catalog = polib.pofile(str(po_path))
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
