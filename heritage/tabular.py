"""Reading CSV (UTF-8 with or without BOM, `,` or `;`), XLSX and JSON exports (heritage.exporting:
`{"columns": [...], "<sheet>": [rows]}`) into rows of text cells.

Every problem is reported as a `TableError` in the user's language; nothing here touches the
database.
"""

import csv
import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"


class TableError(Exception):
    """The file as a whole cannot be read (not a row's problem)."""


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (row number as the user sees it, cells)

    def unstorable_cells(self) -> list[tuple[int, str]]:
        """(row, column) of every cell holding a NUL character, which no database text column
        can store (PostgreSQL refuses it): such files are refused, naming each cell."""
        return [
            (number, column)
            for number, cells in self.rows
            for column, value in cells.items()
            if "\x00" in value
        ]

    def replace_unstorable(self) -> None:
        """U+FFFD for each NUL, so the rest of each row can still be checked (and reported)."""
        for _number, cells in self.rows:
            for column, value in cells.items():
                if "\x00" in value:
                    cells[column] = value.replace("\x00", "\ufffd")


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _normalise_header(header: list) -> list[str]:
    return [_clean(cell).lower().lstrip("\ufeff") for cell in header]


def _csv_sheet(data: bytes, name: str) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            _("The file is not UTF-8 text (byte %(position)s). Save it as CSV UTF-8.")
            % {"position": error.start}
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        lines = list(reader)
    except csv.Error as error:
        raise TableError(_("The CSV file is malformed: %(error)s") % {"error": error}) from error
    if not lines:
        raise TableError(_("The file is empty."))
    header = _normalise_header(lines[0])
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in line):
            continue
        if len(line) > len(header):
            extra = [cell for cell in line[len(header) :] if cell.strip()]
            if extra:
                rows.append((number, {"__extra__": " | ".join(extra)}))
                continue
        cells = {
            column: _clean(line[i]) if i < len(line) else "" for i, column in enumerate(header)
        }
        rows.append((number, cells))
    return Sheet(name=name, header=header, rows=rows)


def _xlsx_sheets(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(_("The XLSX file cannot be read: %(error)s") % {"error": error}) from error
    sheets = []
    for worksheet in workbook.worksheets:
        iterator = worksheet.iter_rows(values_only=True)
        try:
            header = _normalise_header(list(next(iterator)))
        except StopIteration:
            continue
        while header and header[-1] == "":
            header.pop()
        rows = []
        for number, values in enumerate(iterator, start=2):
            cells = {
                column: _clean(values[i]) if i < len(values) else ""
                for i, column in enumerate(header)
            }
            if any(cells.values()):
                rows.append((number, cells))
        sheets.append(Sheet(name=worksheet.title.strip().lower(), header=header, rows=rows))
    workbook.close()
    if not sheets:
        raise TableError(_("The file is empty."))
    return sheets


def _json_sheets(data: bytes) -> list[Sheet]:
    """The JSON export's sheets: each key besides `columns` holding a list of objects."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise TableError(_("The JSON file cannot be read: %(error)s") % {"error": error}) from error
    if not isinstance(document, dict):
        raise TableError(_("The JSON file must be an object with a list of rows."))
    columns = document.get("columns")
    sheets = []
    for name, rows in document.items():
        if name == "columns" or not isinstance(rows, list):
            continue
        if not all(isinstance(row, dict) for row in rows):
            raise TableError(_("The JSON file must be an object with a list of rows."))
        header = _normalise_header(
            columns if isinstance(columns, list) else list(rows[0] if rows else {})
        )
        cells = [
            (number, {column: _clean(row.get(column)) for column in header})
            for number, row in enumerate(rows, start=2)
        ]
        sheets.append(Sheet(name=name.strip().lower(), header=header, rows=cells))
    if not sheets:
        raise TableError(_("The file is empty."))
    return sheets


def read_sheets(data: bytes, filename: str = "") -> list[Sheet]:
    """Every sheet of an XLSX workbook, or the one table of a CSV file, within the size and row
    limits (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS)."""
    sheets = _read_sheets(data, filename)
    rows = sum(len(sheet.rows) for sheet in sheets)
    if rows > settings.IMPORT_MAX_ROWS:
        raise TableError(
            _("The file has %(rows)s rows; one import takes at most %(limit)s. Split it in parts.")
            % {"rows": rows, "limit": settings.IMPORT_MAX_ROWS}
        )
    return sheets


def _read_sheets(data: bytes, filename: str) -> list[Sheet]:
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise TableError(
            _("The file is larger than %(megabytes)s MB; split it in parts.")
            % {"megabytes": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _xlsx_sheets(data)
    if filename.lower().endswith(".json") or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return _json_sheets(data)
    return [_csv_sheet(data, name="")]


def fold(text: str) -> str:
    """Accent- and case-insensitive form for matching labels ("Purépecha" = "purepecha")."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


TRUE_WORDS = {"1", "true", "yes", "y", "si", "sí", "x", "verdadero"}
FALSE_WORDS = {"", "0", "false", "no", "n", "falso"}


def parse_bool(value: str) -> bool:
    word = fold(value)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("Write true or false (or sí/no, 1/0)."))


def parse_int(value: str) -> int | None:
    if value == "":
        return None
    try:
        return int(value.replace(" ", ""))
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from error


def parse_decimal(value: str) -> Decimal | None:
    if value == "":
        return None
    normalised = value.replace(" ", "")
    if "," in normalised and "." not in normalised:
        normalised = normalised.replace(",", ".")  # 12,5 as written with a decimal comma
    try:
        number = Decimal(normalised)
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from error
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": value})
    return number


def format_decimal(value) -> str:
    if value is None:
        return ""
    text = format(Decimal(value).normalize(), "f")
    return text
