import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import requires_csrf_token

from core.api_http import error_response, is_api
from core.chips import FilterParameter, filter_chips
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


# --- the design system's documented page (DEBUG only) -----------------------------------------
STYLE_COMPONENTS = (
    (
        "tokens",
        gettext_lazy("Design tokens"),
        gettext_lazy(
            "Colours, spacing, type sizes, radii and the focus ring are custom properties at the "
            "top of static/css/site.css. Use them instead of new values; the text colours pass "
            "WCAG AA on the page and card backgrounds."
        ),
    ),
    (
        "type",
        gettext_lazy("Typography"),
        gettext_lazy(
            "One page title (h1) per page, sections in h2. Use the intro under the title, the "
            "hint for help text and the muted colour for secondary facts."
        ),
    ),
    (
        "forms",
        gettext_lazy("Form fields"),
        gettext_lazy(
            "Label above the input, help below it, the error under the help. An input with an "
            "error gets aria-invalid and names its error and help with aria-describedby (the "
            "widget template tag does this). Checkboxes and radios sit beside their label."
        ),
    ),
    (
        "buttons",
        gettext_lazy("Buttons"),
        gettext_lazy(
            "One primary button per form for the action it is for; secondary for a second, "
            "lesser action; a link-styled button for resetting or going back. Every target is "
            "at least 44 pixels high."
        ),
    ),
    (
        "notices",
        gettext_lazy("Notices"),
        gettext_lazy(
            "Information (a translation fallback), warning (illustrative data, a degraded "
            "service) and error (a form that could not be sent). Errors take role=alert, the "
            "others role=status or role=note."
        ),
    ),
    (
        "chips",
        gettext_lazy("Tags and chips"),
        gettext_lazy(
            "A tag states something about a record (illustrative, open). A chip is a filter "
            "the reader chose: a link to the same listing without it. Build chips with "
            "core.chips from the listing's own filter declaration."
        ),
    ),
    (
        "cards",
        gettext_lazy("Cards"),
        gettext_lazy(
            "One record in a list of results: its title as a link, then its facts in the "
            "muted colour."
        ),
    ),
    (
        "listing",
        gettext_lazy("Listing with a filter panel"),
        gettext_lazy(
            "Results first on phones, the filters in a disclosure panel that works without "
            "JavaScript and the chosen filters as chips above the results; on wide screens "
            "the panel is a side column. Inputs outside the form name it with form=."
        ),
    ),
    (
        "tables",
        gettext_lazy("Tables"),
        gettext_lazy(
            "Data beside a chart or a list of facts: a caption, header cells with scope, "
            "numbers aligned right. Wrap it in table-scroll so a wide table scrolls inside its "
            "box, never the page."
        ),
    ),
    (
        "pagination",
        gettext_lazy("Pagination"),
        gettext_lazy("Previous and next links in a labelled navigation, with where the reader is."),
    ),
)


def style_guide(request: HttpRequest) -> HttpResponse:
    """Every component of the design system with its markup and when to use it (/style/).
    Served only with DEBUG: it is a developer's reference, not a page of the site."""
    if not settings.DEBUG:
        raise Http404
    components = []
    for key, title, usage in STYLE_COMPONENTS:
        name = f"core/style/{key}.html"
        source = loader.get_template(name).template.source.strip()
        components.append(
            {"key": key, "title": title, "usage": usage, "template": name, "source": source}
        )
    sample = QueryDict("q=vessel&culture=olmeca&culture=maya&free=on&page=2")
    chips = filter_chips(
        sample,
        [
            FilterParameter("culture", _("Culture"), values={"olmeca": "Olmeca", "maya": "Maya"}),
            FilterParameter("free", _("Free only"), describe=lambda value, query: ""),
        ],
    )
    return render(request, "core/style_guide.html", {"components": components, "chips": chips})
