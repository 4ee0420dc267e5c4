"""Catalog import: parse and validate every row first, then write all of it or nothing.

The file format is documented in docs/import-format.md. Rows are matched to pieces by catalog
number (upsert); a row equal to the stored piece changes nothing, so importing a file twice, or
importing an export, is a no-op.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.i18n import language_codes, localized_names, site_name
from heritage.bulk import blank_instance
from heritage.choices import PIECE_DATE_QUALIFIERS, Authenticity, DateQualifier
from heritage.models import (
    Culture,
    Institution,
    Material,
    ObjectType,
    Period,
    Piece,
    RecoveryCase,
    Technique,
)
from heritage.tabular import fold, parse_bool, parse_decimal, parse_int

PIECE_COLUMNS = [
    "catalog_number",
    *localized_names("title", "description"),
    "culture",
    "period",
    "date_qualifier",
    "date_start",
    "date_end",
    *localized_names("date_display"),
    "object_type",
    "materials",
    "techniques",
    "height_cm",
    "width_cm",
    "depth_cm",
    "diameter_cm",
    "weight_g",
    "custodian",
    "authenticity",
    "case_code",
    "restricted",
    "find_site",
    "find_lat",
    "find_lon",
]
REQUIRED_COLUMNS = ["catalog_number", site_name("title")]
RESTRICTED_COLUMNS = {"restricted", "find_site", "find_lat", "find_lon"}
TEXT_COLUMNS = [*localized_names("title", "description", "date_display"), "find_site"]
INT_COLUMNS = ["date_start", "date_end"]
DECIMAL_COLUMNS = [
    "height_cm",
    "width_cm",
    "depth_cm",
    "diameter_cm",
    "weight_g",
    "find_lat",
    "find_lon",
]
BOOL_COLUMNS = ["restricted"]
# Read by code or by label in any language; an empty cell is the default.
CHOICE_COLUMNS = {
    "date_qualifier": (PIECE_DATE_QUALIFIERS, DateQualifier.EXACT),
    "authenticity": (Authenticity, Authenticity.UNDER_STUDY),
}
VOCABULARY_COLUMNS = {
    "culture": ("culture", Culture),
    "period": ("period", Period),
    "object_type": ("object_type", ObjectType),
    "custodian": ("custodian", Institution),
}
MULTI_VOCABULARY_COLUMNS = {"materials": Material, "techniques": Technique}
# Model field errors reported under the column a person can fix.
FIELD_TO_COLUMN = {"case": "case_code", "title": site_name("title")}


@dataclass
class RowError:
    row: int
    column: str
    message: str
    sheet: str = ""

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportReport:
    kind: str = "pieces"
    dry_run: bool = False
    rows: int = 0
    created: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # key → changed columns
    unchanged: int = 0
    new_terms: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    applied: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str, message: str, sheet: str = "") -> None:
        self.errors.append(RowError(row=row, column=column, message=str(message), sheet=sheet))

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "applied": self.applied,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "new_terms": self.new_terms,
            "errors": [error.as_dict() for error in self.errors],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "ImportReport":
        report = cls(**{k: v for k, v in data.items() if k != "errors"})
        report.errors = [RowError(**error) for error in data.get("errors", [])]
        return report


class TermResolver:
    """Finds a vocabulary term by code or by label in any language, accents and case ignored.

    With `create_missing`, an unknown value becomes a new term (code from the text, label in
    the site's language as written) — created only when the import is applied."""

    def __init__(self, model, *, create_missing: bool, report: ImportReport):
        self.model = model
        self.create_missing = create_missing
        self.report = report
        self.index: dict[str, object] = {}
        self.pending: dict[str, object] = {}
        for term in model.objects.all():
            self._remember(term)

    def _remember(self, term) -> None:
        for text in (term.code, *(getattr(term, name) for name in localized_names("label"))):
            if text:
                self.index.setdefault(fold(text), term)

    def resolve(self, value: str):
        key = fold(value)
        if key in self.index:
            return self.index[key]
        if key in self.pending:
            return self.pending[key]
        if not self.create_missing:
            raise ValueError(
                _("“%(value)s” is not a known %(vocabulary)s (use its code or its label).")
                % {"value": value, "vocabulary": self.model._meta.verbose_name}
            )
        code = slugify(value)[:64] or "term"
        term = self.model(code=code, label=value.strip(), **{site_name("label"): value.strip()})
        self.pending[key] = term
        self.report.new_terms.append(f"{self.model._meta.verbose_name}: {value.strip()}")
        return term

    def save_pending(self) -> None:
        for term in self.pending.values():
            term.save()
            self._remember(term)


@functools.cache
def choice_index(choices) -> dict[str, str]:
    """A choices class's values and their labels in every language, folded, mapped to the value
    (built once per process: the labels come from the compiled catalogues)."""
    from django.utils import translation

    index = {}
    for choice in choices:
        index[fold(choice.value)] = choice.value
        for code in language_codes():
            with translation.override(code):
                index.setdefault(fold(str(choice.label)), choice.value)
    return index


def parse_choice(choices, value: str, default: str | None = None) -> str:
    """A choice's value from its code or its label in any language (`choices`: a choices class
    or some of its members); an empty cell is `default` when there is one."""
    if value == "" and default is not None:
        return default
    if (chosen := choice_index(choices).get(fold(value))) is not None:
        return chosen
    raise ValueError(
        _("Use one of: %(choices)s.") % {"choices": ", ".join(c.value for c in choices)}
    )


@dataclass
class ParsedPiece:
    row: int
    catalog_number: str
    values: dict  # model attribute → value, only for the columns in the file
    materials: list | None = None
    techniques: list | None = None


class PieceImporter:
    """Validates piece rows against the catalog, then applies them in bulk."""

    def __init__(
        self,
        *,
        report: ImportReport,
        create_missing_terms: bool,
        can_restrict: bool,
        sheet: str = "",
    ):
        self.report = report
        self.sheet = sheet
        self.can_restrict = can_restrict
        self.resolvers = {
            model: TermResolver(model, create_missing=create_missing_terms, report=report)
            for model in (Culture, Period, ObjectType, Institution, Material, Technique)
        }
        self.cases = {case.code: case for case in RecoveryCase.objects.all()}
        self.parsed: list[ParsedPiece] = []

    # --- reading ------------------------------------------------------------------------------
    def check_header(self, header: list[str]) -> bool:
        unknown = [column for column in header if column and column not in PIECE_COLUMNS]
        for column in unknown:
            self.report.error(1, column, _("Unknown column."), self.sheet)
        for column in REQUIRED_COLUMNS:
            if column not in header:
                self.report.error(1, column, _("This column is required."), self.sheet)
        if not self.can_restrict:
            for column in sorted(RESTRICTED_COLUMNS & set(header)):
                self.report.error(
                    1,
                    column,
                    _("Only curators with the restricted-records permission may import it."),
                    self.sheet,
                )
        self.columns = [column for column in header if column in PIECE_COLUMNS]
        return not self.report.errors

    def parse_row(self, number: int, cells: dict[str, str], seen: set[str]) -> None:
        errors_before = len(self.report.errors)

        def fail(column: str, message) -> None:
            self.report.error(number, column, message, self.sheet)

        if "__extra__" in cells:
            fail("", _("The row has more cells than the header has columns."))
            return
        catalog_number = cells.get("catalog_number", "")
        if not catalog_number:
            fail("catalog_number", _("The catalog number is required."))
            return
        if catalog_number in seen:
            fail("catalog_number", _("This catalog number appears more than once in the file."))
            return
        seen.add(catalog_number)
        values: dict = {}
        for column in self.columns:
            raw = cells.get(column, "")
            try:
                if column in TEXT_COLUMNS:
                    values[column] = raw
                elif column in INT_COLUMNS:
                    values[column] = parse_int(raw)
                elif column in DECIMAL_COLUMNS:
                    values[column] = parse_decimal(raw)
                elif column in BOOL_COLUMNS:
                    values[column] = parse_bool(raw)
                elif column in VOCABULARY_COLUMNS:
                    attribute, model = VOCABULARY_COLUMNS[column]
                    values[attribute] = self.resolvers[model].resolve(raw) if raw else None
                elif column in CHOICE_COLUMNS:
                    choices, default = CHOICE_COLUMNS[column]
                    values[column] = parse_choice(choices, raw, default)
                elif column == "case_code":
                    if raw and raw not in self.cases:
                        raise ValueError(
                            _("No recovery case has the code “%(code)s”.") % {"code": raw}
                        )
                    values["case"] = self.cases.get(raw) if raw else None
            except ValueError as error:
                fail(column, error)
        parsed = ParsedPiece(row=number, catalog_number=catalog_number, values=values)
        for column, model in MULTI_VOCABULARY_COLUMNS.items():
            if column in self.columns:
                terms = []
                for part in (p.strip() for p in cells.get(column, "").split("|")):
                    if not part:
                        continue
                    try:
                        terms.append(self.resolvers[model].resolve(part))
                    except ValueError as error:
                        fail(column, error)
                setattr(parsed, column, terms)
        if len(self.report.errors) == errors_before:
            self.parsed.append(parsed)

    # --- validating against the catalog -------------------------------------------------------
    def plan(self) -> tuple[list, list]:
        """Decide what each row does; run the model's own validation on the result."""
        numbers = [item.catalog_number for item in self.parsed]
        existing: dict[str, Piece] = {}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start : start + 500]
            for piece in Piece.objects.filter(catalog_number__in=chunk).prefetch_related(
                "materials", "techniques"
            ):
                existing[piece.catalog_number] = piece
        to_create, to_update = [], []
        for item in self.parsed:
            piece = existing.get(item.catalog_number)
            if piece is not None and piece.restricted and not self.can_restrict:
                self.report.error(
                    item.row,
                    "catalog_number",
                    _("You do not have permission to change this piece."),
                    self.sheet,
                )
                continue
            is_new = piece is None
            if is_new:
                piece = blank_instance(Piece, catalog_number=item.catalog_number, live=False)
            changed = self._apply_values(piece, item, is_new)
            if not is_new and not changed:
                self.report.unchanged += 1  # equal to a stored, valid piece: nothing to check
                continue
            if not self._validate(piece, item):
                continue
            if is_new:
                to_create.append((piece, item))
            else:
                to_update.append((piece, item, changed))
        return to_create, to_update

    def _apply_values(self, piece: Piece, item: ParsedPiece, is_new: bool) -> list[str]:
        """Set the row's values on the piece; return the columns that differ from the stored one."""
        changed = []
        for attribute, value in item.values.items():
            if is_new or not _same(piece, attribute, value):
                setattr(piece, attribute, value)
                if not is_new:
                    changed.append(COLUMN_OF.get(attribute, attribute))
        for column in MULTI_VOCABULARY_COLUMNS:
            terms = getattr(item, column)
            if terms is None or is_new:
                continue
            stored = {term.pk for term in getattr(piece, column).all()}
            if {term.pk for term in terms} != stored or any(term.pk is None for term in terms):
                changed.append(column)
        return changed

    def _validate(self, piece: Piece, item: ParsedPiece) -> bool:
        # Vocabulary terms and cases were resolved against the catalog already; validating the
        # foreign keys again would cost one query each per row.
        # Fields the row does not set keep valid stored or default values: only the row's
        # fields are checked, then the model's cross-field rules (clean()).
        exclude = [
            name for name in ALL_FIELD_NAMES if name not in item.values and name != "catalog_number"
        ]
        exclude += [*VOCABULARY_FIELDS, "materials", "techniques"]
        try:
            piece.full_clean(exclude=exclude, validate_unique=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = FIELD_TO_COLUMN.get(name, name)
                for message in messages:
                    self.report.error(item.row, column, message, self.sheet)
            return False
        return True


VOCABULARY_FIELDS = {"culture", "period", "object_type", "custodian", "case"}
ALL_FIELD_NAMES = [field.name for field in Piece._meta.get_fields() if field.concrete]
COLUMN_OF = {"case": "case_code"}


def _same(piece: Piece, attribute: str, value) -> bool:
    if attribute in VOCABULARY_FIELDS:
        current_id = getattr(piece, f"{attribute}_id")
        if value is None:
            return current_id is None
        return value.pk is not None and value.pk == current_id
    current = getattr(piece, attribute)
    if attribute in TEXT_COLUMNS:
        return (current or "") == value
    return current == value


def run_piece_rows(
    importer: PieceImporter, rows, progress: Callable[[int, int], None] | None = None
) -> tuple[list, list]:
    seen: set[str] = set()
    total = len(rows)
    for index, (number, cells) in enumerate(rows, start=1):
        importer.parse_row(number, cells, seen)
        if progress and (index % 500 == 0 or index == total):
            progress(index, total)
    return importer.plan()
