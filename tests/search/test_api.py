"""GET /api/v1/search/pieces and /search/suggest on the database engine (the suite's default;
the contract tests cover the same answers on the search servers)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models import Culture
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db


def numbers(payload) -> list[str]:
    return [hit["catalog_number"] for hit in payload["hits"]]


@pytest.fixture
def vessels(catalog):
    case = make_case("CASE-1")
    mexica = Culture.objects.get(code="mexica")
    make_piece("REP-1", title_es="Vasija de Teotihuacán", title_en="Teotihuacan vessel", case=case)
    make_piece("REP-2", title_es="Vasijas gemelas", culture=mexica, date_start=-400, date_end=-100)
    make_piece("REP-3", title_es="Vasija restringida", restricted=True)
    make_piece("REP-4", title_es="Vasija en borrador", publish=False)


def test_search_answers_hits_facets_and_highlights_in_the_language_asked(client, vessels):
    response = client.get("/api/v1/search/pieces", {"q": "vasijas", "lang": "en"})
    assert response.status_code == 200
    payload = response.json()
    assert payload["engine"] == "database" and payload["fallback"] is False
    assert sorted(numbers(payload)) == ["REP-1", "REP-2"]
    assert payload["total"] == 2
    cultures = {bucket["code"]: bucket for bucket in payload["facets"]["culture"]}
    assert cultures["mexica"] == {"code": "mexica", "label": "Mexica (Aztec)", "count": 1}
    first = next(hit for hit in payload["hits"] if hit["catalog_number"] == "REP-1")
    assert first["title"] == "Teotihuacan vessel"
    assert first["url"] == "http://testserver/en/catalog/REP-1/"
    assert first["highlights"]["fallback"][0].startswith("<mark>Vasija</mark>")


def test_filters_and_bce_range(client, vessels):
    payload = client.get("/api/v1/search/pieces?culture=mexica&date_from=-500&date_to=-300").json()
    assert numbers(payload) == ["REP-2"]
    assert numbers(client.get("/api/v1/search/pieces?date_to=-500").json()) == []


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("date_from=700&date_to=-500", "date_from"),
        ("culture=klingon", "culture"),
        ("page_size=101", "page_size"),
        ("date_from=soon", "date_from"),
        ("sort=random", "sort"),
        ("cursor=not-a-cursor", "cursor"),
        ("lang=fr", None),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, vessels, query, parameter):
    response = client.get(f"/api/v1/search/pieces?{query}")
    assert response.status_code == 400
    payload = response.json()
    assert payload["message"]
    if parameter:
        assert parameter in [item["parameter"] for item in payload["detail"]]


def test_unpublished_cases_are_unknown_codes(client, vessels):
    make_case("CASE-HIDDEN", publish=False)
    response = client.get("/api/v1/search/pieces?case=CASE-HIDDEN")
    assert response.status_code == 400
    assert response.json()["detail"][0]["parameter"] == "case"


def test_cursor_walks_every_hit_once(client, catalog):
    for number in range(1, 8):
        make_piece(f"REP-{number:03d}", title_es="Vasija")
    seen, url = [], "/api/v1/search/pieces?q=vasija&page_size=3"
    while url:
        payload = client.get(url).json()
        seen += numbers(payload)
        url = payload["next"]
    assert sorted(seen) == [f"REP-{number:03d}" for number in range(1, 8)]
    assert len(seen) == 7


def test_search_runs_a_constant_number_of_queries(client, catalog, django_assert_max_num_queries):
    def measure(count: int) -> int:
        for number in range(count):
            make_piece(f"REP-{count}-{number:03d}", title_es="Vasija")
        client.get("/api/v1/search/pieces?q=vasija")  # warms the site lookup cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/search/pieces?q=vasija&page_size=50").status_code == 200
        return len(queries)

    few = measure(2)
    many = measure(20)
    assert many == few
    with django_assert_max_num_queries(few):
        client.get("/api/v1/search/pieces?q=vasija&page_size=50")


def test_suggest_finds_titles_and_catalog_numbers_never_restricted(client, vessels):
    suggestions = client.get("/api/v1/search/suggest", {"q": "teoti", "lang": "en"}).json()
    assert [item["catalog_number"] for item in suggestions] == ["REP-1"]
    assert suggestions[0]["title"] == "Teotihuacan vessel"
    numbers_ = [
        item["catalog_number"] for item in client.get("/api/v1/search/suggest?q=vasi").json()
    ]
    assert sorted(numbers_) == ["REP-1", "REP-2"]
    assert client.get("/api/v1/search/suggest?q=REP-").json()  # catalog numbers
    assert client.get("/api/v1/search/suggest?q=v").json() == []  # too short


def test_search_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/search/pieces" in paths
    parameters = {item["name"] for item in paths["/api/v1/search/pieces"]["get"]["parameters"]}
    assert {"q", "culture", "date_from", "date_to", "sort", "page_size", "cursor"} <= parameters
