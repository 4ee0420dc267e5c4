"""The importer under hostile input and faults: any file either imports completely or changes
nothing and reports every bad row, never a traceback (property-based, with Hypothesis); and an
import killed in the middle of its writes leaves the database as it was."""

import csv
import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from heritage.models import Piece
from heritage.services import catalog_import
from tests.utils import make_case

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["catalog_number", "title_es", "title_en", "culture", "date_start", "date_end",
          "height_cm", "case_code"]  # fmt: skip
# A defect, the column it lives in, and the column the report must name.
DEFECTS = [
    ("catalog_number", "número malo"),
    ("catalog_number", ""),
    ("title_es", ""),
    ("culture", "atlantes"),
    ("date_start", "siglo V"),
    ("date_end", "-3000"),  # before date_start
    ("height_cm", "-3"),
    ("case_code", "CASE-404"),
    ("title_es", "Vasija\x00rota"),  # NUL: no database column can store it
]


@st.composite
def import_files(draw):
    """A CSV of 1–12 rows, each good or carrying one known defect; free text anywhere text is
    free (titles), in any script. Returns (bytes, rows with a defect as 2-based row numbers)."""
    count = draw(st.integers(min_value=1, max_value=12))
    start = draw(st.integers(min_value=1, max_value=9000))
    rows, bad = [], set()
    for offset in range(count):
        row = {
            "catalog_number": f"REP-2030-{start + offset:06d}",
            "title_es": draw(st.text(min_size=1, max_size=40).filter(lambda t: t.strip())),
            "title_en": draw(st.text(max_size=40)),
            "culture": draw(st.sampled_from(["", "maya", "olmeca", "Mexica"])),
            "date_start": "600",
            "date_end": draw(st.sampled_from(["", "900"])),
            "height_cm": draw(st.sampled_from(["", "12,5", "3"])),
            "case_code": draw(st.sampled_from(["", "CASE-FUZZ"])),
        }
        defect = draw(st.none() | st.sampled_from(DEFECTS))
        if defect:
            column, value = defect
            row[column] = value
        if defect or any("\x00" in value for value in row.values()):  # free text may hold NUL
            bad.add(offset + 2)  # row 1 is the header
        rows.append(row)
    buffer = io.StringIO()
    # CRLF, as RFC 4180 says: the writer then quotes a title holding a bare "\r" (with "\n"
    # alone it would not, and any reader would see two records).
    writer = csv.DictWriter(buffer, fieldnames=HEADER, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8"), bad


def snapshot() -> list[tuple]:
    return list(Piece.objects.order_by("pk").values_list("catalog_number", "title_es",
                                                         "date_start", "height_cm"))  # fmt: skip


@pytest.mark.django_db
@settings(
    max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(generated=import_files())
def test_any_file_imports_completely_or_changes_nothing(generated):
    data, bad_rows = generated
    if not _case_exists():
        make_case("CASE-FUZZ")
    before = snapshot()
    with translation.override("es"):
        report = catalog_import(data=data, filename="fuzz.csv")  # never raises
    if bad_rows:
        assert not report.applied and snapshot() == before
        assert bad_rows <= {error.row for error in report.errors}, (report.errors, data)
    else:
        assert report.applied and not report.errors, (report.errors, data)
        numbers = {row[0] for row in snapshot()}
        assert set(report.created) | set(report.updated) <= numbers


def _case_exists() -> bool:
    from heritage.models import RecoveryCase

    return RecoveryCase.objects.filter(code="CASE-FUZZ").exists()


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_junk_is_refused_with_a_report_not_a_traceback(data):
    before = snapshot()
    report = catalog_import(data=data, filename=os.urandom(1).hex() + ".csv")
    assert snapshot() == before
    assert report.errors or report.rows == 0
    assert not (report.applied and report.errors)


def database_url() -> str:
    """The test database as a URL, for a subprocess to write to it."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user, password = settings_dict["USER"], settings_dict["PASSWORD"]
    auth = f"{user}:{password}@" if password else f"{user}@"
    return (
        f"postgres://{auth}{settings_dict['HOST']}:{settings_dict['PORT']}/{settings_dict['NAME']}"
    )


@pytest.mark.django_db(transaction=True)
def test_an_import_killed_while_writing_leaves_the_database_unchanged(tmp_path):
    path = tmp_path / "big.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["catalog_number", "title_es"])
        writer.writerows([f"REP-2031-{n:06d}", f"Pieza importada {n}"] for n in range(8000))
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY"}}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1",
                "DATABASE_URL": database_url(), "OPENSEARCH_URL": "",
                "ELASTICSEARCH_URL": ""})  # fmt: skip
    process = subprocess.Popen([sys.executable, "manage.py", "import_pieces", str(path)],
                               cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)  # fmt: skip
    seen = []
    try:
        for line in process.stderr:  # waits for the import to say its writes have begun
            seen.append(line)
            if line.startswith("writing "):
                break
        else:
            pytest.fail("the import ended before writing:\n" + "".join(seen)[-3000:])
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL  # it was killed, it did not finish
    assert Piece.objects.count() == 0
    # The database is usable afterwards: the same import, run again, completes.
    again = subprocess.run([sys.executable, "manage.py", "import_pieces", str(path),
                            "--verbosity", "0"], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stderr[-2000:]
    assert Piece.objects.count() == 8000
