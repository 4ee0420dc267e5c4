"""Stable record URIs: /id/piece/<catalog number>, /id/case/<code>, /id/term/<vocabulary>/<code>,
/id/provenance/<event>.

One URI per record whatever the language, for software to cite and dereference. Each answers
by content negotiation (`Accept` read with its quality values): Linked Art JSON-LD to those who
prefer it, a 303 to the record's page in the visitor's language to browsers (and to `*/*`). The
JSON-LD comes with the Linked Art profile, `Vary: Accept` and CORS for any origin; OPTIONS and
HEAD answer too. A record that is not public answers 404 (in JSON to JSON-LD clients), exactly
as its page does: every record is read through heritage.selectors.
"""

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.links import absolute_url
from heritage import linked_data, selectors
from heritage.models import ProvenanceEvent
from heritage.models.pages import case_route, piece_route

JSON_LD = "application/ld+json"
# What a record URI offers, the page first: `*/*` (a browser's or curl's default) gets HTML;
# plain JSON clients get the JSON-LD.
OFFERED = ("text/html", linked_data.LINKED_ART_CONTENT_TYPE, JSON_LD, "application/json")
LINKED_ART = (linked_data.LINKED_ART_CONTENT_TYPE, JSON_LD)
ALLOWED = "GET, HEAD, OPTIONS"
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ALLOWED,
    "Access-Control-Allow-Headers": "Accept, Accept-Language",
}


def wants_linked_art(
    request: HttpRequest, *, offered=OFFERED, linked_art=(*LINKED_ART, "application/json")
) -> bool:
    """Whether, of the `offered` types (the default first), the client prefers one answered
    with Linked Art, honouring quality values (`text/html;q=0.9, application/ld+json` → True;
    `*/*` → False). An `Accept` naming the Linked Art profile matches it."""
    return request.get_preferred_type(list(offered)) in linked_art


def linked_art_response(document: dict, *, status: int = 200) -> HttpResponse:
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False),
        status=status,
        content_type=linked_data.LINKED_ART_CONTENT_TYPE,
    )
    patch_vary_headers(response, ["Accept"])
    return response


def _with_cors(response: HttpResponse) -> HttpResponse:
    for header, value in CORS.items():
        response[header] = value
    return response


def _negotiated(view):
    """Wraps a record view: OPTIONS, CORS, Vary, 404s in the format asked for."""

    @csrf_exempt
    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED
            return _with_cors(response)
        as_json = wants_linked_art(request)
        try:
            response = view(request, *args, as_json=as_json, **kwargs)
        except Http404:
            if not as_json:
                raise
            response = JsonResponse(
                {"error": "not_found", "message": _("No public record has this identifier.")},
                status=404,
            )
        patch_vary_headers(response, ["Accept", "Accept-Language"])
        return _with_cors(response)

    return wrapped


def _see_page(request, route: str) -> HttpResponse:
    """303 See Other to the record's page, in the visitor's language."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        base = selectors.catalog_path(request)
    if not base:
        raise Http404("no catalog page")
    response = HttpResponse(status=303)
    response["Location"] = absolute_url(base + route, request)
    return response


@_negotiated
def piece_record(request, catalog_number: str, *, as_json: bool):
    piece = selectors.piece_get_public(catalog_number=catalog_number)
    if not as_json:
        return _see_page(request, piece_route(piece.catalog_number))
    return linked_art_response(linked_data.linked_art_document(piece, request=request))


@_negotiated
def case_record(request, code: str, *, as_json: bool):
    case = selectors.case_get_public(code=code)
    if not as_json:
        return _see_page(request, case_route(case.code))
    return linked_art_response(linked_data.case_document(case, request=request))


@_negotiated
def provenance_record(request, pk: int, *, as_json: bool):
    event = get_object_or_404(
        ProvenanceEvent.objects.filter(piece__in=selectors.piece_base_public()).select_related(
            "piece"
        ),
        pk=pk,
    )
    if not as_json:
        return _see_page(request, piece_route(event.piece.catalog_number))
    return linked_art_response(linked_data.provenance_document(event, event.piece, request=request))


@_negotiated
def term_record(request, vocabulary: str, code: str, *, as_json: bool):
    """Vocabulary terms are public (they label public records); HTML clients get the term as
    JSON-LD too, since terms have no page of their own."""
    if vocabulary not in linked_data.VOCABULARIES:
        raise Http404(vocabulary)
    model, _class = linked_data.VOCABULARIES[vocabulary]
    term = get_object_or_404(model, code=code)
    return linked_art_response(linked_data.term_document(term, request=request))


urlpatterns = [
    path("piece/<str:catalog_number>", piece_record, name="record-piece"),
    path("case/<str:code>", case_record, name="record-case"),
    path("provenance/<int:pk>", provenance_record, name="record-provenance"),
    path("term/<slug:vocabulary>/<str:code>", term_record, name="record-term"),
]
