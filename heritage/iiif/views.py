"""The IIIF endpoints: thin views over heritage.iiif.image / presentation and the one rule of
what the public may see (heritage.media, heritage.selectors). Every answer, errors included,
carries `Access-Control-Allow-Origin: *` (viewers on other sites read them); an image no public
piece shows is 404 by every URL, before its parameters are even read."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.api_http import error_response
from core.links import absolute_url
from core.ratelimit import over_limit
from heritage import selectors
from heritage.choices import IMAGE_LICENSE_URIS
from heritage.iiif.image import (
    CONTEXT,
    FORMATS,
    ParameterError,
    derivative,
    derivative_path,
    info_document,
    plan_request,
)
from heritage.iiif.presentation import CONTENT_TYPE, piece_manifest
from heritage.media import piece_image_public

INFO_CONTENT_TYPE = f'application/ld+json;profile="{CONTEXT}"'


def _cors(response):
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _not_found():
    message = _("No public image or piece has this identifier.")
    return _cors(error_response(404, "not_found", message))


def _cached(response):
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_MAX_AGE}"
    return _cors(response)


@require_safe
def image_base(request, image_id: int):
    if piece_image_public(image_id) is None:
        return _not_found()
    return _cors(HttpResponseRedirect(reverse("iiif-info", args=[image_id]), status=303))


@require_safe
def image_info(request, image_id: int):
    use = piece_image_public(image_id)
    if use is None:
        return _not_found()
    document = info_document(
        image=use.image,
        service_id=absolute_url(reverse("iiif-image-base", args=[image_id]), request),
        rights=IMAGE_LICENSE_URIS[use.license],
    )
    wants_ld = "application/ld+json" in request.headers.get("Accept", "")
    response = JsonResponse(
        document, content_type=INFO_CONTENT_TYPE if wants_ld else "application/json"
    )
    response["Vary"] = "Accept"
    return _cached(response)


@require_safe
def image_request(request, image_id: int, region: str, size: str, rotation: str, name: str):
    use = piece_image_public(image_id)
    if use is None:
        return _not_found()
    quality, _dot, format = name.rpartition(".")
    try:
        plan = plan_request(
            region=region, size=size, rotation=rotation, quality=quality, format=format,
            width=use.image.width, height=use.image.height,
        )  # fmt: skip
    except ParameterError as error:
        return _cors(error_response(400, f"invalid_{error.parameter}", error.message))
    if not derivative_path(use.image, plan).is_file():
        # Making a derivative costs a decode and disk: limited per client (kept ones are not).
        wait = over_limit(request, "iiif", *settings.RATE_LIMITS["iiif"])
        if wait is not None:
            message = _("Too many new images asked from your connection. Please wait %(seconds)s "
                        "seconds.") % {"seconds": wait}  # fmt: skip
            response = error_response(429, "rate_limited", message)
            response["Retry-After"] = str(wait)
            return _cors(response)
    path = derivative(use.image, plan)
    return _cached(FileResponse(path.open("rb"), content_type=FORMATS[plan.format][1]))


@require_safe
def manifest(request, catalog_number: str):
    try:
        context = selectors.piece_page_public(catalog_number=catalog_number)
    except Http404:
        return _not_found()
    piece, images = context["piece"], context["images"]  # what the piece's page shows
    if not images:  # a manifest has one canvas at least (Presentation 3.0)
        return _not_found()
    document = piece_manifest(piece=piece, images=images, request=request)
    response = JsonResponse(document, content_type=CONTENT_TYPE,
                            json_dumps_params={"ensure_ascii": False})  # fmt: skip
    return _cors(response)
