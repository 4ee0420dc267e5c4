import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from core.api_http import error_response, is_api
from core.links import absolute_url

RETRY_AFTER_SECONDS = "60"


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404 in the reader's language (LocaleMiddleware has already read it from the URL); JSON
    under /api/."""
    if is_api(request):
        return error_response(404, "not_found", _("No such API resource."))
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the reader's language; the template needs neither the database nor the request.
    When the cause is the database being out of reach, 503 with Retry-After instead: the page
    says to come back soon and load balancers see a passing outage, not a bug."""
    from django.utils import translation

    unavailable = isinstance(sys.exc_info()[1], OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if is_api(request):
        response = (
            error_response(status, "unavailable", "The service is briefly unavailable.")
            if unavailable
            else error_response(status, "server_error", "Something went wrong.")
        )
    else:
        language = (
            translation.get_language_from_path(request.path_info) or translation.get_language()
        )
        with translation.override(language):
            template = loader.get_template("503.html" if unavailable else "500.html")
            response = HttpResponse(template.render({"LANGUAGE_CODE": language}), status=status)
    if unavailable:
        response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = absolute_url(reverse("sitemap-index"), request)
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
