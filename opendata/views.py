from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from core.ratelimit import over_limit
from opendata.oai import LINKED_ART_SCHEMA, oai_response

XML = "text/xml; charset=utf-8"


@csrf_exempt  # OAI-PMH allows POST (a form-encoded query) from any harvester; nothing changes
@require_http_methods(["GET", "POST"])
def oai(request):
    """The OAI-PMH endpoint, language-neutral (the metadata carries every language; messages
    and set names are in the site's language). Beyond the "oai" rate limit: 503 with
    Retry-After, the protocol's flow control, which harvesters honour."""
    with translation.override(settings.LANGUAGE_CODE):
        retry = over_limit(request, "oai", *settings.RATE_LIMITS["oai"])
        if retry is not None:
            message = _(
                "Too many requests from your connection. Please wait %(seconds)s seconds."
            ) % {"seconds": retry}
            response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
            response["Retry-After"] = str(retry)
            return response
        query = request.POST if request.method == "POST" else request.GET
        return HttpResponse(oai_response(request, query), content_type=XML)


@require_GET
def linked_art_schema(request):
    """The XML Schema of the `linked_art` format's wrapper element."""
    return HttpResponse(LINKED_ART_SCHEMA, content_type=XML)
