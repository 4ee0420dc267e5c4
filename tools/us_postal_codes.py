"""Writes culture/data/us_postal_codes.tsv.gz, the US postal codes "near me" reads (culture/geo.py),
from the `zipcodes` package: each code with coordinates, as `code, latitude, longitude, city,
state`, sorted by code.

The package's own lookup parses its whole table inside each process on first use (about 40 MB
held for good, and most of a second); this file is the part we read, about 0.5 MB. Run it after
`make lock` moves `zipcodes`; tests/culture/test_geo.py fails while the two differ.

Usage: .venv/bin/python tools/us_postal_codes.py [--check]
"""

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "culture" / "data" / "us_postal_codes.tsv.gz"


def rows_from_package() -> list[tuple[str, str, str, str, str]]:
    import zipcodes

    return sorted(
        (row["zip_code"], row["lat"], row["long"], row["city"], row["state"])
        for row in zipcodes.list_all()
        if row.get("lat") and row.get("long")
    )


def text(rows) -> str:
    for row in rows:
        if any("\t" in field or "\n" in field for field in row):
            raise ValueError(f"a field holds a tab or a line break: {row}")
    return "".join("\t".join(row) + "\n" for row in rows)


def main(argv: list[str]) -> int:
    wanted = text(rows_from_package())
    if "--check" in argv:
        same = gzip.decompress(TARGET.read_bytes()).decode() == wanted
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'differs from zipcodes'}")
        return 0 if same else 1
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same rows give the same bytes, so git sees no change without one
    TARGET.write_bytes(gzip.compress(wanted.encode(), compresslevel=9, mtime=0))
    codes, size = wanted.count("\n"), TARGET.stat().st_size
    print(f"{TARGET.relative_to(ROOT)}: {codes} codes, {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
