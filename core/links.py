"""Absolute URLs, built in one place.

Wagtail's `full_url` / `get_full_url()` / `Site.root_url` take the host from the Site record
(`localhost` on a fresh install, whatever an editor typed), not from the address the reader
used, so links in the API, JSON-LD and calendars were dead on any other host. Every absolute URL
we send is made here instead: inside a request from the request's scheme and host (which Django
has checked against ALLOWED_HOSTS); outside one (tasks, management commands) from the
SITE_BASE_URL setting. Page paths come from Wagtail without their Site's root URL, so a page is
always linked on the host that serves it (one site per deployment).
"""

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.http import HttpRequest


def base_url(request: HttpRequest | None = None) -> str:
    """`scheme://host[:port]` of the request, or SITE_BASE_URL outside a request."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_BASE_URL.rstrip("/")


def absolute_url(path_or_url: str, request: HttpRequest | None = None) -> str:
    """`path_or_url` as an absolute URL on this site (one already absolute is kept as it is:
    an outside link such as a registration form)."""
    parts = urlsplit(path_or_url)
    if parts.scheme:
        return path_or_url
    if parts.netloc:  # "//host/path": scheme-relative
        return f"{urlsplit(base_url(request)).scheme}:{path_or_url}"
    if request is not None:
        return request.build_absolute_uri(path_or_url)
    return urljoin(base_url() + "/", path_or_url)


def page_path(page, request: HttpRequest | None = None) -> str | None:
    """The page's path in the active language (`/es/programas/…`), never with a Site's root URL
    in front (what `page.get_url()` adds when there are several Site records); None when the
    page is not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    return parts[2]


def page_paths(page, request: HttpRequest | None = None) -> dict[str, str | None]:
    """The page's path in each language of settings.LANGUAGES (page_path under each): the
    language switcher's and the hreflang links', the canonical link's. A saved page's are kept
    like the routes that lead to it (core.routes), until any record changes; a preview's page
    (a draft's slugs, perhaps not saved) is computed each time and never kept."""
    from django.utils import translation

    from core import routes
    from core.i18n import language_codes

    def find() -> dict[str, str | None]:
        paths = {}
        for code in language_codes():
            with translation.override(code):
                paths[code] = page_path(page, request)
        return paths

    if page.pk is None or request is None or getattr(request, "is_preview", False):
        return find()
    site = getattr(request, "_wagtail_site", None)  # core.middleware.CachedSiteMiddleware
    key = (page._meta.label_lower, page.pk, site.pk if site is not None else None)
    return routes.remember("page-paths", key, find, immutable=True)


def page_url(page, request: HttpRequest | None = None, *, suffix: str = "") -> str | None:
    """The page's absolute URL in the active language (with a routable page's sub-path)."""
    path = page_path(page, request)
    return absolute_url(path + suffix, request) if path is not None else None


def live_page_path(model) -> str | None:
    """The path in the active language of the first live, public page of `model` (a page type
    a site has once: the program index, the mobile consulate), or None. Kept like the routes
    that lead to it (core.routes), until any record changes."""
    from django.utils.translation import get_language

    from core import routes

    def find() -> str:
        page = model.objects.live().public().first()
        return (page_path(page) if page else None) or ""

    key = (model._meta.label_lower, get_language())
    return routes.remember("live-page-path", key, find) or None


def parent_page_path(page) -> str:
    """The path in the active language of `page`'s parent (a program's or a story's index: the
    "all of them" link), or "". Kept like the routes (core.routes), until any record changes."""
    from django.utils.translation import get_language

    from core import routes

    def find() -> str:
        parent = page.get_parent()
        return (page_path(parent) if parent else None) or ""

    return routes.remember("parent-path", (page.pk, get_language()), find)
