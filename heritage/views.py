"""Public catalog views, served through CatalogIndexPage's routes.

The catalog page is the researcher's search: text, facets with counts, year ranges, sort,
highlighted matches, cursor pages and CSV/JSON exports, all in the URL (a search can be shared,
bookmarked and walked back; the page works without JavaScript, which only adds autocomplete).
It asks the catalog's one query contract (heritage.catalog), like the API and the exports.
"""

import json
from collections.abc import Iterator
from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks

from core import routes
from core.chips import FilterParameter, filter_chips
from core.i18n import localized_name
from core.links import page_url
from core.spreadsheets import SafeDictWriter
from heritage import catalog, selectors
from heritage.models.pages import case_route, piece_route
from heritage.templatetags.heritage_tags import card_parts, join_card

ERAS = ("ce", "bce")
# Parameters of a search itself: links to other pages of results keep these, drop the rest.
SEARCH_PARAMETERS = (
    "q", "sort", "page_size",
    *catalog.YEAR_PARAMETERS,
    *(f"{name}_era" for name in catalog.YEAR_PARAMETERS),
    *catalog.ALIASES,
    *catalog.FACET_BY_NAME,
)  # fmt: skip
PAGE_PARAMETERS = ("cursor", "start")  # where a page of results starts, not what it searches
EXPORT_PAGE = 100


def _base_context(request, page, **extra) -> dict:
    return {**page.get_context(request), **extra}


def _signed_years(query: QueryDict) -> QueryDict:
    """The page's year inputs are a positive year and an era; the contract takes signed years."""
    signed = query.copy()
    for years in catalog.RANGES:
        if not years.eras:
            continue
        for end in ("from", "to"):
            name = f"{years.name}_{end}"
            raw = (query.get(name) or "").strip()
            if _digits(raw) and query.get(f"{name}_era") == "bce":
                signed[name] = f"-{raw}"  # the contract checks the number itself
    return signed


def _digits(raw: str, most: int = 12) -> bool:
    """ASCII digits only, and not more than a whole number here can have."""
    return raw.isascii() and raw.isdigit() and len(raw) <= most


