"""The catalog's one query contract: every door to the public pieces asks through it.

The catalog page, `/api/v1/pieces`, `/api/v1/search/pieces`, the exports, the site-wide search
and the figures page's links all build a `CatalogQuery` (from GET parameters with
`query_from_params`) and get a `CatalogResult` from `search()`. The heritage app owns the
contract, the facets and the public-record rule (heritage.selectors.piece_public_q); an engine
answers it. Engines are provided by another app through `register_engine` (the search app does,
in its AppConfig.ready), so the dependency points from search to heritage, never back.

Facets are declared once, in FACETS: the index mapping and documents, the database engine's SQL,
the API's parameters, the page's filters, the labels and the reindex signals are derived from
that table. Adding a facet is one entry there (and its test).

The admin's scope. Curators search every record — drafts, restricted pieces, unpublished cases
and programs — while the engines' text tables and indexes hold public records only, by design
(what is not indexed cannot leak through a public door). So the contract has a second entry,
`admin_search()`: a text match over any queryset the admin listing already scoped by permission,
answered by the database from the records' own columns, with the words folded and stemmed by the
same rule the engines index with. It is registered by the search app too
(`register_admin_matcher`), so heritage and culture ask for it without importing search.
"""

import base64
import binascii
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from core.i18n import language_codes
from heritage.choices import Authenticity, HolderType, LegalBasis
from heritage.dates import years_out_of_order
from heritage.models import (
    Country,
    Culture,
    Institution,
    Material,
    ObjectType,
    Period,
    RecoveryCase,
    RecoveryMethod,
    Technique,
)
from heritage.selectors import CATALOG_CACHE_SECONDS, catalog_cache


# --- facets -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Facet:
    """A filter with counts. `path` leads from a piece to the term (a vocabulary record, a
    recovery case, or a choice column); through a case it counts only while the case is live."""

    name: str  # request parameter, index field, key of the counts
    label: Promise
    path: str
    vocabulary: type  # a VocabularyTerm model, RecoveryCase, or a TextChoices
    multi: bool = False  # a piece has several (materials, techniques)
    hierarchical: bool = False  # a term includes its narrower terms (periods)

    @property
    def choices(self) -> bool:
        return issubclass(self.vocabulary, models.Choices)

    @property
    def via_case(self) -> bool:
        return self.path == "case" or self.path.startswith("case__")

    @property
    def code_lookup(self) -> str:
        """The ORM lookup from a piece to the facet's code."""
        return self.path if self.choices else f"{self.path}__code"

    def terms(self) -> dict[str, str]:
        """code → label in the active language (cases: published ones only, so a draft case's
        title is never shown nor its code taken), kept until the catalog changes."""
        return facet_terms([self.name])[self.name]

    def read_terms(self) -> dict[str, str]:
        if self.choices:
            return {value: str(label) for value, label in self.vocabulary.choices}
        found = self.vocabulary.objects.all()
        if self.vocabulary is RecoveryCase:
            found = found.filter(live=True)
        return {term.code: str(term) for term in found}

    def codes(self, piece) -> list[str]:
        """The codes a public piece carries (for its index document); a broader period's code
        too, so a search for a period finds its subperiods."""
        if self.via_case and not (piece.case_id and piece.case.live):
            return []
        value = piece
        for step in self.path.split("__"):
            value = getattr(value, step) if value is not None else None
        if value is None or value == "":
            return []
        if self.choices:
            return [str(value)]
        if self.multi:
            return [term.code for term in value.all()]
        found = []
        while value is not None:
            found.append(value.code)
            value = value.parent if self.hierarchical else None
        return found


FACETS: tuple[Facet, ...] = (
    Facet("method", gettext_lazy("Recovery method"), "case__method", RecoveryMethod),
    Facet("culture", gettext_lazy("Culture"), "culture", Culture),
    Facet("period", gettext_lazy("Period"), "period", Period, hierarchical=True),
    Facet("object_type", gettext_lazy("Object type"), "object_type", ObjectType),
    Facet("material", gettext_lazy("Material"), "materials", Material, multi=True),
    Facet("technique", gettext_lazy("Technique"), "techniques", Technique, multi=True),
    Facet("country", gettext_lazy("Country recovered from"), "case__country", Country),
    Facet("custodian", gettext_lazy("Custodian"), "custodian", Institution),
    Facet("case", gettext_lazy("Recovery case"), "case", RecoveryCase),
    Facet("legal_basis", gettext_lazy("Legal basis"), "case__legal_basis", LegalBasis),
    Facet("holder_type", gettext_lazy("Holder before the recovery"), "case__holder_type",
          HolderType),
    Facet("authenticity", gettext_lazy("Authenticity"), "authenticity", Authenticity),
)  # fmt: skip
FACET_BY_NAME = {facet.name: facet for facet in FACETS}


