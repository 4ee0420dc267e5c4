"""Catalog import from real files: all or nothing, every bad row reported, idempotent."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook
from wagtail.models import ModelLogEntry, Revision

from heritage.exporting import catalog_export
from heritage.models import Culture, Material, Piece, ProvenanceEvent, RecoveryCase
from heritage.services import catalog_import
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

HEADER = [
    "catalog_number",
    "title_es",
    "title_en",
    "culture",
    "period",
    "date_start",
    "date_end",
    "materials",
    "height_cm",
    "authenticity",
    "case_code",
]


def csv_bytes(rows, header=HEADER, delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


def good_rows():
    return [
        ["REP-2021-000431", "Vasija maya", "Maya vessel", "maya", "clasico-tardio", "600", "900",
         "ceramica|pigmento", "12,5", "authentic", "CASE-1"],
        ["REP-2021-000432", "Figurilla", "Figurine", "Purepecha", "Posclásico Tardío", "1200",
         "1521", "Jade", "", "En estudio", ""],
    ]  # fmt: skip


@pytest.fixture
def case():
    return make_case("CASE-1")


def test_good_file_creates_drafts_with_revisions_and_history(case, tmp_path):
    path = tmp_path / "piezas.csv"
    path.write_bytes(csv_bytes(good_rows()))
    report = catalog_import(data=path.read_bytes(), filename=path.name)
    assert report.ok and report.applied, report.errors
    assert report.created == ["REP-2021-000431", "REP-2021-000432"]
    vessel = Piece.objects.get(catalog_number="REP-2021-000431")
    assert (vessel.title_es, vessel.title_en, vessel.case, vessel.live) == (
        "Vasija maya",
        "Maya vessel",
        case,
        False,
    )
    assert str(vessel.height_cm) == "12.50"
    assert sorted(vessel.materials.values_list("code", flat=True)) == ["ceramica", "pigmento"]
    figurine = Piece.objects.get(catalog_number="REP-2021-000432")
    assert (figurine.culture.code, figurine.period.code, figurine.authenticity) == (
        "purepecha",
        "posclasico-tardio",
        "under_study",
    )
    assert vessel.latest_revision is not None
    assert vessel.latest_revision.content["materials"]
    assert ModelLogEntry.objects.filter(object_id=str(vessel.pk), action="wagtail.create").exists()


def test_reimporting_the_same_file_changes_nothing(case):
    data = csv_bytes(good_rows())
    catalog_import(data=data)
    revisions = Revision.objects.count()
    report = catalog_import(data=data)
    assert (report.created, report.updated, report.unchanged) == ([], {}, 2)
    assert Revision.objects.count() == revisions


def test_changed_row_updates_only_that_piece_and_says_what_changed(case):
    catalog_import(data=csv_bytes(good_rows()))
    rows = good_rows()
    rows[0][2] = "Maya vessel, Late Classic"
    rows[0][7] = "ceramica"
    report = catalog_import(data=csv_bytes(rows))
    assert report.updated == {"REP-2021-000431": ["title_en", "materials"]}
    piece = Piece.objects.get(catalog_number="REP-2021-000431")
    assert piece.title_en == "Maya vessel, Late Classic"
    assert list(piece.materials.values_list("code", flat=True)) == ["ceramica"]


def test_every_bad_row_is_reported_and_nothing_is_written(case):
    rows = good_rows() + [
        ["", "Sin número", "", "", "", "", "", "", "", "", ""],
        ["REP-2021-000500", "", "", "maya", "", "", "", "", "", "", ""],
        ["REP-2021-000501", "Fechas", "", "", "", "900", "600", "", "", "", ""],
        ["REP-2021-000502", "Cultura", "", "atlantes", "", "", "", "", "", "", ""],
        ["REP-2021-000503", "Medida", "", "", "", "", "", "", "-3", "", ""],
        ["REP-2021-000504", "Caso", "", "", "", "", "", "", "", "", "CASE-404"],
        ["REP-2021-000505", "Número", "", "", "", "siglo V", "", "", "", "", ""],
        ["REP-2021-000431", "Duplicado", "", "", "", "", "", "", "", "", ""],
        ["bad number", "Clave", "", "", "", "", "", "", "", "", ""],
    ]
    with translation.override("es"):
        report = catalog_import(data=csv_bytes(rows))
    found = {(error.row, error.column) for error in report.errors}
    assert found == {
        (4, "catalog_number"),
        (5, "title_es"),
        (6, "date_end"),
        (7, "culture"),
        (8, "height_cm"),
        (9, "case_code"),
        (10, "date_start"),
        (11, "catalog_number"),
        (12, "catalog_number"),
    }
    messages = {error.row: error.message for error in report.errors}
    assert messages[6] == "El año final no puede ser anterior al año inicial."
    assert "atlantes" in messages[7]
    assert not report.applied
    assert Piece.objects.count() == 0


def test_unknown_and_missing_columns_refuse_the_file():
    report = catalog_import(data=csv_bytes([["REP-1", "x"]], header=["catalog_number", "titel"]))
    assert {(e.row, e.column) for e in report.errors} == {(1, "titel"), (1, "title_es")}


def test_bom_and_semicolons_and_decimal_commas(case):
    data = csv_bytes(good_rows(), delimiter=";", bom=True)
    report = catalog_import(data=data)
    assert report.ok, report.errors
    assert str(Piece.objects.get(catalog_number="REP-2021-000431").height_cm) == "12.50"


def test_not_utf8_is_a_clear_error():
    report = catalog_import(data="catalog_number,title_es\nREP-1,Vasija ñ\n".encode("latin-1"))
    assert len(report.errors) == 1
    assert "UTF-8" in report.errors[0].message


def test_dry_run_reports_and_writes_nothing(case):
    report = catalog_import(data=csv_bytes(good_rows()), dry_run=True)
    assert report.ok and not report.applied
    assert report.created == ["REP-2021-000431", "REP-2021-000432"]
    assert Piece.objects.count() == 0


def test_missing_terms_are_created_only_when_asked(case):
    rows = [["REP-2021-000600", "Pieza", "", "Chontal", "", "", "", "Turquesa", "", "", ""]]
    refused = catalog_import(data=csv_bytes(rows))
    assert {error.column for error in refused.errors} == {"culture", "materials"}
    report = catalog_import(data=csv_bytes(rows), create_missing_terms=True)
    assert report.ok, report.errors
    assert Culture.objects.get(code="chontal").label_es == "Chontal"
    assert Material.objects.filter(code="turquesa").exists()
    assert Piece.objects.get(catalog_number="REP-2021-000600").culture.code == "chontal"


def test_export_then_import_is_a_no_op(case):
    make_piece("REP-2021-000700", case=case, height_cm="10.5", materials=[], find_site="Sitio")
    catalog_import(data=csv_bytes(good_rows()))
    for file_format in ("csv", "xlsx"):
        data = catalog_export(file_format=file_format, include_restricted=True)
        report = catalog_import(data=data, filename=f"export.{file_format}")
        assert report.ok, report.errors
        assert (report.created, report.updated, report.unchanged) == ([], {}, 3)


def test_restricted_columns_need_the_permission(case, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw")
    data = csv_bytes(
        [["REP-1", "Pieza", "true"]], header=["catalog_number", "title_es", "restricted"]
    )
    report = catalog_import(data=data, user=editor)
    assert [(e.row, e.column) for e in report.errors] == [(1, "restricted")]


def _workbook(tmp_path) -> bytes:
    workbook = Workbook()
    cases = workbook.active
    cases.title = "cases"
    cases.append(["code", "title_es", "method", "country", "date_received"])
    cases.append(["CASE-XL", "Caso del libro", "Devolución voluntaria", "FR", "2022-06-10"])
    pieces = workbook.create_sheet("pieces")
    pieces.append(["catalog_number", "title_es", "case_code", "date_start", "date_end"])
    pieces.append(["REP-XL-1", "Hacha", "CASE-XL", -1200, -400])
    provenance = workbook.create_sheet("provenance")
    provenance.append(["catalog_number", "sequence", "event_type", "date_qualifier", "year_start"])
    provenance.append(["REP-XL-1", 2, "auction", "exact", 1987])
    provenance.append(["REP-XL-1", 1, "acquisition", "circa", 1950])
    path = tmp_path / "catalogo.xlsx"
    workbook.save(path)
    return path.read_bytes()


def test_one_workbook_imports_cases_pieces_and_provenance(tmp_path):
    data = _workbook(tmp_path)
    report = catalog_import(data=data, filename="catalogo.xlsx")
    assert report.ok, report.errors
    piece = Piece.objects.get(catalog_number="REP-XL-1")
    assert piece.case.code == "CASE-XL"
    assert piece.case.method.code == "voluntary-return"
    events = list(ProvenanceEvent.objects.filter(piece=piece).order_by("sort_order"))
    assert [(e.event_type, e.year_start) for e in events] == [
        ("acquisition", 1950),
        ("auction", 1987),
    ]
    again = catalog_import(data=data, filename="catalogo.xlsx")
    assert (again.created, again.updated) == ([], {})


def test_command_reports_bad_rows_and_exits_with_an_error(tmp_path, capsys):
    path = tmp_path / "malo.csv"
    path.write_bytes(csv_bytes([["REP-1", "", "", "", "", "", "", "", "", "", ""]]))
    with pytest.raises(CommandError):
        call_command("import_pieces", str(path))
    assert "row 2 [title_es]" in capsys.readouterr().err
    assert not Piece.objects.exists()
    assert not RecoveryCase.objects.exists()


def test_command_dry_run_and_real_run(case, tmp_path, capsys):
    path = tmp_path / "bien.csv"
    path.write_bytes(csv_bytes(good_rows()))
    call_command("import_pieces", str(path), "--dry-run")
    assert Piece.objects.count() == 0
    call_command("import_pieces", str(path), "--publish")
    assert Piece.objects.filter(live=True).count() == 2


def test_documented_sample_file_imports():
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "docs" / "samples" / "piezas-ejemplo.csv"
    report = catalog_import(data=sample.read_bytes(), filename=sample.name, dry_run=True)
    assert report.ok, report.errors
    assert len(report.created) == 2


def test_generate_catalog_makes_illustrative_published_pieces_and_is_repeatable():
    call_command("generate_catalog", "--pieces", "300", "--seed", "7", verbosity=0)
    pieces = Piece.objects.filter(catalog_number__startswith="SYN-7-")
    assert pieces.count() == 300
    assert not pieces.filter(is_illustrative=False).exists()
    assert pieces.filter(live=True, restricted=False).count() == 294  # every 50th is restricted
    assert ProvenanceEvent.objects.filter(piece__in=pieces).count() == 900
    call_command("generate_catalog", "--pieces", "300", "--seed", "7", verbosity=0)
    assert pieces.count() == 300


def test_fast_revision_content_matches_wagtails(case):
    from heritage.bulk import new_object_content
    from heritage.models import Technique

    piece = Piece(
        pk=123456,
        catalog_number="REP-FAST-1",
        title_es="Vasija",
        title_en="Vessel",
        culture=Culture.objects.get(code="maya"),
        case=case,
        date_start=-300,
        date_end=250,
        height_cm="12.50",
        restricted=True,
    )
    piece.provenance_events = []
    piece.images = []
    piece.materials = list(Material.objects.filter(code__in=["jade", "ceramica"]))
    piece.techniques = list(Technique.objects.filter(code="tallado"))
    assert new_object_content(piece) == piece.serializable_data()


def test_blank_instances_equal_freshly_constructed_ones():
    from heritage.bulk import blank_instance

    made = Piece(catalog_number="REP-X", live=False)
    copied = blank_instance(Piece, catalog_number="REP-X", live=False)
    copied_again = blank_instance(Piece, catalog_number="REP-Y", live=False)
    fields = [field.attname for field in Piece._meta.concrete_fields]
    assert [getattr(copied, name) for name in fields] == [getattr(made, name) for name in fields]
    assert copied._state is not copied_again._state and copied._state.adding
    assert copied_again.catalog_number == "REP-Y" and copied.catalog_number == "REP-X"


def test_choice_labels_match_in_any_language_whatever_is_active(case):
    from django.utils import translation

    rows = [["REP-L-1", "Uno", "", "", "", "", "", "", "", "Under study", ""],
            ["REP-L-2", "Dos", "", "", "", "", "", "", "", "réplica", ""]]  # fmt: skip
    with translation.override("en"):
        report = catalog_import(data=csv_bytes(rows), dry_run=True)
    assert report.ok, report.errors


DATE_HEADER = ["catalog_number", "title_es", "date_qualifier", "date_start", "date_end",
               "date_display_en"]  # fmt: skip


def test_date_qualifiers_import_by_code_or_label_and_export_by_code():
    rows = [["REP-Q-1", "Vasija", "circa", "600", "900", ""],
            ["REP-Q-2", "Figurilla", "Incierta", "-1200", "-900", ""],
            ["REP-Q-3", "Máscara", "", "1519", "1521", "Early colonial"],
            ["REP-Q-4", "Sello", "BEFORE", "", "1521", ""]]  # fmt: skip
    report = catalog_import(data=csv_bytes(rows, header=DATE_HEADER))
    assert report.ok, report.errors
    stored = dict(Piece.objects.values_list("catalog_number", "date_qualifier"))
    assert stored == {"REP-Q-1": "circa", "REP-Q-2": "uncertain", "REP-Q-3": "exact",
                      "REP-Q-4": "before"}  # fmt: skip
    exported = catalog_export(file_format="csv", include_restricted=True).decode("utf-8")
    records = {row["catalog_number"]: row for row in csv.DictReader(io.StringIO(exported))}
    assert {number: row["date_qualifier"] for number, row in records.items()} == stored
    assert records["REP-Q-3"]["date_display_en"] == "Early colonial"
    assert records["REP-Q-1"]["date_display_en"] == ""  # generated, not written out
    again = catalog_import(data=exported.encode("utf-8"), filename="export.csv")
    assert (again.ok, again.created, again.updated, again.unchanged) == (True, [], {}, 4)
    rows[0][2] = "after"
    changed = catalog_import(data=csv_bytes(rows, header=DATE_HEADER))
    assert changed.updated == {"REP-Q-1": ["date_qualifier"]}


def test_a_bad_date_qualifier_is_reported_with_its_row():
    rows = [["REP-Q-5", "Vasija", "quizá", "600", "900", ""],
            ["REP-Q-6", "Figurilla", "unknown", "600", "900", ""],  # provenance only
            ["REP-Q-7", "Máscara", "aproximada", "600", "900", ""]]  # fmt: skip
    with translation.override("es"):
        report = catalog_import(data=csv_bytes(rows, header=DATE_HEADER))
    assert [(error.row, error.column, error.message) for error in report.errors] == [
        (row, "date_qualifier", "Use uno de: exact, circa, before, after, uncertain.")
        for row in (2, 3)
    ]
    assert not report.applied and not Piece.objects.exists()


def test_a_large_import_refreshes_the_planner_statistics(case, settings, tmp_path):
    """After a bulk import the planner must see the tables at their new size (PostgreSQL's
    reltuples, written by ANALYZE in the same transaction); a smaller one leaves that to
    autovacuum."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("planner statistics (ANALYZE, pg_class.reltuples) are PostgreSQL's")

    def reltuples() -> dict[str, float]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN "
                "('heritage_piece', 'heritage_piece_materials')"
            )
            return dict(cursor.fetchall())

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE heritage_piece")
        cursor.execute("ANALYZE heritage_piece_materials")
    before = reltuples()
    settings.IMPORT_ANALYZE_ROWS = 3
    small = tmp_path / "two.csv"
    small.write_bytes(csv_bytes(good_rows()))
    assert catalog_import(data=small.read_bytes(), filename=small.name).applied
    assert reltuples() == before  # two rows: under the threshold
    rows = [[f"REP-2021-{900 + n:06d}", f"Vasija {n}", f"Vessel {n}", "maya", "clasico-tardio",
             "600", "900", "ceramica|pigmento", "", "authentic", ""] for n in range(3)]  # fmt: skip
    large = tmp_path / "three.csv"
    large.write_bytes(csv_bytes(rows))
    assert catalog_import(data=large.read_bytes(), filename=large.name).applied
    after = reltuples()
    assert after["heritage_piece"] == Piece.objects.count()
    assert after["heritage_piece_materials"] == Piece.materials.through.objects.count()
