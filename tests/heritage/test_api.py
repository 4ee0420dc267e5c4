"""The catalog's JSON API: public records only, cursor pagination, JSON errors, Linked Art."""

from decimal import Decimal

import pytest

from heritage.models import PieceImage
from tests.utils import make_case, make_image, make_piece

pytestmark = pytest.mark.django_db


def numbers(payload) -> list[str]:
    return [item["catalog_number"] for item in payload["results"]]


def test_list_returns_only_public_pieces_with_labels_in_the_language_asked(client, catalog):
    make_piece("REP-1", title_es="Vasija", title_en="Vessel")
    make_piece("REP-2", restricted=True)
    make_piece("REP-3", publish=False)
    response = client.get("/api/v1/pieces", {"lang": "en"})
    assert response.status_code == 200
    payload = response.json()
    assert (payload["count"], numbers(payload)) == (1, ["REP-1"])
    item = payload["results"][0]
    assert item["title"] == "Vessel"
    assert item["culture"] == {"code": "maya", "label": "Maya"}
    assert item["period"]["label"] == "Late Classic"
    assert item["url"] == "http://testserver/en/catalog/REP-1/"


def test_cursor_pagination_walks_every_piece_once(client, catalog):
    for number in range(1, 8):
        make_piece(f"REP-{number:03d}")
    seen, url = [], "/api/v1/pieces?limit=3"
    while url:
        payload = client.get(url).json()
        seen += numbers(payload)
        url = payload["next"]
    assert seen == [f"REP-{number:03d}" for number in range(1, 8)]


def test_filters_combine_with_the_date_range(client, catalog):
    case = make_case("CASE-1")
    make_piece("REP-1", case=case, date_start=600, date_end=900)
    make_piece("REP-2", date_start=-1200, date_end=-900)
    assert numbers(client.get("/api/v1/pieces?year_from=500&year_to=700").json()) == ["REP-1"]
    assert numbers(client.get("/api/v1/pieces?method=seizure").json()) == ["REP-1"]
    assert numbers(client.get("/api/v1/pieces?year_to=-1000").json()) == ["REP-2"]


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=abc", "limit=1000", "year_from=x", "year_from=900&year_to=100", "lang=fr",
     "cursor=%25%25", "cursor=bm90IGFuIGlk"],
)  # fmt: skip
def test_bad_parameters_get_a_400_with_a_json_body(client, catalog, query):
    response = client.get(f"/api/v1/pieces?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] and body["message"]


def test_restricted_unknown_and_unpublished_answer_json_404(client, catalog):
    make_piece("REP-1", restricted=True)
    make_piece("REP-2", publish=False)
    for path in ("/api/v1/pieces/REP-1", "/api/v1/pieces/REP-2", "/api/v1/pieces/NOPE",
                 "/api/v1/no-such-thing"):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"] == "not_found"


def test_detail_hides_the_find_spot_unless_released(client, catalog):
    make_piece(
        "REP-1", find_site="Sitio oculto", find_lat=Decimal("19.5"), find_lon=Decimal("-99.1")
    )
    make_piece("REP-2", find_site="Sitio liberado", find_lat=Decimal("20.5"),
               find_lon=Decimal("-98.1"), find_spot_released=True)  # fmt: skip
    hidden = client.get("/api/v1/pieces/REP-1")
    assert hidden.json()["find_spot"] is None
    assert "Sitio oculto" not in hidden.content.decode()
    assert "19.5" not in hidden.content.decode()
    released = client.get("/api/v1/pieces/REP-2").json()
    assert released["find_spot"] == {"site": "Sitio liberado", "lat": 20.5, "lon": -98.1}


def test_detail_carries_provenance_and_images(client, catalog):
    make_piece(
        "REP-1",
        events=[
            {"event_type": "auction", "year_start": 1987, "year_end": 1987, "lot_number": "12"}
        ],
        images=[PieceImage(image=make_image(), alt_text_es="Vista frontal", credit="INAH")],
    )
    data = client.get("/api/v1/pieces/REP-1").json()
    assert [(e["event_type"], e["lot_number"]) for e in data["provenance"]] == [("auction", "12")]
    assert data["images"][0]["alt"] == "Vista frontal"


def test_linked_art_json_ld_on_request(client, catalog):
    make_piece(
        "REP-1",
        title_en="Vessel",
        find_site="Sitio oculto",
        events=[{"event_type": "sale", "year_start": 1950, "year_end": 1950, "party_from": "A",
                 "party_to": "B"}],
    )  # fmt: skip
    response = client.get("/api/v1/pieces/REP-1?lang=en", HTTP_ACCEPT="application/ld+json")
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    assert data["@context"] == "https://linked.art/ns/v1/linked-art.json"
    assert data["type"] == "HumanMadeObject"
    assert data["_label"] == "Vessel"
    assert data["produced_by"]["timespan"]["begin_of_the_begin"].startswith("0600")
    acquisition = data["changed_ownership_through"][0]
    assert acquisition["transferred_title_to"][0]["_label"] == "B"
    assert "Sitio oculto" not in response.content.decode()


def test_cases_list_and_detail(client, catalog):
    case = make_case("CASE-1")
    make_case("CASE-2", publish=False)
    make_piece("REP-1", case=case)
    make_piece("REP-2", case=case, restricted=True)
    payload = client.get("/api/v1/cases").json()
    assert [item["code"] for item in payload["results"]] == ["CASE-1"]
    assert payload["results"][0]["piece_count"] == 1
    assert client.get("/api/v1/cases/CASE-2").status_code == 404


def test_openapi_document_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/pieces", "/api/v1/pieces/{catalog_number}", "/api/v1/cases"} <= set(
        schema["paths"]
    )


