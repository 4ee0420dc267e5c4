"""Print which test runs happened (database, counts, browser and live search tests) from
pytest's JUnit files.

With --require, exit 1 unless both the SQLite and the PostgreSQL runs happened and the browser
and live search tests ran (not skipped) in each: what CI demands.
"""

import sys
from pathlib import Path

from defusedxml import ElementTree as ET


def summarise(paths: list[Path]) -> dict:
    """One database's counts, over its JUnit files (its suite, and a test run apart)."""
    counts = {
        "passed": 0,
        "failed": 0,
        "skipped": 0,
        "browser_ran": 0,
        "browser_skipped": 0,
        "es_ran": 0,
        "es_skipped": 0,
        "search_ran": 0,
        "search_skipped": 0,
    }
    cases = [case for path in paths for case in ET.parse(path).getroot().iter("testcase")]
    for case in cases:
        outcome = "passed"
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        counts[outcome] += 1
        classname = case.get("classname", "") + "."
        name = case.get("name", "")
        if ".browser." in classname:
            counts["browser_skipped" if outcome == "skipped" else "browser_ran"] += 1
        if "[elasticsearch" in name:
            counts["es_skipped" if outcome == "skipped" else "es_ran"] += 1
        elif ".test_live_" in classname or "[opensearch" in name:
            counts["search_skipped" if outcome == "skipped" else "search_ran"] += 1
    return counts


def main(argv: list[str]) -> int:
    require = "--require" in argv
    folder = Path([arg for arg in argv if not arg.startswith("--")][0])
    ok = True
    print("== test runs")
    for name in ("sqlite", "postgresql"):
        path = folder / f"{name}.xml"
        if not path.exists():
            print(f"{name}: did not run")
            ok = False
            continue
        c = summarise([path, *sorted(folder.glob(f"{name}-*.xml"))])
        print(
            f"{name}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped "
            f"(browser tests: {c['browser_ran']} ran, {c['browser_skipped']} skipped; "
            f"live OpenSearch tests: {c['search_ran']} ran, {c['search_skipped']} skipped; "
            f"live Elasticsearch 8 tests: {c['es_ran']} ran, {c['es_skipped']} skipped)"
        )
        if c["browser_ran"] == 0 or c["browser_skipped"] or c["failed"]:
            ok = False
        if c["search_ran"] == 0 or c["search_skipped"]:
            ok = False
    if require and not ok:
        print(
            "CI requires both databases, every browser and live search test run, "
            "and nothing failed."
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
