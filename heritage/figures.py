"""The recovered heritage in figures: public pieces by recovery method, year of recovery,
country recovered from, culture and period — aggregate queries, cached until the catalog
changes. Restricted pieces are never broken down; they join the total only when curators allow
it (Catalog figures settings)."""

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from heritage.models import Country, Culture, Period, Piece, RecoveryMethod
from heritage.selectors import CATALOG_CACHE_SECONDS, catalog_cache, piece_public_q

BREAKDOWNS = {
    # name: (vocabulary model or None for years, path from a piece)
    "method": (RecoveryMethod, "case__method"),
    "year": (None, "case__date_received"),
    "country": (Country, "case__country"),
    "culture": (Culture, "culture"),
    "period": (Period, "period"),
}


def _rows(public: QuerySet, model, path: str) -> list[dict]:
    if model is None:
        counted = (
            public.annotate(year=ExtractYear(path)).values("year").annotate(n=Count("pk"))
            .order_by("year")
        )  # fmt: skip
        rows = [{"code": str(row["year"]) if row["year"] else "", "label": str(row["year"] or ""),
                 "count": row["n"]} for row in counted]  # fmt: skip
    else:
        counted = dict(
            public.order_by()
            .values_list(f"{path}__code")
            .annotate(n=Count("pk"))
            .values_list(f"{path}__code", "n")
        )
        terms = {term.code: str(term) for term in model.objects.filter(code__in=counted)}
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
    for name, (model, path) in BREAKDOWNS.items():
        rows = _rows(public, model, path)
        largest = max((row["count"] for row in rows), default=0)
        for row in rows:
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