def facet_terms(names=None) -> dict[str, dict[str, str]]:
    """The terms (Facet.terms) of the facets named, or of all, in the active language: read
    from the cache together (one round trip), those not kept yet computed and kept."""
    language = get_language()
    keys = [(name, language) for name in (FACET_BY_NAME if names is None else names)]
    found = catalog_cache.remember_many(
        "facet-terms",
        keys,
        CATALOG_CACHE_SECONDS,
        lambda missing: {key: FACET_BY_NAME[key[0]].read_terms() for key in missing},
    )
    return {name: found[(name, language)] for name, _language in keys}


@dataclass(frozen=True)
class YearRange:
    """A filter on signed years: `<name>_from`, `<name>_to`."""

    name: str
    label: Promise
    help: Promise
    path: str  # what the years are read from (the dating's own two columns for DATE)
    low: int
    high: int
    eras: bool  # BCE years are possible: the page offers an era beside each year


# The piece's own dating (an overlap: a piece dated 600–900 is found from 700; an open end is
# open) and the year its case was received in Mexico.
DATE = YearRange(
    "date",
    gettext_lazy("Dated between"),
    gettext_lazy("A piece counts when its own dating overlaps these years."),
    "date_start/date_end",
    -10000,
    2100,
    eras=True,
)
RECOVERED = YearRange(
    "recovered",
    gettext_lazy("Recovered between"),
    gettext_lazy("The year the pieces were received in Mexico."),
    "case__date_received",
    1,
    2100,
    eras=False,
)
RANGES = (DATE, RECOVERED)  # fmt: skip
YEAR_PARAMETERS = tuple(f"{years.name}_{end}" for years in RANGES for end in ("from", "to"))

SORTS = {
    "relevance": gettext_lazy("Relevance"),
    "date": gettext_lazy("Oldest first"),
    "-date": gettext_lazy("Newest first"),
    "catalog_number": gettext_lazy("Catalog number"),
}
MAX_PAGE_SIZE = 100
MAX_TEXT = 200
# Older parameter names of /api/v1/pieces and the catalog page, still understood.
ALIASES = {"year_from": "date_from", "year_to": "date_to", "limit": "page_size"}
CURSOR_ERROR = gettext_lazy("This link to a further page is no longer valid; start again.")


