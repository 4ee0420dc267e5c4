import copy
from functools import cache

from csp.constants import SELF
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.template import loader
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from core import ratelimit
from core.api_http import error_response, is_api
from core.params import has_nul, with_ascii_digits


class RetornoLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its redirect of unknown language-neutral paths.

    Every path under /es/ is a Wagtail path, so Django would answer a 404 anywhere else (an
    unknown API record, say) with a redirect to /es/…; the API and the admin must keep their
    own 404s. The API speaks the language of `?lang=` or else of Accept-Language, so its
    answers without `lang` say they vary on it (a shared cache must not give one reader's
    language to another)."""

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.LANGUAGE_NEUTRAL_PATHS)):
            if request.path_info.startswith("/api/") and "lang" not in request.GET:
                patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def is_editor_request(request) -> bool:
    """An admin view, or the simulated request Wagtail renders a preview with (whose path is the
    public URL of the record, so only Wagtail's `is_preview` flag tells it apart)."""
    return getattr(request, "is_preview", False) or request.path_info.startswith(admin_prefix())


class EditorFramingMiddleware:
    """One framing rule: the public site may be framed by no one (its CSP's `frame-ancestors
    'none'`, X-Frame-Options DENY); the admin and its previews by the admin itself, since the
    editor shows each preview in an iframe of its own origin. Sits just inside django-csp's
    middleware, so the policy it writes already carries the exception."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_editor_request(request):
            replace = getattr(response, "_csp_replace", None) or {}
            response._csp_replace = {**replace, "frame-ancestors": [SELF]}
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class CachedSiteMiddleware:
    """Wagtail finds the site of every request with a query; here it comes from core.routes
    (the shared cache, or this process's copy checked against the site version), kept until
    any record changes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from wagtail.models import Site

        from core import cache, routes

        # the cache's versions read and the rate limits counted, in one round trip
        token, versions = routes.begin_request(), ratelimit.start(request)
        try:
            key = (request.get_host(), request.get_port(), request.scheme)

            def find():
                site = Site._find_for_request(request)
                if site is not None:
                    site.root_page = site.root_page.specific  # kept with it: routing starts there
                return site

            try:
                site = routes.remember("site", key, find, immutable=True)
            except DatabaseError:
                site = None  # the view meets the outage and answers for it (core.views)
            if site is not None:
                # the request's own copies (Django copies a model's state with it): what it
                # sets on them stays its own, and no pickled root page is read back each time
                site = copy.copy(site)
                site.root_page = copy.copy(site.root_page)
                request._wagtail_site = site  # what Site.find_for_request looks for first
            return self.get_response(request)
        finally:
            cache.end_request(versions)
            routes.end_request(token)


class QueryParametersMiddleware:
    """core.params' rules at the door: a NUL in any parameter is refused (400: JSON under /api/,
    a page otherwise); every decimal digit reaches the views as its ASCII digit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request.GET):
            message = _("A parameter holds a NUL character; remove it and try again.")
            if is_api(request):
                names = [name for name, values in request.GET.lists()
                         if "\x00" in name or any("\x00" in value for value in values)]  # fmt: skip
                detail = [{"parameter": name, "message": message} for name in names]
                return error_response(400, "invalid_parameters", message, detail)
            body = loader.get_template("400.html").render({"message": message}, request)
            return HttpResponse(body, status=400)
        request.GET = with_ascii_digits(request.GET)
        return self.get_response(request)


class RateLimitMiddleware:
    """Per-client limits (scopes in RATE_LIMITS: requests per window of seconds; which a request
    counts against: core.ratelimit.scopes), most of them counted already with the request's
    first read of the cache (core.ratelimit.start). Beyond a limit, 429 with Retry-After: JSON
    under /api/, a page otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        scopes = ratelimit.scopes(request, request.resolver_match)
        # Every scope counts the request, even when an earlier one already refuses it.
        waits = [ratelimit.over_limit(request, scope, *settings.RATE_LIMITS[scope])
                 for scope in scopes]  # fmt: skip
        retry = max((wait for wait in waits if wait is not None), default=None)
        if retry is None:
            return None
        message = _("Too many requests from your connection. Please wait %(seconds)s seconds.") % {
            "seconds": retry
        }
        if is_api(request):
            response = error_response(429, "rate_limited", message)
        else:
            body = loader.get_template("429.html").render({"message": message}, request)
            response = HttpResponse(body, status=429)
        response["Retry-After"] = str(retry)
        return response
