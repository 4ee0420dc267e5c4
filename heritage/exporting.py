"""Export of the catalog in the import format (CSV, XLSX, JSON): export → import is a no-op.

Restricted pieces and the restricted columns (restricted, find-spot) are written only when the
caller may see them; for anyone else they are left out entirely, not blanked.
"""

import csv
import io
import json

from django.db.models import Prefetch, QuerySet

from heritage.importing import PIECE_COLUMNS, RESTRICTED_COLUMNS
from heritage.models import Material, Piece, Technique
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


def to_csv(rows, columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(rows, columns: list[str]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("pieces")
    sheet.append(columns)
    for row in rows:
        sheet.append([row[column] for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(rows, columns: list[str]) -> str:
    return json.dumps({"columns": columns, "pieces": list(rows)}, ensure_ascii=False, indent=1)


def catalog_export(*, file_format: str, include_restricted: bool, queryset=None) -> bytes:
    columns = export_columns(include_restricted=include_restricted)
    rows = export_rows(include_restricted=include_restricted, queryset=queryset)
    if file_format == "csv":
        return to_csv(rows, columns).encode("utf-8")
    if file_format == "xlsx":
        return to_xlsx(rows, columns)
    if file_format == "json":
        return to_json(rows, columns).encode("utf-8")
    raise ValueError(f"unknown export format: {file_format}")