def test_list_queries_do_not_grow_with_page_size(
    client, catalog, django_assert_max_num_queries, no_page_cache
):
    for number in range(1, 4):
        make_piece(
            f"REP-{number:03d}",
            images=[PieceImage(image=make_image(), alt_text_es="a", credit="c")],
        )
    client.get("/api/v1/pieces?limit=3")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/pieces?limit=3")
    few = len(few)  # now: the log of queries is a bounded deque that the writes below roll
    for number in range(4, 30):
        make_piece(
            f"REP-{number:03d}",
            images=[PieceImage(image=make_image(), alt_text_es="a", credit="c")],
        )
    client.get("/api/v1/pieces?limit=3")  # the site, looked up again after the change
    with django_assert_max_num_queries(few):
        assert len(client.get("/api/v1/pieces?limit=25").json()["results"]) == 25


def test_api_errors_speak_the_language_asked(client, catalog):
    response = client.get("/api/v1/pieces/NOPE?lang=es")
    assert response.json()["message"] == "Ninguna pieza pública tiene este número de catálogo."
    response = client.get("/api/v1/pieces?year_from=9&year_to=1", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"] == "The start year cannot come after the end year."
    assert response.json()["detail"][0]["parameter"] == "date_from"
    spanish = client.get("/api/v1/pieces?date_from=9&date_to=1&lang=es").json()
    assert spanish["message"] == "El año inicial no puede ser posterior al año final."


def test_every_list_item_has_its_detail_values(
    client, settings, tmp_path, django_capture_on_commit_callbacks
):
    """For every public demo piece, in every language, each field a list item shows (techniques
    included) is the detail's value — in /api/v1/pieces and in /api/v1/search/pieces."""
    from django.core.management import call_command

    from core.i18n import language_codes
    from heritage.selectors import piece_base_public

    settings.MEDIA_ROOT = tmp_path
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (10**6, 60)}  # tested on its own
    with django_capture_on_commit_callbacks(execute=True):  # its search upkeep, as when run
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    public = set(piece_base_public().values_list("catalog_number", flat=True))
    assert len(public) >= 5, "the demo has public pieces to compare"
    with_techniques = 0
    for lang in language_codes():  # one demo for all the languages: it takes longest to build
        listed = {}
        for path, key in (("/api/v1/pieces", "results"), ("/api/v1/search/pieces", "hits")):
            items = client.get(path, {"lang": lang, "page_size": 100}).json()[key]
            assert {item["catalog_number"] for item in items} == public, (lang, path)
            listed[path] = items
        for item in listed["/api/v1/pieces"] + listed["/api/v1/search/pieces"]:
            response = client.get(f"/api/v1/pieces/{item['catalog_number']}", {"lang": lang})
            assert response.status_code == 200
            detail = response.json()
            shown = {name: value for name, value in item.items() if name != "highlights"}
            assert shown == {name: detail[name] for name in shown}, (lang, item["catalog_number"])
            with_techniques += bool(item["techniques"])
    assert with_techniques, "some demo piece has techniques: the comparison covers them"
