"""What every answer under /api/ shares (core.api_http): JSON errors whatever produced them,
HEAD like GET, OPTIONS with Allow and CORS, a read-only API, and the OpenAPI document listing
the common answers for every operation."""

import pytest

from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

API_URLS = [
    "/api/v1/pieces",
    "/api/v1/pieces/REP-1",
    "/api/v1/cases",
    "/api/v1/cases/CASE-1",
    "/api/v1/search/pieces?q=vasija",
    "/api/v1/search/suggest?q=va",
    "/api/v1/programs",
    "/api/v1/sessions",
    "/api/v1/openapi.json",
]


@pytest.fixture
def records(catalog):
    make_piece("REP-1", case=make_case("CASE-1"), title_es="Vasija maya")


def _error(response) -> dict:
    assert response["Content-Type"] == "application/json", response.content[:200]
    body = response.json()
    assert set(body) == {"error", "message", "detail"} and body["message"]
    return body


@pytest.mark.parametrize("url", API_URLS)
def test_head_answers_like_get_without_a_body(client, records, url):
    got, head = client.get(url), client.head(url)
    assert got.status_code == 200 and got.content
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)
    assert head["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", API_URLS)
def test_options_answers_allow_and_cors(client, records, url):
    response = client.options(
        url, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 204 and response.content == b""
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response  # nothing private to share


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("url", ["/api/v1/pieces", "/api/v1/pieces/REP-1", "/api/v1/openapi.json"])
def test_other_methods_answer_405_json_with_allow(client, records, method, url):
    response = getattr(client, method)(url, data="{}", content_type="application/json")
    assert response.status_code == 405
    assert _error(response)["error"] == "method_not_allowed"
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("method", ["get", "head", "options", "post"])
@pytest.mark.parametrize(
    "url", ["/api/v1/nothing-here", "/api/v2/pieces", "/api/", "/api/v1/pieces/"]
)
def test_unknown_api_urls_answer_404_json(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 404
    assert response["Access-Control-Allow-Origin"] == "*"
    if method != "head":
        assert _error(response)["error"] == "not_found"


def test_errors_of_the_endpoints_and_of_django_are_json_with_cors(client, records):
    unknown = client.get("/api/v1/pieces/NOPE-1")
    assert unknown.status_code == 404 and _error(unknown)["error"] == "not_found"
    invalid = client.get("/api/v1/pieces", {"limit": "0"})
    assert invalid.status_code == 400 and _error(invalid)["error"] == "invalid_parameters"
    assert invalid["Access-Control-Allow-Origin"] == "*"
    # Django's own answer to a host it does not serve is an HTML page; under /api/ it is JSON.
    foreign = client.get("/api/v1/pieces", HTTP_HOST="elsewhere.example")
    assert foreign.status_code == 400 and _error(foreign)["error"] == "bad_request"
    # Pages keep their HTML and send no CORS header.
    page = client.get("/es/catalogo/")
    assert "Access-Control-Allow-Origin" not in page


def test_every_operation_documents_the_common_answers(client):
    document = client.get("/api/v1/openapi.json").json()
    operations = [
        (path, operation)
        for path, methods in document["paths"].items()
        for operation in methods.values()
    ]
    assert len(operations) >= 8
    for path, operation in operations:
        responses = operation["responses"]
        for status in ("400", "404", "405", "429"):
            schema = responses[status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
        assert responses["429"]["headers"]["Retry-After"]["required"] is True, path
        assert "Allow" in responses["405"]["headers"], path
