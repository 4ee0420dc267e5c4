"""The researcher's catalog search page and its exports (CSV, JSON), in the reader's language.

Everything is in the URL (GET parameters), so a search can be shared, bookmarked and walked back
with the browser; the page works without JavaScript (which only adds autocomplete).
"""

import csv
import json
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core import pagecache
from culture.models import ProgramPage
from heritage.selectors import case_list_public, catalog_page_public
from search import service
from search.query import FACETS, InvalidSearch, SearchRequest

EXPORT_PAGE = 100
ERAS = ("ce", "bce")
# Parameters of a search itself: links to other pages of results keep these, drop the rest.
SEARCH_PARAMETERS = ("q", "sort", "date_from", "date_from_era", "date_to", "date_to_era", *FACETS)


def _signed_years(query: QueryDict) -> QueryDict:
    """The page's year inputs are a positive year and an era; the contract takes signed years."""
    signed = query.copy()
    for name in ("date_from", "date_to"):
        raw = (query.get(name) or "").strip()
        if raw.lstrip("-").isdigit() and query.get(f"{name}_era") == "bce":
            signed[name] = str(-abs(int(raw)))
    return signed


def _search_query(query: QueryDict) -> QueryDict:
    kept = QueryDict(mutable=True)
    for name in SEARCH_PARAMETERS:
        values = [value for value in query.getlist(name) if value.strip()]
        if values:
            kept.setlist(name, values)
    return kept


def _without(query: QueryDict, name: str, value: str) -> str:
    other = query.copy()
    other.setlist(name, [item for item in query.getlist(name) if item != value])
    return other.urlencode()


def _catalog_url(request: HttpRequest) -> str | None:
    """The catalog page's URL, kept until any record changes (it moves with its page) when
    every process shares the cache, like the routes that lead to it."""

    def find() -> str:
        page = catalog_page_public()
        return (page.get_url(request=request) if page else None) or ""

    if not pagecache.routes_cached():
        return find() or None
    key = (get_language(), request.get_host(), request.scheme)
    return pagecache.pages.remember("catalog-url", key, 600, find) or None


def _facet_groups(facets: dict, selected: dict) -> list[dict]:
    """Facets for the form: every bucket with its count, and selected terms even at zero."""
    labelled = service.facet_labels(facets)
    missing = {
        name: [code for code in codes if code not in {b["code"] for b in labelled.get(name, [])}]
        for name, codes in selected.items()
    }
    extra = service.facet_labels(
        {name: [(code, 0) for code in codes] for name, codes in missing.items() if codes}
    )
    groups = []
    for name in service.FACET_TITLES:
        options = [
            {**bucket, "checked": bucket["code"] in selected.get(name, ())}
            for bucket in labelled.get(name, []) + extra.get(name, [])
        ]
        if options:
            groups.append({"name": name, "title": service.FACET_TITLES[name],
                           "options": options, "open": bool(selected.get(name))})  # fmt: skip
    return groups


