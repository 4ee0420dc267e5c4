"""Exports people open in a spreadsheet never run a cell as a formula (core.spreadsheets): the
rule itself, the catalog search export and the XLSX export through it. (The consultation
and stop-request exports are tested beside their forms in tests/culture/.)"""

import csv
import io
from decimal import Decimal

import pytest

from core.spreadsheets import formula_safe
from tests.utils import make_piece


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+52 55", "'+52 55"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("Chicago", "Chicago"), ("", ""), (None, None),
     (-87.65, -87.65), (Decimal("-1.5"), Decimal("-1.5")), (3, 3)],
)  # fmt: skip
def test_formula_starts_are_neutralised_and_numbers_kept(value, written):
    assert formula_safe(value) == written


@pytest.mark.django_db
def test_the_catalog_search_export_is_formula_safe(client, catalog):
    make_piece("REP-2021-000001", title_es='=HYPERLINK("http://x.example")',
               title_en='=HYPERLINK("http://x.example")')  # fmt: skip
    export = client.get("/en/catalog/export/csv/")
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x.example")' in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


@pytest.mark.django_db
def test_the_xlsx_export_keeps_a_formula_like_title_as_text(tmp_path):
    """The catalog's XLSX export (admin, `export_pieces`) stores text as text: the cell holds
    the title itself (a re-import reads it back), never a formula."""
    from django.core.management import call_command
    from openpyxl import load_workbook

    make_piece("REP-2021-000002", title_es='=HYPERLINK("http://x.example")')
    path = tmp_path / "pieces.xlsx"
    call_command("export_pieces", format="xlsx", output=path)
    cells = [cell for row in load_workbook(path).active.iter_rows() for cell in row]
    (title,) = [cell for cell in cells if str(cell.value).startswith("=HYPERLINK")]
    assert title.data_type == "s" and title.value == '=HYPERLINK("http://x.example")'
