"""Print which test runs happened (database, counts, browser tests) from pytest's JUnit files.

With --require, exit 1 unless both the SQLite and the PostgreSQL runs happened and the browser
tests ran (not skipped) in each: what CI demands.
"""

import sys
from pathlib import Path

from defusedxml import ElementTree as ET


def summarise(path: Path) -> dict:
    suite = ET.parse(path).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    counts = {"passed": 0, "failed": 0, "skipped": 0, "browser_ran": 0, "browser_skipped": 0}
    for case in suite.iter("testcase"):
        outcome = "passed"
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        counts[outcome] += 1
        if ".browser." in case.get("classname", "") + ".":
            counts["browser_skipped" if outcome == "skipped" else "browser_ran"] += 1
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
        c = summarise(path)
        print(
            f"{name}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped "
            f"(browser tests: {c['browser_ran']} ran, {c['browser_skipped']} skipped)"
        )
        if c["browser_ran"] == 0 or c["browser_skipped"] or c["failed"]:
            ok = False
    if require and not ok:
        print("CI requires both databases, every browser test run and nothing failed.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
