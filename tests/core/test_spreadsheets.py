"""Exports people open in a spreadsheet never run a cell as a formula (core.spreadsheets): the
rule itself, and the catalog's search export and the figures' CSV through it. (The consultation
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
