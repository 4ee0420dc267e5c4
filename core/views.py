from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def _is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404 in the reader's language (LocaleMiddleware has already read it from the URL); JSON
    under /api/."""
    if _is_api(request):
        return JsonResponse(
            {"error": "not_found", "message": "No such API resource.", "detail": []}, status=404
        )
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the reader's language; the template needs neither the database nor the request."""
    from django.utils import translation

    if _is_api(request):
        return JsonResponse(
            {"error": "server_error", "message": "Something went wrong.", "detail": []},
            status=500,
        )
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        body = loader.get_template("500.html").render({"LANGUAGE_CODE": language})
    return HttpResponse(body, status=500)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: answers 200 when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status = {"database": "ok"}
        code = 200
    except Exception:  # any failure of the database means "not healthy"
        status = {"database": "unavailable"}
        code = 503
    return JsonResponse(status, status=code)


def robots_txt(request: HttpRequest) -> HttpResponse:
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain")
