"""Export of the catalog in the import format (CSV, XLSX, JSON): export → import is a no-op.

Pieces, recovery cases and provenance events each export in the columns their importer reads
(heritage.importing, heritage.importing_related); a JSON export is `{"columns": [...], "<sheet>":
[rows]}`, which heritage.tabular reads back as the sheet of that name.
Restricted pieces and the restricted columns (restricted, find-spot) are written only when the
caller may see them; for anyone else they are left out entirely, not blanked. The same goes for
the curators' notes on cases, which no public page shows.
"""

import csv
import io
import json

from django.db.models import F, Prefetch, QuerySet

from core.i18n import localized_names
from heritage.importing import PIECE_COLUMNS, RESTRICTED_COLUMNS
from heritage.importing_related import CASE_COLUMNS, EVENT_FIELDS, PROVENANCE_COLUMNS
from heritage.models import VOCABULARIES, Material, Piece, ProvenanceEvent, RecoveryCase, Technique
from heritage.tabular import format_decimal

DECIMALS = {"height_cm", "width_cm", "depth_cm", "diameter_cm", "weight_g", "find_lat", "find_lon"}
CODES = {"culture", "period", "object_type", "custodian"}


def export_columns(*, include_restricted: bool) -> list[str]:
    if include_restricted:
        return list(PIECE_COLUMNS)
    return [column for column in PIECE_COLUMNS if column not in RESTRICTED_COLUMNS]


def export_queryset(*, include_restricted: bool) -> QuerySet[Piece]:
    queryset = (
        Piece.objects.select_related("culture", "period", "object_type", "custodian", "case")
        .prefetch_related(
            Prefetch("materials", queryset=Material.objects.order_by("code"), to_attr="m_list"),
            Prefetch("techniques", queryset=Technique.objects.order_by("code"), to_attr="t_list"),
        )
        .order_by("catalog_number")
    )
    return queryset if include_restricted else queryset.filter(restricted=False)


def piece_row(piece: Piece, columns: list[str]) -> dict[str, str]:
    row = {}
    for column in columns:
        if column in CODES:
            term = getattr(piece, column)
            row[column] = term.code if term else ""
        elif column == "case_code":
            row[column] = piece.case.code if piece.case_id else ""
        elif column == "materials":
            row[column] = "|".join(term.code for term in piece.m_list)
        elif column == "techniques":
            row[column] = "|".join(term.code for term in piece.t_list)
        elif column in DECIMALS:
            row[column] = format_decimal(getattr(piece, column))
        elif column in {"date_start", "date_end"}:
            value = getattr(piece, column)
            row[column] = "" if value is None else str(value)
        elif column == "restricted":
            row[column] = "true" if getattr(piece, column) else "false"
        else:
            row[column] = getattr(piece, column) or ""
    return row


def export_rows(*, include_restricted: bool, queryset=None):
    columns = export_columns(include_restricted=include_restricted)
    queryset = (
        queryset if queryset is not None else export_queryset(include_restricted=include_restricted)
    )
    for piece in queryset.iterator(chunk_size=2000):
        yield piece_row(piece, columns)


def write_csv(rows, columns: list[str], stream) -> int:
    """Write the rows to a text stream as CSV (the import format); returns the number of rows.
    Rows are written as they come, so a generator over a whole catalog stays small."""
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def to_csv(rows, columns: list[str]) -> str:
    buffer = io.StringIO()
    write_csv(rows, columns, buffer)
    return buffer.getvalue()


def to_xlsx(rows, columns: list[str], sheet_name: str = "pieces") -> bytes:
    from openpyxl import Workbook

    from core.spreadsheets import xlsx_row

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.append(columns)
    for row in rows:
        sheet.append(xlsx_row(sheet, [row[column] for column in columns]))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(rows, columns: list[str], sheet_name: str = "pieces") -> str:
    return json.dumps({"columns": columns, sheet_name: list(rows)}, ensure_ascii=False, indent=1)


def encode(rows, columns: list[str], *, file_format: str, sheet_name: str) -> bytes:
    """Rows as a file of the import format, the sheet named as its importer expects."""
    if file_format == "csv":
        return to_csv(rows, columns).encode("utf-8")
    if file_format == "xlsx":
        return to_xlsx(rows, columns, sheet_name)
    if file_format == "json":
        return to_json(rows, columns, sheet_name).encode("utf-8")
    raise ValueError(f"unknown export format: {file_format}")