class InvalidQuery(ValueError):
    """A request the contract refuses; `parameter` names what to fix."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class CatalogQuery:
    text: str = ""
    language: str = field(default_factory=lambda: settings.LANGUAGE_CODE)
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date_from: int | None = None
    date_to: int | None = None
    recovered_from: int | None = None
    recovered_to: int | None = None
    sort: str = "relevance"
    page_size: int = 20
    cursor: str | None = None
    with_facets: bool = True  # exports and short lists page through results without counts

    def __post_init__(self):
        if self.language not in language_codes():
            raise InvalidQuery("lang", _("Unknown language: %(code)s.") % {"code": self.language})
        unknown = set(self.filters) - set(FACET_BY_NAME)
        if unknown:
            raise InvalidQuery(sorted(unknown)[0], _("There is no such filter."))
        for years in RANGES:
            if years_out_of_order(*self.years(years)):
                raise InvalidQuery(
                    f"{years.name}_from", _("The start year cannot come after the end year.")
                )
        if self.sort not in SORTS:
            raise InvalidQuery(
                "sort", _("Sort must be one of: %(sorts)s.") % {"sorts": ", ".join(SORTS)}
            )
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise InvalidQuery(
                "page_size",
                _("The page size must be between 1 and %(max)s.") % {"max": MAX_PAGE_SIZE},
            )

    def years(self, years: YearRange) -> tuple[int | None, int | None]:
        return getattr(self, f"{years.name}_from"), getattr(self, f"{years.name}_to")

    @cached_property
    def active(self) -> dict[str, tuple[str, ...]]:
        return {name: values for name, values in self.filters.items() if values}


@dataclass
class Hit:
    piece_id: int
    catalog_number: str
    highlights: dict[str, list[str]]


@dataclass
class CatalogResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    next_cursor: str | None
    engine: str = "database"  # "database", "opensearch" or "elasticsearch"
    fallback: bool = False  # the search server failed; the database answered


# --- cursors: opaque to clients, tagged by the engine that made them ----------------------------
def encode_cursor(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, tag: str, length: int) -> list:
    """The values of a cursor made by the engine that tags its cursors `tag`; anything else
    (tampered, foreign, another engine's) is refused naming the parameter."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.b64decode(padded, altchars=b"-_", validate=True))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError) as error:
        raise InvalidQuery("cursor", CURSOR_ERROR) from error
    if not isinstance(values, list) or len(values) != length or values[0] != tag:
        raise InvalidQuery("cursor", CURSOR_ERROR)
    return values[1:]


# --- from GET parameters ------------------------------------------------------------------------
INTEGER = re.compile(r"[+-]?[0-9]{1,12}")


def integer_parameter(params, name: str, low: int, high: int) -> int | None:
    """A whole number within [low, high], or None when absent. Digits of other scripts reach
    here as ASCII (core.params reads them so at the door); look-alikes such as "²", decimals
    and huge numbers are refused naming the parameter."""
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    if not INTEGER.fullmatch(raw):
        raise InvalidQuery(
            name, _("%(name)s must be a whole number, in digits 0–9.") % {"name": name}
        )
    value = int(raw)
    if not low <= value <= high:
        raise InvalidQuery(
            name,
            _("%(name)s must be between %(low)s and %(high)s.")
            % {"name": name, "low": low, "high": high},
        )
    return value


class AliasedParams:
    """GET parameters where an older name stands for its current one."""

    def __init__(self, params):
        self.params = params

    def _names(self, name: str) -> list[str]:
        return [name, *(old for old, new in ALIASES.items() if new == name)]

    def get(self, name: str, default=None):
        for candidate in self._names(name):
            value = self.params.get(candidate)
            if value not in (None, ""):
                return value
        return default

    def getlist(self, name: str) -> list[str]:
        return [
            value for candidate in self._names(name) for value in self.params.getlist(candidate)
        ]


def query_from_params(params, language: str, *, default_page_size: int = 20) -> CatalogQuery:
    """A CatalogQuery from GET parameters — the same names on every door (older names in
    ALIASES still work). Facet codes must exist; an unknown one names its parameter."""
    params = AliasedParams(params)
    chosen = {}
    for facet in FACETS:
        values = tuple(dict.fromkeys(v.strip() for v in params.getlist(facet.name) if v.strip()))
        if values:
            chosen[facet.name] = values
    terms = facet_terms(list(chosen))
    filters = {}
    for name, values in chosen.items():
        facet = FACET_BY_NAME[name]
        missing = set(values) - set(terms[name])
        if missing:
            shown = ", ".join(sorted(missing))[:200]
            raise InvalidQuery(
                facet.name,
                _("Unknown code for “%(facet)s”: %(codes)s.")
                % {"facet": facet.label, "codes": shown},
            )
        filters[name] = values
    years = {
        f"{years.name}_{end}": integer_parameter(
            params, f"{years.name}_{end}", years.low, years.high
        )
        for years in RANGES
        for end in ("from", "to")
    }  # the names of YEAR_PARAMETERS
    text = (params.get("q") or "").strip()
    if len(text) > MAX_TEXT:
        raise InvalidQuery(
            "q", _("Search at most %(max)s characters at a time.") % {"max": MAX_TEXT}
        )
    if "\x00" in text:
        raise InvalidQuery("q", _("The text holds a character that cannot be searched."))
    cursor = params.get("cursor") or None
    return CatalogQuery(
        text=text,
        language=language,
        filters=filters,
        **years,
        sort=params.get("sort") or "relevance",
        page_size=integer_parameter(params, "page_size", 1, MAX_PAGE_SIZE) or default_page_size,
        cursor=cursor[:1000] if cursor else None,
    )


def facet_labels(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[dict]]:
    """Each facet's buckets as {code, label, count}, labels in the active language."""
    labelled, terms = {}, facet_terms(list(facets))
    for name, buckets in facets.items():
        labelled[name] = [
            {"code": code, "label": terms[name][code], "count": count}
            for code, count in buckets
            if code in terms[name]
        ]
    return labelled


# --- the engine ---------------------------------------------------------------------------------
_engine: Callable[..., CatalogResult] | None = None


def register_engine(answer: Callable[..., CatalogResult]) -> None:
    """The app that provides the search engines registers its answer here (once, at start):
    `answer(query)`, and `answer(query, together)` for search's `together`."""
    global _engine
    _engine = answer


def search(query: CatalogQuery, *, together=None) -> CatalogResult:
    """The answer to `query`. `together(result)`: the entries kept under the pages' version
    (core.routes: (kind, parts), immutable) that the caller reads next for this result, read
    from the shared cache in the same round trip as the result's kept counts."""
    if _engine is None:
        raise RuntimeError("No catalog engine is registered (is the search app installed?).")
    return _engine(query) if together is None else _engine(query, together)


def pieces_for(result: CatalogResult) -> list:
    """The public pieces of a result's hits, in order, ready for listing (the catalog page keeps
    its cards instead: heritage.selectors.pieces_kept_public)."""
    from heritage.selectors import pieces_in_order

    return pieces_in_order([hit.piece_id for hit in result.hits])


# --- the admin's scope: every record, matched by the same text rule -----------------------------
_admin_matcher: Callable[[models.QuerySet, str, Sequence[str]], models.QuerySet] | None = None


def register_admin_matcher(
    match: Callable[[models.QuerySet, str, Sequence[str]], models.QuerySet],
) -> None:
    """The app that provides the engines registers the admin's text matcher here (once)."""
    global _admin_matcher
    _admin_matcher = match


def admin_search(queryset: models.QuerySet, text: str, fields: Sequence[str]) -> models.QuerySet:
    """The records of `queryset` whose `fields` hold every word of `text`, in whole or in part,
    accent- and case-insensitive, a word's stem in any language counting as the word: "mascara"
    finds "Máscaras", "000431" finds REP-2021-000431. The queryset is not widened: whoever calls
    scopes it first (restricted pieces only for users allowed to see them)."""
    if _admin_matcher is None:
        raise RuntimeError("No admin matcher is registered (is the search app installed?).")
    return _admin_matcher(queryset, text, fields)
