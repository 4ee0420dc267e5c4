"""What every answer under /api/ shares, whatever produced it — an endpoint, the URL resolver, a
rate limit, Django itself:

- errors are JSON `{error, message, detail}` (an HTML error page from anywhere is turned into
  one, keeping its status and headers such as Allow and Retry-After);
- the API is read-only: GET, HEAD (answered like GET, without the body) and OPTIONS (204 with
  Allow and the CORS headers); any other method is 405 with Allow; an unknown URL is 404;
- `Access-Control-Allow-Origin: *` on every answer: the data is public and no credentials are
  ever read, so any web page may fetch it.

The endpoints declare only what is particular to them; the OpenAPI document gets these common
answers from ERROR_RESPONSES (config.api).
"""

import re

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
API_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "Retry-After",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": ", ".join(API_METHODS),
    "Access-Control-Allow-Headers": "Accept, Accept-Language, Content-Type",
    "Access-Control-Max-Age": "86400",
}
# The answers any operation may give besides its own (documented once in the OpenAPI document).
ERROR_RESPONSES = {
    400: "Some parameters are not valid (the detail names them).",
    404: "No such record or URL.",
    405: "The API is read-only: GET, HEAD and OPTIONS only.",
    429: "Too many requests from this client; retry after Retry-After seconds.",
}


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def error_response(status: int, code: str, message, detail: list | None = None) -> JsonResponse:
    body = {"error": code, "message": str(message), "detail": detail or []}
    return JsonResponse(body, status=status)


def _is_json(response: HttpResponse) -> bool:
    kind = response.get("Content-Type", "").split(";")[0].strip()
    return kind == "application/json" or kind.endswith("+json")


def _as_json(response: HttpResponse) -> HttpResponse:
    """An error answer that is not JSON (Django's or a view's own page), as JSON."""
    reason = response.reason_phrase or "Error"
    answer = error_response(
        response.status_code, re.sub(r"\W+", "_", reason.lower()).strip("_"), reason
    )
    for name in ("Allow", "Retry-After"):
        if response.has_header(name):
            answer[name] = response[name]
    return answer


class ApiHttpMiddleware:
    """The rules above, for every request under /api/ (before anything else answers it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_api(request):
            return self.get_response(request)
        response = self._answer(request)
        if response.status_code >= 400 and not _is_json(response):
            response = _as_json(response)
        if response.status_code == 405 or request.method == "OPTIONS":
            response["Allow"] = ", ".join(API_METHODS)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        return response

    def _answer(self, request: HttpRequest) -> HttpResponse:
        try:
            resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return error_response(404, "not_found", _("No such API resource."))
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response[name] = value
            return response
        if request.method not in API_METHODS:
            return error_response(
                405, "method_not_allowed",
                _("The API is read-only: it answers GET, HEAD and OPTIONS."),
            )  # fmt: skip
        if request.method != "HEAD":
            return self.get_response(request)
        # HEAD: the GET answer (status, headers, length) without its body.
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response