@require_GET
def pieces(request: HttpRequest) -> HttpResponse:
    language = get_language()
    query = _search_query(request.GET)
    errors = {}
    outcome = None
    try:
        search_request = service.request_from_params(
            _signed_years(request.GET), language, default_page_size=20
        )
        outcome = service.search_pieces(search_request)
    except InvalidSearch as error:
        errors[error.parameter] = str(error)
    hits = []
    facet_groups = []
    chips = []
    selected = {name: query.getlist(name) for name in FACETS if query.getlist(name)}
    if outcome is not None:
        result = outcome.result
        highlights = {hit.piece_id: hit.highlights for hit in result.hits}
        for piece in service.pieces_in_order([hit.piece_id for hit in result.hits]):
            found = highlights[piece.pk]
            title = found.get(f"title_{language}") or []
            snippet = (found.get(f"description_{language}") or found.get("fallback") or [None])[0]
            hits.append(
                {
                    "piece": piece,
                    # engines escape the text and add only <mark> (search.text, encoder=html)
                    "title_html": mark_safe(title[0]) if title else None,  # noqa: S308
                    "snippet_html": mark_safe(snippet) if snippet else None,  # noqa: S308
                }
            )
        facet_groups = _facet_groups(result.facets, selected)
        labels = {
            (group["name"], option["code"]): option["label"]
            for group in facet_groups
            for option in group["options"]
        }
        chips = [
            {
                "label": labels.get((name, code), code),
                "facet": service.FACET_TITLES[name],
                "url": "?" + _without(query, name, code),
            }
            for name, codes in selected.items()
            for code in codes
        ]
    start = int(request.GET["start"]) if request.GET.get("start", "").isdigit() else 1
    next_url = None
    if outcome is not None and outcome.result.next_cursor:
        following = query.copy()
        following["cursor"] = outcome.result.next_cursor
        following["start"] = str(start + len(hits))
        next_url = "?" + following.urlencode()
    eras = {}
    for name in ("date_from", "date_to"):
        raw = (request.GET.get(name) or "").strip()
        era = request.GET.get(f"{name}_era")
        if raw.startswith("-") and raw[1:].isdigit():
            raw, era = raw[1:], "bce"
        eras[name] = {"value": raw, "era": era if era in ERAS else "ce"}
    context = {
        "page": None,  # not a Wagtail page: base.html's page-driven parts stay out
        "query": query,
        "q": query.get("q", ""),
        "sort": query.get("sort", "relevance"),
        "sorts": service.SORT_LABELS,
        "years": eras,
        "errors": errors,
        "outcome": outcome,
        "hits": hits,
        "facet_groups": facet_groups,
        "chips": chips,
        "start": start,
        "end": start + len(hits) - 1,
        "next_url": next_url,
        "first_url": "?" + query.urlencode() if request.GET.get("cursor") else None,
        "query_string": query.urlencode(),
        "export_limit": settings.SEARCH_EXPORT_LIMIT,
        "catalog_url": _catalog_url(request),
        "searched": bool(query),
    }
    return render(request, "search/pieces.html", context, status=400 if errors else 200)


# --- the site-wide search --------------------------------------------------------------------
SITE_GROUP_SIZE = 5


def _in_order(records, ids: list[int]) -> list:
    by_id = {record.pk: record for record in records}
    return [by_id[pk] for pk in ids if pk in by_id]


def _first(highlights: dict, *names: str):
    for name in names:
        if highlights.get(name):
            return mark_safe(highlights[name][0])  # noqa: S308 - escaped by the engine
    return None


def _item(record, url, meta, highlights, *, title=None, snippet=()) -> dict:
    """One result of the site-wide search, whatever its kind."""
    return {
        "url": url,
        "title": record.title,
        "title_html": _first(highlights, title) if title else None,
        "meta": meta,
        "snippet": _first(highlights, *snippet),
        "illustrative": getattr(record, "is_illustrative", False),
        "object": record,
    }


@require_GET
def site(request: HttpRequest) -> HttpResponse:
    """Pieces, programs, recovery cases and pages for the words typed in the header's search box,
    grouped by type; the pieces' group links to the catalog search for the rest."""
    language = get_language()
    text = (request.GET.get("q") or "").strip()[:200]
    groups, fallback = [], False
    catalog_url = _catalog_url(request)

    def catalog_link(suffix: str) -> str | None:
        return f"{catalog_url}{suffix}/" if catalog_url else None

    if text:
        outcome = service.search_pieces(
            SearchRequest(
                text=text, language=language, page_size=SITE_GROUP_SIZE, with_facets=False
            )  # fmt: skip
        )
        found = {hit.piece_id: hit.highlights for hit in outcome.result.hits}
        pieces = service.pieces_in_order(list(found))
        groups.append(
            {
                "kind": "piece",
                "title": _("Pieces"),
                "total": outcome.result.total,
                "more_url": reverse("search:pieces") + "?" + urlencode({"q": text}),
                "items": [
                    _item(
                        piece,
                        f"{catalog_url}{piece.catalog_number}/",
                        piece.catalog_number,
                        found[piece.pk],
                        title=f"title_{language}",
                        snippet=(f"description_{language}", "fallback"),
                    )  # fmt: skip
                    for piece in pieces
                ],
            }
        )
        fallback = outcome.fallback
        content = {
            "program": (_("Programs"), ProgramPage.objects.live().public(),
                        lambda program: (program.get_url(request=request), "")),
            "case": (_("Recovery cases"), case_list_public(),
                     lambda case: (catalog_link(f"cases/{case.code}"), case.code)),
            "page": (_("Pages"), Page.objects.live().public().specific(),
                     lambda page: (page.get_url(request=request), "")),
        }  # fmt: skip
        for kind, (title, public, link) in content.items():
            answer = service.search_content(kind, text, language, SITE_GROUP_SIZE)
            fallback |= answer.fallback
            found = dict(answer.found)
            records = _in_order(public.filter(pk__in=list(found)), list(found))
            groups.append(
                {
                    "kind": kind,
                    "title": title,
                    "total": answer.total,
                    "more_url": None,
                    "items": [
                        _item(
                            record,
                            *link(record),
                            found[record.pk],
                            snippet=(f"body_{language}", "fallback"),
                        )  # fmt: skip
                        for record in records
                    ],
                }
            )
    context = {
        "page": None,
        "q": text,
        "groups": groups,
        "fallback": fallback,
        "found": sum(group["total"] for group in groups),
    }
    return render(request, "search/site.html", context)