def _search_query(query: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name in SEARCH_PARAMETERS:
        values = [value for value in query.getlist(name) if value.strip()]
        if values:
            kept.setlist(name, values)
    return kept


def _year_text(value: str, query: QueryDict, name: str) -> str:
    """A year as the reader typed it, with its era when the range has eras."""
    if value.startswith("-") and _digits(value[1:]):
        return f"{value[1:]} {_('BCE')}"
    era = query.get(f"{name}_era")
    return f"{value} {_('BCE') if era == 'bce' else _('CE')}" if era in ERAS else value


def _chip_filters(labels: dict[str, dict[str, str]]) -> list[FilterParameter]:
    """The catalog's filters for its chips, from its facet and year-range declarations."""
    parameters = [
        FilterParameter(facet.name, str(facet.label), values=labels.get(facet.name, {}))
        for facet in catalog.FACETS
    ]
    for years in catalog.RANGES:
        for end, word in (("from", _("From year")), ("to", _("To year"))):
            name = f"{years.name}_{end}"
            parameters.append(
                FilterParameter(
                    name,
                    str(years.label),  # "Dated between: From year 1300 BCE"
                    describe=lambda value, query, name=name, word=word: (
                        f"{word} {_year_text(value, query, name)}"
                    ),
                    together=(f"{name}_era",),
                )
            )
    return parameters


def _facet_groups(facets: dict, selected: dict) -> list[dict]:
    """Facets for the form: every bucket with its count, and selected terms even at zero."""
    labelled = catalog.facet_labels(facets)
    missing = {
        name: [code for code in codes if code not in {b["code"] for b in labelled.get(name, [])}]
        for name, codes in selected.items()
    }
    extra = catalog.facet_labels(
        {name: [(code, 0) for code in codes] for name, codes in missing.items() if codes}
    )
    groups = []
    for facet in catalog.FACETS:
        options = [
            {**bucket, "checked": bucket["code"] in selected.get(facet.name, ())}
            for bucket in labelled.get(facet.name, []) + extra.get(facet.name, [])
        ]
        if options:
            groups.append({"name": facet.name, "title": facet.label, "options": options,
                           "open": bool(selected.get(facet.name))})  # fmt: skip
    return groups


def _year_inputs(request: HttpRequest) -> list[dict]:
    """Each year range's two inputs as the reader typed them (a signed year shows as a
    positive year and its era); an older parameter name fills its input too."""
    given = catalog.AliasedParams(request.GET)
    ranges = []
    for years in catalog.RANGES:
        inputs = []
        for end, label in (("from", _("From year")), ("to", _("To year"))):
            name = f"{years.name}_{end}"
            raw = (given.get(name) or "").strip()
            era = request.GET.get(f"{name}_era")
            if years.eras and raw.startswith("-") and _digits(raw[1:]):
                raw, era = raw[1:], "bce"
            inputs.append({"name": name, "label": label, "value": raw,
                           "era": era if era in ERAS else "ce"})  # fmt: skip
        # with eras, a positive year and its era: up to the earliest BCE year allowed
        low, high = (1, max(-years.low, years.high)) if years.eras else (years.low, years.high)
        ranges.append({"range": years, "inputs": inputs, "min": low, "max": high})
    return ranges


def _filters_key(request, catalog_url: str) -> tuple:
    """What the filter form and chips are kept under: the language, the catalog's URL and
    everything the form reads from the URL, all but the page's place in the results."""
    parameters = tuple(
        (name, tuple(values))
        for name, values in sorted(request.GET.lists())
        if name not in PAGE_PARAMETERS
    )
    return get_language(), catalog_url, parameters


def _filters(request, query: QueryDict, result, errors: dict, catalog_url: str, key: tuple):
    """The filter form (sort, year ranges, facets with their counts) and the chips of the
    active filters, as HTML. Both depend on the search's parameters and its counts only, not
    on its page, so every page of a filter set (a cursor walk, a reader coming back) shares
    them: kept rendered with the counts, under the pages' version (core.routes), which moves
    whenever the public catalog changes (a search's errors too depend on its parameters and
    the vocabularies only)."""

    def render() -> tuple[str, str]:
        selected = {name: query.getlist(name) for name in catalog.FACET_BY_NAME
                    if query.getlist(name)}  # fmt: skip
        facet_groups = _facet_groups(result.facets, selected) if result is not None else []
        labels = {
            group["name"]: {option["code"]: option["label"] for option in group["options"]}
            for group in facet_groups
        }
        chips = filter_chips(query, _chip_filters(labels)) if result is not None else []
        form = render_to_string(
            "heritage/includes/catalog_filters.html",
            {
                "catalog_url": catalog_url,
                "errors": errors,
                "chips": chips,
                "sort": query.get("sort", "relevance"),
                "sorts": catalog.SORTS,
                "year_ranges": _year_inputs(request),
                "facet_groups": facet_groups,
                "searched": bool(query),
            },
        )
        return form, render_to_string("core/includes/filter_chips.html", {"chips": chips})

    form, chips = routes.remember("catalog-filters", key, render, immutable=True)
    return mark_safe(form), mark_safe(chips)  # noqa: S308 - rendered by our templates


CARD = "piece-card"  # a catalog page's card of a piece, kept (heritage.selectors)


def catalog_index(request, *, page):
    language = get_language()
    query = _search_query(request.GET)
    errors = {}
    result = None
    catalog_url = page.get_url(request)
    filters_key = _filters_key(request, catalog_url)
    card_key = (language, catalog_url)

    def together(found) -> list[tuple[str, tuple]]:
        """The page's cards and filter form: read with the search's counts, one round trip."""
        ids = [hit.piece_id for hit in found.hits]
        return [*selectors.kept_entries(CARD, ids, card_key), ("catalog-filters", filters_key)]

    try:
        search = catalog.query_from_params(_signed_years(request.GET), language)
        result = catalog.search(search, together=together)
    except catalog.InvalidQuery as error:
        errors[error.parameter] = str(error)
    hits = []
    if result is not None:
        cards = selectors.pieces_kept_public(
            CARD,
            [hit.piece_id for hit in result.hits],
            card_key,
            lambda piece: card_parts(piece, catalog_url),
            cards=True,
            immutable=True,
        )
        for hit in result.hits:
            if hit.piece_id not in cards:
                continue  # not public (any more): the index has not caught up yet
            title = hit.highlights.get(localized_name("title", language)) or []
            snippet = (
                hit.highlights.get(localized_name("description", language))
                or hit.highlights.get("fallback")
                or [None]
            )[0]
            # engines escape the text and add only <mark> (search.text, encoder=html)
            hits.append(join_card(cards[hit.piece_id], title[0] if title else None, snippet))
    filters, chips = _filters(request, query, result, errors, catalog_url, filters_key)
    raw_start = request.GET.get("start", "")
    start = max(1, int(raw_start)) if _digits(raw_start, 9) else 1
    next_url = None
    if result is not None and result.next_cursor:
        following = query.copy()
        following["cursor"] = result.next_cursor
        following["start"] = str(start + len(hits))
        next_url = "?" + following.urlencode()
    context = _base_context(
        request,
        page,
        query=query,
        q=query.get("q", ""),
        filters=filters,
        year_parameters=[
            f"{years.name}_{end}" for years in catalog.RANGES for end in ("from", "to")
        ],
        errors=errors,
        result=result,
        hits=hits,
        chips=chips,
        start=start,
        end=start + len(hits) - 1,
        next_url=next_url,
        first_url="?" + query.urlencode() if request.GET.get("cursor") else None,
        query_string=query.urlencode(),
        export_limit=settings.SEARCH_EXPORT_LIMIT,
        searched=bool(query),
        catalog_url=catalog_url,
    )
    return render(
        request, "heritage/catalog_index_page.html", context, status=400 if errors else 200
    )


# --- exports ------------------------------------------------------------------------------------
EXPORT_COLUMNS = ("catalog_number", "title", "culture", "period", "date_start", "date_end",
                  "date_label", "object_type", "materials", "techniques", "custodian", "case",
                  "url", "illustrative")  # fmt: skip


def _terms(terms) -> str:
    return " | ".join(str(term) for term in terms)


def _export_rows(search: catalog.CatalogQuery, limit: int, base_url: str) -> Iterator[dict]:
    """Public pieces of the result, page by page: never the whole result in memory.

    The response streams after the view has returned (and the request's language is gone),
    so the rows are made under the search's own language."""
    with translation.override(search.language):
        sent = 0
        page = replace(search, page_size=EXPORT_PAGE, with_facets=False, cursor=None)
        while sent < limit:
            result = catalog.search(page)
            for piece in catalog.pieces_for(result):
                if sent >= limit:
                    return
                sent += 1
                yield {
                    "catalog_number": piece.catalog_number,
                    "title": piece.title,
                    "culture": str(piece.culture) if piece.culture else "",
                    "period": str(piece.period) if piece.period else "",
                    "date_start": piece.date_start,
                    "date_end": piece.date_end,
                    "date_label": piece.date_label,
                    "object_type": str(piece.object_type) if piece.object_type else "",
                    "materials": _terms(piece.material_list),
                    "techniques": _terms(piece.technique_list),
                    "custodian": str(piece.custodian) if piece.custodian else "",
                    "case": piece.case.code if piece.case_id and piece.case.live else "",
                    "url": base_url + piece_route(piece.catalog_number),
                    "illustrative": piece.is_illustrative,
                }
            if not result.next_cursor or result.fallback:
                return
            page = replace(page, cursor=result.next_cursor)


class _Echo:
    def write(self, value):
        return value


def catalog_export(request, *, page, fmt: str):
    """The result set of a search as CSV or JSON, streamed; at most SEARCH_EXPORT_LIMIT pieces
    (the file and its headers say when it was capped)."""
    language = get_language()
    try:
        search = catalog.query_from_params(_signed_years(request.GET), language)
        count = catalog.search(replace(search, page_size=1, with_facets=False)).total
    except catalog.InvalidQuery as error:
        body = {"error": "invalid_parameters", "message": str(error),
                "detail": [{"parameter": error.parameter, "message": str(error)}]}  # fmt: skip
        return HttpResponse(
            json.dumps(body), status=400, content_type="application/json; charset=utf-8"
        )
    limit = settings.SEARCH_EXPORT_LIMIT
    capped = count > limit
    base_url = page_url(page, request)
    rows = _export_rows(search, limit, base_url)
    note = (
        _("Exports hold at most %(limit)s pieces; narrow the search for the rest.")
        % {"limit": limit}
        if capped
        else ""
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    filename = f"retorno-pieces-{stamp}" + (f"-first-{limit}" if capped else "")
    if fmt == "csv":
        writer = SafeDictWriter(_Echo(), fieldnames=EXPORT_COLUMNS)

        def lines():
            yield "\ufeff" + writer.writeheader()
            for row in rows:
                yield writer.writerow(row)

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:

        def chunks():
            head = {"language": language, "query": _search_query(request.GET).urlencode(),
                    "total": count, "limit": limit, "capped": capped, "note": note}  # fmt: skip
            yield json.dumps(head, ensure_ascii=False)[:-1] + ', "pieces": ['
            for index, row in enumerate(rows):
                yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
            yield "]}"

        response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Total-Count"] = str(count)
    response["X-Export-Limit"] = str(limit)
    response["X-Export-Capped"] = "true" if capped else "false"
    return response


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
            route_suffix=case_route(case.code),
        ),
    )


