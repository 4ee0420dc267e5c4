"""The JSON API, version 1: one NinjaAPI, each app adds its router."""

from django.http import JsonResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from core.api_http import API_METHODS, ERROR_RESPONSES
from culture.api import router as culture_router
from culture.directory_api import router as directory_router
from heritage.api import ApiError, api_error_response
from heritage.api import router as heritage_router
from search.api import router as search_router
from stories.api import router as stories_router

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorOut"}
# Headers the common answers carry (core.api_http, core.middleware.RateLimitMiddleware).
ERROR_HEADERS = {
    405: {"Allow": {"description": "The methods the API answers.",
                    "schema": {"type": "string", "example": ", ".join(API_METHODS)}}},
    429: {"Retry-After": {"description": "Seconds until the client may ask again.",
                          "required": True, "schema": {"type": "integer", "minimum": 1}}},
}  # fmt: skip


class RetornoApi(NinjaAPI):
    """The document lists, for every operation, the answers any request may get (errors as
    ErrorOut) besides those the operation declares itself."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation["responses"]
                for status, description in ERROR_RESPONSES.items():
                    if status in responses or str(status) in responses:
                        continue
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": ERROR_SCHEMA}},
                    }
                    if status in ERROR_HEADERS:
                        responses[status]["headers"] = ERROR_HEADERS[status]
        return schema


api = RetornoApi(
    title="Retorno API",
    version="1",
    description=(
        "Read-only access to the public catalog of repatriated pieces and recovery cases, "
        "and search over it (/search/pieces: text, facets with counts, signed-year ranges); "
        "cultural programs for the diaspora and their upcoming sessions (/programs, /sessions); "
        "community stories and oral histories with their transcripts (/stories); "
        "the directory of services: organizations, offices and consulates (/organizations) "
        "and the services they give (/services). "
        "Restricted and unpublished records, and hidden find-spots, are never returned. "
        "Errors are JSON: {error, message, detail}; HEAD answers like GET, OPTIONS with Allow "
        "and CORS headers; every answer carries Access-Control-Allow-Origin: *."
    ),
    urls_namespace="api-v1",
    docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at openapi.json
)
api.add_router("/", heritage_router)
api.add_router("/", search_router)
api.add_router("/", culture_router)
api.add_router("/", stories_router)
api.add_router("/", directory_router)


@api.exception_handler(ApiError)
def on_api_error(request, error: ApiError):
    return api_error_response(request, error)


@api.exception_handler(ValidationError)
def on_invalid_parameters(request, error: ValidationError):
    detail = [
        {
            "parameter": str(list(item.get("loc", []))[-1]) if item.get("loc") else "",
            "location": list(item.get("loc", [])),
            "message": item.get("msg", ""),
        }
        for item in error.errors
    ]
    return JsonResponse(
        {
            "error": "invalid_parameters",
            "message": "Some parameters are not valid.",
            "detail": detail,
        },
        status=400,
    )


@api.exception_handler(HttpError)
def on_http_error(request, error: HttpError):
    return JsonResponse(
        {"error": "http_error", "message": str(error), "detail": []}, status=error.status_code
    )