def catalog_export(*, file_format: str, include_restricted: bool, queryset=None) -> bytes:
    columns = export_columns(include_restricted=include_restricted)
    rows = export_rows(include_restricted=include_restricted, queryset=queryset)
    return encode(rows, columns, file_format=file_format, sheet_name="pieces")


# --- recovery cases ---------------------------------------------------------------------------
CASE_PRIVATE_COLUMNS = set(localized_names("notes"))  # curators' notes: no public page shows them
CASE_TERMS = {"method", "country"}


def case_columns(*, include_notes: bool) -> list[str]:
    if include_notes:
        return list(CASE_COLUMNS)
    return [column for column in CASE_COLUMNS if column not in CASE_PRIVATE_COLUMNS]


def case_queryset() -> QuerySet[RecoveryCase]:
    return RecoveryCase.objects.select_related("method", "country").order_by("code")


def case_row(case: RecoveryCase, columns: list[str]) -> dict[str, str]:
    row = {}
    for column in columns:
        value = getattr(case, column)
        if column in CASE_TERMS:
            row[column] = value.code if value else ""
        elif column.startswith("date_"):
            row[column] = value.isoformat() if value else ""
        else:
            row[column] = value or ""
    return row


def case_rows(queryset, columns: list[str]):
    for case in queryset.iterator(chunk_size=2000):
        yield case_row(case, columns)


def cases_export(*, file_format: str, include_notes: bool, queryset=None) -> bytes:
    columns = case_columns(include_notes=include_notes)
    rows = case_rows(queryset if queryset is not None else case_queryset(), columns)
    return encode(rows, columns, file_format=file_format, sheet_name="cases")


# --- provenance events ------------------------------------------------------------------------
def provenance_queryset(*, pieces: QuerySet[Piece]) -> QuerySet[ProvenanceEvent]:
    """The events of `pieces`, a piece's events together and in their order."""
    return (
        ProvenanceEvent.objects.filter(piece__in=pieces.order_by().values("pk"))
        .annotate(catalog_number=F("piece__catalog_number"))
        .order_by("piece__catalog_number", "sort_order", "pk")
    )


def provenance_rows(queryset):
    """Rows numbered 1, 2, … within each piece (the `sequence` the importer orders by)."""
    previous, sequence = None, 0
    for event in queryset.iterator(chunk_size=2000):
        sequence = sequence + 1 if event.catalog_number == previous else 1
        previous = event.catalog_number
        row = {"catalog_number": event.catalog_number, "sequence": str(sequence)}
        for name in EVENT_FIELDS:
            value = getattr(event, name)
            row[name] = "" if value is None else str(value)
        yield row


def provenance_export(*, file_format: str, include_restricted: bool, pieces=None) -> bytes:
    if pieces is None:
        pieces = export_queryset(include_restricted=include_restricted)
    rows = provenance_rows(provenance_queryset(pieces=pieces))
    return encode(rows, list(PROVENANCE_COLUMNS), file_format=file_format, sheet_name="provenance")


# --- vocabularies (read by the dumps; curators edit them in the admin) ------------------------
VOCABULARY_COLUMNS = [
    "vocabulary",
    "code",
    *localized_names("label"),
    "authority_uri",
    "start_year",
    "end_year",
    "broader",
]


def vocabulary_rows():
    """Every term of every vocabulary (heritage.models.VOCABULARIES), by vocabulary and code."""
    for model in VOCABULARIES:
        queryset = model.objects.order_by("code")
        if hasattr(model, "parent"):
            queryset = queryset.select_related("parent")
        for term in queryset.iterator(chunk_size=2000):
            row = {"vocabulary": model._meta.model_name, "code": term.code}
            for name in localized_names("label"):
                row[name] = getattr(term, name) or ""
            row["authority_uri"] = term.authority_uri
            for name in ("start_year", "end_year"):
                value = getattr(term, name, None)
                row[name] = "" if value is None else str(value)
            parent = getattr(term, "parent", None)
            row["broader"] = parent.code if parent else ""
            yield row
