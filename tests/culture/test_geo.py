"""The US postal codes behind "near me" (culture/geo.py): the file it reads is the `zipcodes`
package's data, it answers as the package does, and a process that looks places up stays small."""

import random
import subprocess
import sys
from pathlib import Path

from culture import geo

ROOT = Path(__file__).resolve().parents[2]


def test_the_postal_code_file_is_the_packages_data():
    checked = subprocess.run(
        [sys.executable, "tools/us_postal_codes.py", "--check"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_postal_code_is_found_as_the_package_finds_it():
    import zipcodes

    codes = [line.split("\t")[0] for line in geo._postal_lines()]
    assert len(codes) == len(set(codes)) > 40_000
    sample = random.Random(13).sample(codes, 200)  # noqa: S311 - a sample, not a secret
    for code in [*sample, codes[0], codes[-1]]:
        row = zipcodes.matching(code)[0]
        place = geo.locate(f"{code}-0001")  # ZIP+4 reads as its first five digits
        assert place == geo.Place(float(row["lat"]), float(row["long"]),
                                  f"{code} ({row['city']}, {row['state']})")  # fmt: skip
    assert geo.locate("00000") is None  # not a code: nothing, not an error
    assert geo.locate("٦٠٦٠٧").label == "60607 (Chicago, IL)"  # Arabic-Indic digits


def test_looking_places_up_keeps_a_process_small():
    """Each web worker pays this once: the package's own tables held 37 MB (a postal code) and
    100 MB more (a city)."""
    program = (
        "def rss():\n"
        "    return next(int(line.split()[1]) for line in open('/proc/self/status')\n"
        "                if line.startswith('VmRSS')) // 1024\n"
        "from culture import geo\n"
        "before = rss()\n"
        "assert geo.locate('60607') and geo.locate('Springfield, IL')\n"
        "print(rss() - before)\n"
    )
    ran = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert int(ran.stdout) < 30, f"{ran.stdout.strip()} MB"
