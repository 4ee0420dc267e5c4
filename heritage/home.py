"""What the catalog offers the home page (core.home): featured pieces, the latest recovery
cases and three headline figures — each read through the catalog's public selectors, drawn by
its own template. Registered in heritage/wagtail_hooks.py."""

from django.db.models import F
from django.template.loader import render_to_string
from wagtail.models import Site

from heritage import selectors
from heritage.figures import catalog_figures
from heritage.models import CatalogFiguresSettings


def featured_pieces(request, *, count: int, anchor: str) -> str:
    """The pieces curators chose, or the most recently returned ones."""
    catalog_url = selectors.catalog_path(request)
    if catalog_url is None:
        return ""  # no catalog page: pieces have no address to link to
    site = Site.find_for_request(request) if request else None
    pieces = selectors.pieces_featured_public(site=site, count=count)
    return render_to_string(
        "heritage/home/featured_pieces.html",
        {"pieces": pieces, "catalog_url": catalog_url},
        request=request,
    )


def latest_cases(request, *, count: int, anchor: str) -> str:
    """The published recovery cases most recently received in Mexico."""
    catalog_url = selectors.catalog_path(request)
    if catalog_url is None:
        return ""
    newest = F("date_received").desc(nulls_last=True)
    cases = selectors.case_list_public().order_by(newest, "code")[:count]
    return render_to_string(
        "heritage/home/latest_cases.html",
        {"cases": list(cases), "catalog_url": catalog_url},
        request=request,
    )


def headline_figures(request, *, count: int, anchor: str) -> str:
    """Three figures of the figures page (its cached computation): pieces, countries they were
    recovered from, cultures."""
    settings = CatalogFiguresSettings.for_request(request) if request else None
    allowed = settings.count_restricted_in_totals if settings else False
    figures = catalog_figures(count_restricted=allowed)
    charts = figures["charts"]
    page = selectors.figures_page_public()
    return render_to_string(
        "heritage/home/headline_figures.html",
        {
            "total": figures["total"],
            "countries": sum(1 for row in charts["country"] if row["code"]),
            "cultures": sum(1 for row in charts["culture"] if row["code"]),
            "figures_url": page[0] if page else None,
            "is_illustrative": page[1] if page else False,
        },
        request=request,
    )
