"""One catalog, one answer: the same researcher questions through every door to the pieces —
the catalog page, /api/v1/pieces, /api/v1/search/pieces and the CSV export — give the same
pieces in the same order and the same totals, on each engine (the database on SQLite and
PostgreSQL, a live OpenSearch node, Elasticsearch 8 when ELASTICSEARCH_URL is set)."""

import csv
import datetime
import io
import re

import pytest
from bs4 import BeautifulSoup

from heritage.models import Culture, Material, RecoveryMethod, Technique
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

# (question, parameters): text with and without accents, stems, a date range that finds a piece
# with an open end, three facets, the new facets, a cursor walk (page_size=2 everywhere).
QUESTIONS = {
    "stemmed text": {"q": "vasijas"},
    "text without its accent": {"q": "mascara"},
    "text with its accent": {"q": "máscara"},
    "a year an open-ended dating reaches": {"date_from": "700"},
    "a BCE range": {"date_from": "-400", "date_to": "-100"},
    "three facets": {"culture": "maya", "method": "seizure", "material": "jade"},
    "text, dates and a sort": {
        "q": "vasija",
        "date_from": "500",
        "date_to": "950",
        "sort": "catalog_number",
    },  # fmt: skip
    "year of recovery and legal basis": {
        "recovered_from": "2021",
        "recovered_to": "2021",
        "legal_basis": "unesco_1970",
    },  # fmt: skip
    "older parameter names": {"year_from": "700", "limit": "2"},
    "everything, oldest first": {"sort": "date"},
}


@pytest.fixture
def doors_catalog(engine, catalog):
    seizure = make_case("CASE-A", legal_basis="unesco_1970",
                        date_received=datetime.date(2021, 5, 3))  # fmt: skip
    donation = make_case(
        "CASE-B",
        method=RecoveryMethod.objects.get(code="donation"),
        legal_basis="bilateral",
        date_received=datetime.date(2019, 2, 1),
    )
    jade = Material.objects.get(code="jade")
    modelled = Technique.objects.get(code="modelado")
    mexica = Culture.objects.get(code="mexica")
    make_piece("REP-D01", title_es="Vasija de Teotihuacán", title_en="Teotihuacan vessel",
              case=seizure, materials=[jade], techniques=[modelled])  # fmt: skip
    make_piece("REP-D02", title_es="Vasijas gemelas", culture=mexica, case=donation,
              date_start=600, date_end=None)  # fmt: skip
    make_piece("REP-D03", title_es="Máscara de jade", case=seizure, materials=[jade],
              date_start=-300, date_end=250)  # fmt: skip
    make_piece("REP-D04", title_es="Mascara funeraria", case=donation, date_start=-1200,
              date_end=-900)  # fmt: skip
    for number in range(5, 10):
        make_piece(f"REP-D{number:02d}", title_es=f"Vasija número {number}", case=seizure,
                  materials=[jade], date_start=500 + number, date_end=800)  # fmt: skip
    make_piece("REP-D10", title_es="Vasija restringida", restricted=True, case=seizure)
    make_piece("REP-D11", title_es="Vasija en borrador", publish=False)
    engine.refresh()
    return engine


def _page(client, params) -> tuple[list[str], int]:
    numbers, total, url, query = [], None, "/es/catalogo/", {**params, "page_size": "2"}
    while url:
        response = client.get(url, query)
        assert response.status_code == 200, response.content[:500]
        page = BeautifulSoup(response.content.decode(), "html.parser")
        total = int(re.match(r"\d+", page.select_one("#results-heading").get_text()).group())
        numbers += [node.get_text() for node in page.select(".piece-card .catalog-number")]
        following = page.select_one("a[rel=next]")
        url, query = ("/es/catalogo/" + following["href"], None) if following else (None, None)
    return numbers, total


def _api(client, path, params, items: str, total: str) -> tuple[list[str], int]:
    numbers, count, url, query = [], None, path, {**params, "page_size": "2", "lang": "es"}
    while url:
        response = client.get(url, query)
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        count = body[total]
        numbers += [item["catalog_number"] for item in body[items]]
        url, query = body["next"], None
    return numbers, count


def _export(client, params) -> tuple[list[str], int]:
    response = client.get("/es/catalogo/export/csv/", params)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    return [row["catalog_number"] for row in rows], int(response["X-Total-Count"])


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_door_gives_the_same_pieces_in_the_same_order(client, doors_catalog, question):
    params = QUESTIONS[question]
    answers = {
        "catalog page": _page(client, params),
        "/api/v1/pieces": _api(client, "/api/v1/pieces", params, "results", "count"),
        "/api/v1/search/pieces": _api(client, "/api/v1/search/pieces", params, "hits", "total"),
        "CSV export": _export(client, params),
    }
    numbers, total = answers["catalog page"]
    assert numbers, "the question finds something: an empty answer would prove nothing"
    assert len(numbers) == total == len(set(numbers)), "the cursor walk has no gaps or repeats"
    assert not {"REP-D10", "REP-D11"} & set(numbers)
    for door, answer in answers.items():
        assert answer == (numbers, total), f"{door} disagrees with the catalog page"


def test_the_doors_agree_on_what_the_issue_found_them_disagreeing_on(client, doors_catalog):
    """The cases measured when the catalog and the search were two products."""
    assert "REP-D02" in _page(client, {"date_from": "700"})[0]  # dated 600, no end year
    assert set(_page(client, {"q": "vasijas"})[0]) >= {"REP-D01", "REP-D02"}
    assert set(_page(client, {"q": "mascara"})[0]) == {"REP-D03", "REP-D04"}
    listed = client.get("/api/v1/pieces", {"q": "teotihuacan", "lang": "en"}).json()
    assert listed["results"][0]["techniques"] == [{"code": "modelado", "label": "Modelling"}]


@pytest.mark.django_db(transaction=True)  # committed: what is counted is kept, as in production
def test_the_catalog_page_answers_alike_when_its_counts_are_kept_in_redis(
    client, settings, doors_catalog, redis_server, no_page_cache
):
    """With the shared cache, the catalog asks the engine for the page alone and reads the
    filter set's counts with the page's cards (search.service, `together`); a filter set no one
    counted is asked again with its counts. Every way through — first visit, kept in the
    process, a worker new to the page (read from Redis) — shows what the engine answers alone."""
    from core import cache

    def facet_counts(html: str) -> list[str]:
        page = BeautifulSoup(html, "html.parser")
        return [node.get_text(" ", strip=True) for node in page.select("#catalog-search label")]

    params = {"q": "vasija", "material": "jade"}
    settings.SHARED_CACHE = False  # the engine alone: what every way below must show
    expected = _page(client, params)
    alone = facet_counts(client.get("/es/catalogo/", params).content.decode())
    assert expected[1] == 6 and "(6)" in " ".join(alone), "the question finds and counts pieces"
    settings.SHARED_CACHE = True
    for visit in ("first", "kept in this process", "a worker new to the page"):
        if visit == "a worker new to the page":
            cache._store.clear()
        assert _page(client, params) == expected, visit
        html = client.get("/es/catalogo/", params).content.decode()
        assert facet_counts(html) == alone, visit
