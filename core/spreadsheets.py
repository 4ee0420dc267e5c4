"""Spreadsheets people open: no cell we write may run as a formula.

A value that starts with = + - @, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets (CSV injection: `=HYPERLINK(...)` typed into a public form becomes a
link in the curator's export). OWASP's advice: prefix such a cell with a single quote, which the
spreadsheet shows and never runs. Numbers stay numbers (a negative longitude is data, not a
formula).

Every export meant for people goes through here: the admin's exports (consultation answers, stop
requests), the catalog's search export and the figures' CSV. XLSX cells keep their text as text
(`xlsx_row`): the value stays whole, so the catalog's XLSX export still re-imports as it was.
Data files for machines stay raw: opendata's Frictionless dumps and the catalog's CSV in the
import format they share a writer with (heritage.exporting) — a validator or a re-import must
read the stored value, and a leading quote would change it.
"""

import csv
from collections.abc import Iterable, Mapping
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """The value as a spreadsheet shows it and never runs (numbers and empty values unchanged)."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def xlsx_row(sheet, values: Iterable) -> list:
    """openpyxl write-only cells for `values`, text kept as text: openpyxl would store a string
    starting with = as a formula. The value itself is unchanged (an XLSX cell has a type), so a
    re-import reads what was exported."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value)
        if cell.data_type == "f":
            cell.data_type = "s"
        cells.append(cell)
    return cells


def safe_row(row: Iterable) -> list:
    return [formula_safe(value) for value in row]


def safe_mapping(row: Mapping) -> dict:
    return {key: formula_safe(value) for key, value in row.items()}


class SafeDictWriter(csv.DictWriter):
    """csv.DictWriter whose every cell (the header included) is formula-safe."""

    def writeheader(self):
        return self.writer.writerow(safe_row(self.fieldnames))

    def writerow(self, rowdict):
        return super().writerow(safe_mapping(rowdict))


def safe_writer(stream, **kwargs):
    """csv.writer whose rows are formula-safe."""
    writer = csv.writer(stream, **kwargs)

    class _Safe:
        def writerow(self, row):
            return writer.writerow(safe_row(row))

        def writerows(self, rows):
            for row in rows:
                self.writerow(row)

    return _Safe()


class FormulaSafeExportMixin:
    """For Wagtail's SpreadsheetExportMixin views (form submissions, snippets, reports): CSV cells
    are made formula-safe; XLSX cells Wagtail already keeps as text (it turns openpyxl's formulas
    back into strings), so only CSV needs this."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: formula_safe(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        from wagtail.admin.views.mixins import Echo

        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: formula_safe(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))