def piece_sections(request, piece) -> list[str]:
    """HTML other apps add to a piece page (culture lists the programs that show it).

    The catalog knows none of them: an app registers a `heritage_piece_sections` hook, a
    callable (request, piece) returning safe HTML or an empty string. What it answers may depend
    only on the piece, the language, the host and records a visitor sees: the live page keeps
    it with the record (`piece_detail`) until such a record changes."""
    return [
        html
        for hook in hooks.get_hooks("heritage_piece_sections")
        if (html := hook(request, piece))
    ]


def piece_detail(request, *, page, catalog_number):
    context = selectors.piece_page_public(catalog_number=catalog_number)
    piece = context["piece"]
    suffix = piece_route(piece.catalog_number)
    values = _base_context(
        request,
        page,
        translated_object=piece,
        route_suffix=suffix,
        permalink=page_url(page, request, suffix=suffix),
        **context,
    )

    def render_record() -> str:
        # the record and what other apps add to it: the same for every visitor in a language
        # on a host, until a record a visitor sees changes (core.routes)
        return render_to_string(
            "heritage/includes/piece_record.html",
            {**values, "extra_sections": piece_sections(request, piece)},
            request=request,
        )

    key = (piece.pk, get_language(), request.get_host(), request.scheme)
    values["record"] = routes.remember("piece-record", key, render_record)
    return render(request, "heritage/piece.html", values)
