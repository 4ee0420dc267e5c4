"""Import of recovery cases and provenance events (sheets `cases` and `provenance`).

Called inside catalog_import's transaction, so they share its all-or-nothing rule and report.
Cases are upserted by code; a piece's provenance in the file replaces what the piece had.
"""

import datetime
from itertools import groupby

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.i18n import localized_names, site_name
from heritage.choices import Confidence, DateQualifier, HolderType, LegalBasis, ProvenanceEventType
from heritage.importing import ImportReport, TermResolver, parse_choice
from heritage.models import Country, Piece, ProvenanceEvent, RecoveryCase, RecoveryMethod
from heritage.tabular import parse_int

CASE_COLUMNS = [
    "code",
    *localized_names("title", "summary"),
    "method",
    "country",
    "city",
    "holder_type",
    "legal_basis",
    "date_reported",
    "date_handed_over",
    "date_received",
    *localized_names("notes"),
]
# Free-text columns of a provenance event, copied as they are.
EVENT_TEXT_COLUMNS = (
    "party_from",
    "party_to",
    "place",
    "lot_number",
    "sale_number",
    *localized_names("description"),
    "source_citation",
    "source_url",
)
PROVENANCE_COLUMNS = [
    "catalog_number",
    "sequence",
    "event_type",
    "date_qualifier",
    "year_start",
    "year_end",
    *EVENT_TEXT_COLUMNS,
    "confidence",
]
EVENT_FIELDS = [
    column for column in PROVENANCE_COLUMNS if column not in {"catalog_number", "sequence"}
]


def _date(value: str) -> datetime.date | None:
    if value == "":
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError as error:
        raise ValueError(
            _("“%(value)s” is not a date (write YYYY-MM-DD).") % {"value": value}
        ) from error


def _check_header(sheet, columns, required, report: ImportReport) -> bool:
    ok = True
    for column in sheet.header:
        if column and column not in columns:
            report.error(1, column, _("Unknown column."), sheet.name)
            ok = False
    for column in required:
        if column not in sheet.header:
            report.error(1, column, _("This column is required."), sheet.name)
            ok = False
    return ok


def _save_with_revision(obj, user, *, created: bool) -> None:
    obj.save()
    revision = obj.save_revision(user=user, log_action=True)
    if obj.live:
        revision.publish(user=user)


def import_cases(sheet, *, report: ImportReport, user) -> None:
    if not _check_header(sheet, CASE_COLUMNS, ["code", site_name("title"), "method"], report):
        return
    methods = TermResolver(RecoveryMethod, create_missing=False, report=report)
    countries = TermResolver(Country, create_missing=False, report=report)
    existing = {case.code: case for case in RecoveryCase.objects.all()}
    columns = [column for column in sheet.header if column in CASE_COLUMNS]
    report.rows += len(sheet.rows)
    for number, cells in sheet.rows:
        errors_before = len(report.errors)
        code = cells.get("code", "")
        case = existing.get(code) or RecoveryCase(code=code, live=False)
        is_new = case.pk is None
        changed = []
        for column in columns:
            raw = cells.get(column, "")
            try:
                if column == "method":
                    value = methods.resolve(raw) if raw else None
                    same = case.method_id == getattr(value, "pk", None)
                    attribute = "method"
                elif column == "country":
                    value = countries.resolve(raw) if raw else None
                    same = case.country_id == getattr(value, "pk", None)
                    attribute = "country"
                elif column == "holder_type":
                    value, attribute = (parse_choice(HolderType, raw) if raw else ""), column
                    same = case.holder_type == value
                elif column == "legal_basis":
                    value, attribute = (parse_choice(LegalBasis, raw) if raw else ""), column
                    same = case.legal_basis == value
                elif column.startswith("date_"):
                    value, attribute = _date(raw), column
                    same = getattr(case, column) == value
                else:
                    value, attribute = raw, column
                    same = (getattr(case, column) or "") == value
            except ValueError as error:
                report.error(number, column, error, sheet.name)
                continue
            if is_new or not same:
                setattr(case, attribute, value)
                changed.append(column)
        if len(report.errors) > errors_before:
            continue
        try:
            case.full_clean(exclude=["latest_revision", "live_revision"], validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    report.error(number, name, message, sheet.name)
            continue
        if is_new:
            report.created.append(code)
        elif changed:
            report.updated[code] = changed
        else:
            report.unchanged += 1
            continue
        _save_with_revision(case, user, created=is_new)
        existing[code] = case


def _event_from_cells(cells: dict) -> ProvenanceEvent:
    event = ProvenanceEvent(
        event_type=parse_choice(ProvenanceEventType, cells.get("event_type", "")),
        date_qualifier=parse_choice(
            DateQualifier, cells.get("date_qualifier", ""), DateQualifier.EXACT
        ),
        year_start=parse_int(cells.get("year_start", "")),
        year_end=parse_int(cells.get("year_end", "")),
        confidence=parse_choice(Confidence, cells.get("confidence", ""), Confidence.MEDIUM),
    )
    for column in EVENT_TEXT_COLUMNS:
        setattr(event, column, cells.get(column, ""))
    return event


def _event_key(event: ProvenanceEvent) -> tuple:
    """What makes two events the same, empty text and NULL alike."""
    return tuple(
        getattr(event, name) if name in {"year_start", "year_end"} else getattr(event, name) or ""
        for name in EVENT_FIELDS
    )


def import_provenance(sheet, *, report: ImportReport, user, can_restrict: bool) -> None:
    if not _check_header(sheet, PROVENANCE_COLUMNS, ["catalog_number", "event_type"], report):
        return
    report.rows += len(sheet.rows)
    rows = sorted(
        sheet.rows,
        key=lambda row: (
            row[1].get("catalog_number", ""),
            parse_int_or(row[1].get("sequence", ""), row[0]),
        ),
    )
    numbers = {cells.get("catalog_number", "") for _number, cells in rows}
    pieces = {
        piece.catalog_number: piece for piece in Piece.objects.filter(catalog_number__in=numbers)
    }
    for catalog_number, group in groupby(rows, key=lambda row: row[1].get("catalog_number", "")):
        group = list(group)
        piece = pieces.get(catalog_number)
        if piece is None or (piece.restricted and not can_restrict):
            for number, _cells in group:
                report.error(
                    number,
                    "catalog_number",
                    _("No piece has the catalog number “%(number)s”.") % {"number": catalog_number},
                    sheet.name,
                )
            continue
        events, failed = [], False
        for order, (number, cells) in enumerate(group):
            try:
                event = _event_from_cells(cells)
                event.sort_order = order
                event.clean()
                event.clean_fields(exclude=["piece"])
            except ValueError as error:
                report.error(number, "", error, sheet.name)
                failed = True
                continue
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        report.error(number, name, message, sheet.name)
                failed = True
                continue
            events.append(event)
        if failed:
            continue
        stored = list(ProvenanceEvent.objects.filter(piece=piece).order_by("sort_order"))
        if [_event_key(e) for e in stored] == [_event_key(e) for e in events]:
            report.unchanged += 1
            continue
        report.updated.setdefault(catalog_number, []).append("provenance")
        piece.provenance_events = events
        piece.save()
        revision = piece.save_revision(user=user, log_action=True)
        if piece.live:
            revision.publish(user=user)


def parse_int_or(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default
