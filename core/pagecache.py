"""Whole answers to anonymous visitors, kept for a short time (PAGE_CACHE_SECONDS, 60 by default).

A piece page or a search answer costs Wagtail's routing, a dozen SQL statements and a template;
the same URL asked again by any visitor without cookies gets the stored answer instead. Only
answers that are the same for everybody are kept: GET, 200, a request with no cookie and no
credentials, an answer that sets no cookie, used no CSRF token and is not marked private. The
key holds the scheme, host, full path and active language.

Every stored answer belongs to a version of the whole site (core:pages) that any change to a
record replaces — a save or delete of any model except bookkeeping ones (sessions, login
attempts, queued tasks, revisions and logs, image renditions), and the apps' own signals for
writes made without model signals (imports, bulk restrictions, search index updates) — so a
restricted piece or an unpublished page is never served from the cache after its change
commits. The short lifetime bounds what depends on the clock (next sessions, open
consultations).

Only with a cache every process shares (SHARED_CACHE, on with Redis): every process must see a
change made in another. The site of a host and each page's children (routing) are kept by
core.routes, with or without one.

The cache is looked up in process_view, after RateLimitMiddleware's, so limits count cached
answers too; outer middleware (security headers, CSP) applies to them as to any answer.
"""

import copy

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

from core import routes
from core.cache import VersionedCache
from core.i18n import localized_names

pages = VersionedCache("core:pages")


def changed() -> None:
    """Any record a visitor sees changed: stored answers and kept routes go stale (the
    namespace's change moves the site version too)."""
    pages.changed()


# Saves that change nothing a visitor sees (and some happen while pages are read or edited).
IGNORED_APPS = {
    "admin", "auth", "axes", "contenttypes", "django_tasks", "django_tasks_database",
    "sessions", "wagtailadmin", "wagtailsearch", "wagtailusers",
}  # fmt: skip
IGNORED_MODELS = {
    "wagtailcore.revision", "wagtailcore.modellogentry", "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription", "wagtailcore.taskstate", "wagtailcore.workflowstate",
    "wagtailcore.groupapprovaltask", "wagtailcore.task", "wagtailcore.workflow",
    "core.siteversion",  # the counter of changes itself (core.routes)
}  # fmt: skip
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/healthz", "/static/", "/media/", "/iiif/")
HEADER = "X-Page-Cache"


def _record_changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return
    if kwargs.get("created") and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # settings made with their defaults on first read: nothing shown changes
    if "rendition" in meta.model_name:
        return  # made on first use of an image size, while a page renders
    changed()


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_record_changed, dispatch_uid=f"pagecache-{id(signal)}")


def enabled() -> bool:
    """Whole answers kept: PAGE_CACHE_SECONDS > 0 with a cache every process shares."""
    return settings.SHARED_CACHE and settings.PAGE_CACHE_SECONDS > 0


def _cacheable_request(request) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and not request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path_info.startswith(UNCACHED_PREFIXES)
    )


def _cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token of this visitor
    control = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if control & {"private", "no-store", "no-cache"}:
        return False
    vary = {part.lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    return vary <= {"cookie", "accept-language"}  # the key holds the language; no cookies


def _key(request) -> str | None:
    """The answer's key; None while the request's own change is uncommitted (nothing kept)."""
    return pages.key("answer", request.scheme, request.get_host(), request.get_full_path(),
                     get_language())  # fmt: skip


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and not response.has_header(HEADER) and _cacheable_response(request, response):
            headers = [(name, value) for name, value in response.items()]
            cache.set(key, (response.content, headers), timeout=settings.PAGE_CACHE_SECONDS)
            response[HEADER] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _cacheable_request(request):
            return None
        request._page_cache_key = _key(request)
        if request._page_cache_key is None:
            return None
        stored = cache.get(request._page_cache_key)
        if stored is None:
            return None
        content, headers = stored
        response = HttpResponse(content, headers=dict(headers))
        response[HEADER] = "hit"
        return response


def cache_child_routes(model) -> None:
    """Make `model`'s route find its children from the cache.

    Every page request walks from the home page down, one query per level for the children
    and one for the specific page; the child a slug names is kept here (the specific page, in
    the reader's language) until any record changes. A routable page's own routes (a feed, a
    search) still come before its children, as RoutablePageMixin has them. Applied in core.apps
    after wagtail-modeltranslation has installed its language-aware route on each page model."""
    original = model.route
    routable = issubclass(model, RoutablePageMixin)

    def route(self, request, path_components):
        if (
            path_components
            and not getattr(request, "is_preview", False)
            and not (routable and _routes_itself(self, path_components))
        ):
            slug = path_components[0]
            child = routes.remember("child", (self.pk, slug, get_language()),
                                    lambda: _child(self, slug), immutable=True)  # fmt: skip
            if child is not None:  # the request's own copy: what it sets stays its own
                return copy.copy(child).route(request, path_components[1:])
        return original(self, request, path_components)

    model.route = route


def cache_view_restrictions(model) -> None:
    """Keep the view restrictions that apply to `model`'s pages with the routes.

    Wagtail checks them before serving any page with two queries (the page's ancestors for
    aliases, then their restrictions); the restrictions found are kept until any record
    changes (a restriction's save or delete moves the site version like any other). The answer
    is still a queryset of those restrictions: iterating it reads the kept rows, any refinement
    (the admin's ordering, `exists()`) asks the database afresh."""
    from wagtail.models import PageViewRestriction

    original = model.get_view_restrictions

    def get_view_restrictions(self):
        kept = routes.remember("view-restrictions", (self.pk,), lambda: list(original(self)))
        queryset = PageViewRestriction.objects.filter(pk__in=[item.pk for item in kept])
        queryset._result_cache = kept  # what Django's prefetching does for a related set
        return queryset

    model.get_view_restrictions = get_view_restrictions


def keep_site_root_paths() -> None:
    """Keep each language's site root paths (every page URL is built from them) with the routes.

    wagtail-modeltranslation reads them from the cache under a key per language and keeps the
    last language's on the request, so a page with a language switcher asks the cache for them
    four times; they change only with a site or a root page, which moves the pages' version like
    any other record, so they are kept as routes are: no round trip on a warm page."""
    from wagtail_modeltranslation import patch_wagtailadmin

    original = patch_wagtailadmin._localized_site_get_site_root_paths

    def site_root_paths():
        return list(routes.remember("site-root-paths", (get_language(),),
                                    lambda: tuple(original()), immutable=True))  # fmt: skip

    patch_wagtailadmin._localized_site_get_site_root_paths = site_root_paths


def _routes_itself(page, path_components) -> bool:
    try:
        page.resolve_subpage("/" + "/".join(path_components) + "/")
    except Http404:
        return False
    return True


def _child(page, slug: str):
    # Only the children with that slug in some language are read (the directory has thousands
    # of children, each a page instance to build); the slug in the reader's language, with its
    # fallback, chooses among them.
    named = Q(slug=slug)
    for column in localized_names("slug"):
        named |= Q(**{column: slug})
    for child in page.get_children().filter(named):
        if child.slug == slug:  # the slug in the active language (wagtail-modeltranslation)
            return child.specific
    return None