# --- exports ------------------------------------------------------------------------------------
EXPORT_COLUMNS = ("catalog_number", "title", "culture", "period", "date_start", "date_end",
                  "date_label", "object_type", "materials", "custodian", "case", "url",
                  "illustrative")  # fmt: skip


def _export_rows(search_request: SearchRequest, limit: int, base_url: str | None) -> Iterator:
    """Public pieces of the result, page by page: never the whole result in memory.

    The response streams after the view has returned (and the request's language is gone),
    so the rows are made under the search's own language."""
    with translation.override(search_request.language):
        yield from _export_pages(search_request, limit, base_url)


def _export_pages(search_request: SearchRequest, limit: int, base_url: str | None) -> Iterator:
    sent = 0
    page = replace(search_request, page_size=EXPORT_PAGE, with_facets=False, cursor=None)
    while sent < limit:
        outcome = service.search_pieces(page)
        for piece in service.pieces_in_order([hit.piece_id for hit in outcome.result.hits]):
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
                "materials": " | ".join(str(term) for term in piece.material_list),
                "custodian": str(piece.custodian) if piece.custodian else "",
                "case": piece.case.code if piece.case_id and piece.case.live else "",
                "url": f"{base_url}{piece.catalog_number}/" if base_url else "",
                "illustrative": piece.is_illustrative,
            }
        if not outcome.result.next_cursor or outcome.fallback:
            return
        page = replace(page, cursor=outcome.result.next_cursor)


class _Echo:
    def write(self, value):
        return value


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    language = get_language()
    try:
        search_request = service.request_from_params(_signed_years(request.GET), language)
        total = service.search_pieces(replace(search_request, page_size=1, with_facets=False))
    except InvalidSearch as error:
        return HttpResponse(
            json.dumps(
                {
                    "error": "invalid_parameter",
                    "message": str(error),
                    "detail": [{"parameter": error.parameter}],
                }
            ),  # fmt: skip
            status=400,
            content_type="application/json",
        )
    count = total.result.total
    limit = settings.SEARCH_EXPORT_LIMIT
    capped = count > limit
    catalog = _catalog_url(request)
    base_url = request.build_absolute_uri(catalog) if catalog else None
    rows = _export_rows(search_request, limit, base_url)
    note = (
        _("Exports hold at most %(limit)s pieces; narrow the search for the rest.")
        % {"limit": limit}
        if capped
        else ""
    )
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    filename = f"retorno-pieces-{stamp}" + (f"-first-{limit}" if capped else "")
    if fmt == "csv":
        writer = csv.DictWriter(_Echo(), fieldnames=EXPORT_COLUMNS)

        def lines():
            yield "\ufeff" + writer.writeheader()
            for row in rows:
                yield writer.writerow(row)

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    else:

        def chunks():
            head = {
                "language": language,
                "query": request.GET.urlencode(),
                "total": count,
                "limit": limit,
                "capped": capped,
                "note": note,
            }
            yield json.dumps(head, ensure_ascii=False)[:-1] + ', "pieces": ['
            for index, row in enumerate(rows):
                yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
            yield "]}"

        response = StreamingHttpResponse(chunks(), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Total-Count"] = str(count)
    response["X-Export-Limit"] = str(limit)
    response["X-Export-Capped"] = "true" if capped else "false"
    return response
