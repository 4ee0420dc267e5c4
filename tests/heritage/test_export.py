"""Exports of pieces, cases and provenance re-import through the importers as a no-op, in every
format (the JSON export included: `export_pieces --format json` could not be read back)."""

import datetime
import json

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from heritage.choices import HolderType, LegalBasis
from heritage.models import Piece, RecoveryCase
from heritage.services import catalog_import
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

FORMATS = ("csv", "xlsx", "json")


@pytest.fixture
def records():
    case = make_case(
        "CASE-EXP-1",
        summary_es="Historia del caso.",
        notes_es="Nota interna.",
        holder_type=HolderType.AUCTION_HOUSE,
        legal_basis=LegalBasis.UNESCO_1970,
        date_reported=datetime.date(2020, 3, 1),
        date_received=datetime.date(2021, 5, 2),
    )
    make_case("CASE-EXP-2", publish=False)
    events = [
        {"event_type": "find", "year_start": -300, "year_end": -100, "place": "Oaxaca"},
        {"event_type": "sale", "year_start": 1968, "party_from": "A", "party_to": "B",
         "description_es": "Venta.", "source_url": "https://example.org/lot"},
        {"event_type": "return", "year_start": 2021, "confidence": "high"},
    ]  # fmt: skip
    make_piece("REP-EXP-1", case=case, height_cm="10.5", events=events)
    make_piece("REP-EXP-2", events=events[:1], publish=False)
    return case


def _export(command: str, file_format: str, tmp_path, **options):
    path = tmp_path / f"{command}.{file_format}"
    call_command(command, format=file_format, output=path, **options)
    return path


def _import(path, kind: str):
    return catalog_import(data=path.read_bytes(), filename=path.name, sheet_kind=kind)


# command, the sheet its file fills, the option that adds what the public does not see
EXPORTS = [
    ("export_pieces", "pieces", "include_restricted"),
    ("export_cases", "cases", "include_notes"),
    ("export_provenance", "provenance", "include_restricted"),
]


@pytest.mark.parametrize("file_format", FORMATS)
@pytest.mark.parametrize(("command", "kind", "option"), EXPORTS)
def test_every_export_reimports_as_a_no_op(records, tmp_path, command, kind, option, file_format):
    path = _export(command, file_format, tmp_path, **{option: True})
    revisions = Revision.objects.count()
    report = _import(path, kind)
    assert report.ok and report.applied, report.errors
    assert (report.created, report.updated, report.unchanged) == ([], {}, 2)
    assert Revision.objects.count() == revisions


def test_the_json_export_is_read_as_the_catalog_changed_it(records, tmp_path):
    path = _export("export_pieces", "json", tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["pieces"][0]["title_en"] = "Renamed in the file"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = _import(path, "pieces")
    assert report.ok, report.errors
    assert report.updated == {"REP-EXP-1": ["title_en"]}
    assert Piece.objects.get(catalog_number="REP-EXP-1").title_en == "Renamed in the file"


def test_cases_export_leaves_out_the_notes_unless_asked(records, tmp_path):
    assert "Nota interna." not in _export("export_cases", "csv", tmp_path).read_text()
    with_notes = _export("export_cases", "json", tmp_path, include_notes=True)
    assert "Nota interna." in with_notes.read_text()


def test_provenance_export_reads_back_a_changed_event(records, tmp_path):
    path = _export("export_provenance", "csv", tmp_path)
    text = path.read_text(encoding="utf-8").replace("Oaxaca", "Oaxaca de Juárez", 1)
    path.write_text(text, encoding="utf-8")
    report = _import(path, "provenance")
    assert report.ok, report.errors
    assert report.updated == {"REP-EXP-1": ["provenance"]}
    events = Piece.objects.get(catalog_number="REP-EXP-1").provenance_events.all()
    assert "Oaxaca de Juárez" in {event.place for event in events}


def test_cases_export_writes_what_the_case_holds(records):
    from heritage.exporting import case_columns, case_queryset, case_rows

    rows = {
        row["code"]: row for row in case_rows(case_queryset(), case_columns(include_notes=False))
    }
    assert rows["CASE-EXP-1"]["date_reported"] == "2020-03-01"
    assert rows["CASE-EXP-1"]["method"] == RecoveryCase.objects.get(code="CASE-EXP-1").method.code
    assert "notes_es" not in rows["CASE-EXP-1"]


@pytest.mark.parametrize(
    "data", [b"{not json", b'{"columns": ["catalog_number"], "pieces": [1, 2]}', b"{}"]
)
def test_a_broken_json_file_is_reported_not_raised(data):
    report = catalog_import(data=data, filename="export.json")
    assert not report.ok and not report.applied
    assert report.errors[0].row == 0 and report.errors[0].message
