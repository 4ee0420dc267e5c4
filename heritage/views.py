"""Public catalog views, served through CatalogIndexPage's routes."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from heritage import selectors
from heritage.forms import CatalogFilterForm

PAGE_SIZE = 24


def _base_context(request, page, **extra) -> dict:
    return {**page.get_context(request), **extra}


def catalog_index(request, *, page):
    public = selectors.piece_list_public()
    facets = selectors.facet_counts_public()
    form = CatalogFilterForm(request.GET or None, facets=facets)
    if form.is_bound and not form.is_valid():
        results = public.none()  # the errors are shown; a list ignoring them would mislead
    else:
        filters = form.to_filters() if form.is_bound else selectors.CatalogFilters()
        results = selectors.piece_filter(queryset=public, filters=filters)
    results = results.order_by("catalog_number")
    page_obj = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "heritage/catalog_index_page.html",
        _base_context(
            request,
            page,
            form=form,
            facets=facets,
            page_obj=page_obj,
            pieces=page_obj.object_list,
            query_without_page=query.urlencode(),
            browse_facets=[
                ("method", _("By recovery method")),
                ("culture", _("By culture")),
                ("period", _("By period")),
            ],
        ),
    )


def case_list(request, *, page):
    cases = selectors.case_list_public().order_by("-date_received", "code")
    return render(
        request,
        "heritage/case_list.html",
        _base_context(request, page, cases=cases, route_suffix="cases/"),
    )


def case_detail(request, *, page, code):
    case = selectors.case_get_public(code=code)
    pieces = selectors.case_pieces_public(case=case).order_by("catalog_number")
    return render(
        request,
        "heritage/recovery_case.html",
        _base_context(
            request,
            page,
            case=case,
            pieces=pieces,
            translated_object=case,
            route_suffix=f"cases/{case.code}/",
        ),
    )


def piece_sections(request, piece) -> list[str]:
    """HTML other apps add to a piece page (culture lists the programs that show it).

    The catalog knows none of them: an app registers a `heritage_piece_sections` hook, a
    callable (request, piece) returning safe HTML or an empty string."""
    return [
        html
        for hook in hooks.get_hooks("heritage_piece_sections")
        if (html := hook(request, piece))
    ]


def piece_detail(request, *, page, catalog_number):
    piece = selectors.piece_get_public(catalog_number=catalog_number)
    suffix = f"{piece.catalog_number}/"
    return render(
        request,
        "heritage/piece.html",
        _base_context(
            request,
            page,
            translated_object=piece,
            route_suffix=suffix,
            extra_sections=piece_sections(request, piece),
            permalink=request.build_absolute_uri(page.get_url(request=request) + suffix),
            **selectors.piece_context(piece=piece),
        ),
    )
