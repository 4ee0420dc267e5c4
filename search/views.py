"""The site-wide search page, and the old addresses of the catalog search.

The researcher's search is the catalog page itself (heritage.views.catalog_index): the old
`/<lang>/buscar/piezas/` URLs and their exports redirect there, query string and all.
"""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Page

from core.i18n import localized_name
from culture.models import ProgramPage
from heritage import catalog
from heritage.models.pages import case_route, piece_route
from heritage.selectors import case_list_public, catalog_path
from search import service
from stories.selectors import story_public_queryset


@require_GET
def moved_to_catalog(request: HttpRequest, suffix: str = "") -> HttpResponse:
    """The catalog search moved to the catalog page: the same search there, for good."""
    catalog_url = catalog_path(request)
    if not catalog_url:
        raise Http404(_("The catalog is not published."))
    query = request.GET.urlencode()
    return HttpResponsePermanentRedirect(catalog_url + suffix + (f"?{query}" if query else ""))


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


def _item(record, url, meta, highlights, *, title=None, snippet=(), name=None) -> dict:
    """One result of the site-wide search, whatever its kind."""
    return {
        "url": url,
        "title": name or record.title,
        "title_html": _first(highlights, title) if title else None,
        "meta": meta,
        "snippet": _first(highlights, *snippet),
        "illustrative": getattr(record, "is_illustrative", False),
        "object": record,
    }


@require_GET
def site(request: HttpRequest) -> HttpResponse:
    """Pieces, programs, stories, recovery cases and pages for the words typed in the header's
    search box, grouped by type; the pieces' group links to the catalog search for the rest."""
    language = get_language()
    text = (request.GET.get("q") or "").strip()[:200]
    groups, fallback = [], False
    catalog_url = catalog_path(request)

    def catalog_link(suffix: str) -> str | None:
        return catalog_url + suffix if catalog_url else None

    if text:
        result = catalog.search(
            catalog.CatalogQuery(
                text=text, language=language, page_size=SITE_GROUP_SIZE, with_facets=False
            )  # fmt: skip
        )
        found = {hit.piece_id: hit.highlights for hit in result.hits}
        pieces = catalog.pieces_for(result)
        groups.append(
            {
                "kind": "piece",
                "title": _("Pieces"),
                "total": result.total,
                "more_url": f"{catalog_url}?{urlencode({'q': text})}" if catalog_url else None,
                "items": [
                    _item(
                        piece,
                        catalog_link(piece_route(piece.catalog_number)),
                        piece.catalog_number,
                        found[piece.pk],
                        title=localized_name("title", language),
                        snippet=(localized_name("description", language), "fallback"),
                    )  # fmt: skip
                    for piece in pieces
                ],
            }
        )
        fallback = result.fallback
        content = {
            "program": (_("Programs"), ProgramPage.objects.live().public(),
                        lambda program: (program.get_url(request=request), "")),
            "story": (_("Stories"), story_public_queryset(),
                      lambda story: (story.get_url(request=request), "")),
            "case": (_("Recovery cases"), case_list_public(),
                     lambda case: (catalog_link(case_route(case.code)), case.code)),
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
                            snippet=(localized_name("body", language), "fallback"),
                        )  # fmt: skip
                        for record in records
                    ],
                }
            )
        groups.append(_services_group(request, text, language))
        fallback |= groups[-1].pop("fallback")
    context = {
        "page": None,
        "q": text,
        "groups": groups,
        "fallback": fallback,
        "found": sum(group["total"] for group in groups),
        "catalog_url": catalog_url,
    }
    return render(request, "search/site.html", context)


def _services_group(request, text: str, language: str) -> dict:
    """The directory's services by name or synonym (each linking to the directory filtered by
    it), organizations and consulates, and the mobile consulate's coming stops: one group."""
    from django.utils import timezone

    from core.links import live_page_path
    from culture.directory import coming_stops, organizations_public
    from culture.models import DirectoryPage, Service
    from search.kinds import SERVICE_KINDS

    directory = live_page_path(DirectoryPage)
    public = {
        "service": Service.objects.all(),
        "organization": organizations_public().select_related("venue"),
        "stop": coming_stops(now=timezone.now()).select_related("route", "venue"),
    }
    links = {
        "service": lambda service: (
            f"{directory}?{urlencode({'service': service.code})}" if directory else None,
            _("Service"), str(service)),
        "organization": lambda page: (page.get_url(request=request),
                                      page.get_kind_display(), None),
        "stop": lambda stop: (
            f"{directory}?{urlencode({'kind': 'mobile-consulate'})}" if directory else None,
            f"{_('Mobile consulate')} · {stop.day:%Y-%m-%d}",
            f"{stop.route.name} — {stop.venue.city}"),
    }  # fmt: skip
    items, total, fallback = [], 0, False
    for kind in SERVICE_KINDS:
        answer = service.search_content(kind, text, language, SITE_GROUP_SIZE)
        fallback |= answer.fallback
        found = dict(answer.found)
        records = _in_order(public[kind].filter(pk__in=list(found)), list(found))
        total += answer.total if kind != "stop" else len(records)
        for record in records:
            url, meta, name = links[kind](record)
            items.append(_item(record, url, meta, found[record.pk], name=name,
                               snippet=(localized_name("body", language), "fallback")))  # fmt: skip
    return {"kind": "service", "title": _("Services"), "total": total, "more_url": None,
            "items": items, "fallback": fallback}  # fmt: skip
