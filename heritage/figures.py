"""The recovered heritage in figures: public pieces by recovery method, year of recovery,
country recovered from, culture and period — aggregate queries, cached until the catalog
changes. Restricted pieces are never broken down; they join the total only when curators allow
it (Catalog figures settings)."""

from urllib.parse import urlencode

from django.db.models import Case, Count, F, QuerySet, When
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from heritage.catalog import FACET_BY_NAME, RECOVERED
from heritage.models import Piece
from heritage.selectors import CATALOG_CACHE_SECONDS, catalog_cache, piece_public_q

# Each chart is a facet of the catalog's query contract (or the year-of-recovery range), so each
# bar links to the catalog search that lists the same pieces.
BREAKDOWNS = {
    "method": FACET_BY_NAME["method"],
    "year": RECOVERED,
    "country": FACET_BY_NAME["country"],
    "culture": FACET_BY_NAME["culture"],
    "period": FACET_BY_NAME["period"],
}


def catalog_query(name: str, code: str) -> str | None:
    """The catalog search (query string) that lists a bar's pieces."""
    if not code:
        return None
    if BREAKDOWNS[name] is RECOVERED:
        return urlencode({f"{RECOVERED.name}_from": code, f"{RECOVERED.name}_to": code})
    return urlencode({BREAKDOWNS[name].name: code})


def _rows(public: QuerySet, breakdown) -> list[dict]:
    """Pieces per term (or per year of recovery), largest first (years in order); through a
    case, only while the case is published, as the catalog's facets count."""
    years = breakdown is RECOVERED
    key = ExtractYear(breakdown.path) if years else F(f"{breakdown.path}__code")
    if breakdown.path.startswith("case"):
        key = Case(When(case__live=True, then=key))
    counted = {
        row["key"]: row["n"]
        for row in public.annotate(key=key).order_by().values("key").annotate(n=Count("pk"))
    }
    if years:
        rows = [{"code": str(year) if year else "", "label": str(year or ""), "count": n}
                for year, n in sorted(counted.items(), key=lambda item: item[0] or 0)]  # fmt: skip
    else:
        terms = breakdown.terms()
        rows = sorted(
            ({"code": code or "", "label": terms.get(code, ""), "count": n}
             for code, n in counted.items()),
            key=lambda row: (-row["count"], row["label"]),
        )  # fmt: skip
    for row in rows:
        if not row["code"]:
            row["label"] = _("Not recorded")
    return rows


def _compute(count_restricted: bool) -> dict:
    public = Piece.objects.filter(piece_public_q())
    total_public = public.count()
    restricted = Piece.objects.filter(live=True, restricted=True).count() if count_restricted else 0
    charts = {}
    for name, breakdown in BREAKDOWNS.items():
        rows = _rows(public, breakdown)
        largest = max((row["count"] for row in rows), default=0)
        for row in rows:
            row["query"] = catalog_query(name, row["code"])
            row["share"] = round(100 * row["count"] / total_public, 1) if total_public else 0
            row["width"] = round(100 * row["count"] / largest, 1) if largest else 0
        charts[name] = rows
    return {
        "total": total_public + restricted,
        "public": total_public,
        "restricted_counted": restricted,
        "charts": charts,
    }


def catalog_figures(*, count_restricted: bool) -> dict:
    """Figures in the active language (vocabulary labels), cached until the catalog changes."""
    return catalog_cache.remember(
        "figures", (get_language(), count_restricted), CATALOG_CACHE_SECONDS,
        lambda: _compute(count_restricted),
    )  # fmt: skip


CHART_TITLES = {
    "method": gettext_lazy("Pieces by recovery method"),
    "year": gettext_lazy("Pieces by year of recovery"),
    "country": gettext_lazy("Pieces by country recovered from"),
    "culture": gettext_lazy("Pieces by culture"),
    "period": gettext_lazy("Pieces by period"),
}
