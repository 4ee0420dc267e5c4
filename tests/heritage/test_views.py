"""The public catalog: pages in every language, nothing restricted or unpublished, fixed queries."""

import csv
import io
import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models import Material, PieceImage
from tests.utils import make_case, make_image, make_piece

pytestmark = pytest.mark.django_db


def html(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_piece_permalink_in_each_language_with_alternates(client, catalog):
    make_piece("REP-2021-000431", title_es="Vasija maya", title_en="Maya vessel")
    spanish = html(client.get("/es/catalogo/REP-2021-000431/"))
    assert spanish.h1.get_text(strip=True) == "Vasija maya"
    hreflang = {link["hreflang"]: link["href"] for link in spanish.select("link[rel=alternate]")}
    assert hreflang["en"] == "http://testserver/en/catalog/REP-2021-000431/"
    assert hreflang["nah"] == "http://testserver/nah/catalogo/REP-2021-000431/"
    english = html(client.get("/en/catalog/REP-2021-000431/"))
    assert english.h1.get_text(strip=True) == "Maya vessel"
    assert "http://testserver/en/catalog/REP-2021-000431/" in english.select_one(".citation").text


def test_untranslated_piece_falls_back_with_notice(client, catalog):
    make_piece("REP-2021-000432", title_es="Sólo en español", title_en="")
    page = html(client.get("/en/catalog/REP-2021-000432/"))
    assert page.h1["lang"] == "es"
    assert page.select_one(".notice-fallback") is not None


def test_restricted_draft_and_unknown_pieces_answer_404(client, catalog):
    make_piece("REP-2021-000001", restricted=True)
    make_piece("REP-2021-000002", publish=False)
    for number in ("REP-2021-000001", "REP-2021-000002", "REP-2021-999999"):
        assert client.get(f"/es/catalogo/{number}/").status_code == 404


def test_hidden_find_spot_never_reaches_the_page(client, catalog):
    make_piece(
        "REP-2021-000003",
        find_site="Sitio secreto",
        find_lat=Decimal("19.5"),
        find_lon=Decimal("-99.1"),
    )
    make_piece(
        "REP-2021-000004",
        find_site="Sitio liberado",
        find_lat=Decimal("20.1"),
        find_lon=Decimal("-98.2"),
        find_spot_released=True,
    )
    hidden = client.get("/es/catalogo/REP-2021-000003/").content.decode()
    assert "Sitio secreto" not in hidden
    assert "19.5" not in hidden
    released = client.get("/es/catalogo/REP-2021-000004/").content.decode()
    assert "Sitio liberado" in released


def test_piece_page_embeds_schema_org_without_find_spot(client, catalog):
    make_piece(
        "REP-2021-000005",
        find_site="Sitio secreto",
        find_lat=Decimal("19.5"),
        find_lon=Decimal("-99.1"),
    )
    page = html(client.get("/en/catalog/REP-2021-000005/"))
    data = json.loads(page.select_one("script[type='application/ld+json']").string)
    assert data["@type"] == "VisualArtwork"
    assert data["identifier"] == "REP-2021-000005"
    assert data["temporalCoverage"] == "0600/0900"
    assert "Sitio secreto" not in json.dumps(data)


def _date_at_every_door(client, number: str) -> dict[str, str]:
    """The date text an English reader gets for a piece at each door that shows one."""
    page = html(client.get(f"/en/catalog/{number}/"))
    facts = {
        dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in page.select(".facts dt")
    }
    card = html(client.get("/en/catalog/")).select_one(".piece-card .piece-meta").get_text()
    detail = client.get(f"/api/v1/pieces/{number}?lang=en").json()
    listed = client.get("/api/v1/pieces?lang=en").json()["results"][0]
    linked_art = client.get(
        f"/api/v1/pieces/{number}?lang=en", HTTP_ACCEPT="application/ld+json"
    ).json()
    export = client.get("/en/catalog/export/csv/")
    rows = csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig")))
    return {
        "piece page": facts["Date"],
        "catalog card": card.split(" · ")[-1],
        "API detail": detail["date"]["display"],
        "API list": listed["date"]["display"],
        "Linked Art": linked_art["produced_by"]["timespan"]["identified_by"][0]["content"],
        "CSV export": next(rows)["date_label"],
    }


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"date_qualifier": "circa"}, "ca. 600–900 CE"),  # generated in the reader's language
        ({"date_qualifier": "circa", "date_display_en": "Late Classic"}, "Late Classic"),
    ],
)
def test_every_door_shows_the_same_date_text(client, catalog, fields, shown):
    make_piece("REP-2021-000020", date_start=600, date_end=900, **fields)
    doors = _date_at_every_door(client, "REP-2021-000020")
    assert doors == dict.fromkeys(doors, shown)


def test_a_curators_date_text_in_another_language_is_marked_as_such(client, catalog):
    make_piece("REP-2021-000021", date_display_es="finales del Clásico")
    english = html(client.get("/en/catalog/REP-2021-000021/"))
    date = {dt.get_text(): dt.find_next_sibling("dd") for dt in english.select(".facts dt")}["Date"]
    assert (date.get_text(), date["lang"]) == ("finales del Clásico", "es")
    spanish = html(client.get("/es/catalogo/REP-2021-000021/"))
    date = {dt.get_text(): dt.find_next_sibling("dd") for dt in spanish.select(".facts dt")}[
        "Fecha"
    ]
    assert (date.get_text(), date.get("lang")) == ("finales del Clásico", None)


def test_piece_page_shows_only_its_own_images(client, catalog):
    first = make_piece("REP-2021-000006")
    second = make_piece("REP-2021-000007")
    PieceImage.objects.create(piece=first, image=make_image(), alt_text_es="Primera", credit="A")
    PieceImage.objects.create(piece=second, image=make_image(), alt_text_es="Segunda", credit="B")
    page = html(client.get("/es/catalogo/REP-2021-000006/"))
    assert [img["alt"] for img in page.select(".piece-image img")] == ["Primera"]


def test_date_range_filter_finds_overlapping_pieces_including_bce(client, catalog):
    make_piece("REP-2021-000010", date_start=600, date_end=900)
    make_piece("REP-2021-000011", date_start=-1200, date_end=-900)
    make_piece("REP-2021-000012", date_start=1200, date_end=1521)

    def numbers(query: str) -> set[str]:
        page = html(client.get(f"/es/catalogo/?{query}"))
        return {node.get_text() for node in page.select(".piece-card .catalog-number")}

    assert numbers("year_from=500&year_to=700") == {"REP-2021-000010"}
    assert numbers("year_from=-1000&year_to=-950") == {"REP-2021-000011"}
    assert numbers("year_from=-1500&year_to=1600") == {
        "REP-2021-000010",
        "REP-2021-000011",
        "REP-2021-000012",
    }


def test_bad_year_range_is_reported_in_the_reader_language(client, catalog):
    make_piece("REP-2021-000013")
    # the older parameter names (year_from, year_to) still work
    response = client.get("/es/catalogo/?year_from=900&year_to=100")
    assert response.status_code == 400
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert (
        "El año inicial no puede ser posterior al año final."
        in page.select_one("#err_date_from").get_text()
    )


def test_listing_hides_restricted_and_drafts(client, catalog):
    make_piece("REP-2021-000020")
    make_piece("REP-2021-000021", restricted=True)
    make_piece("REP-2021-000022", publish=False)
    page = html(client.get("/es/catalogo/"))
    numbers = {node.get_text() for node in page.select(".piece-card .catalog-number")}
    assert numbers == {"REP-2021-000020"}


def test_case_page_lists_only_public_pieces_and_counts_them(client, catalog):
    case = make_case("CASE-2021-001")
    make_piece("REP-2021-000030", case=case)
    make_piece("REP-2021-000031", case=case, restricted=True)
    make_piece("REP-2021-000032", case=case, publish=False)
    page = html(client.get("/en/catalog/cases/CASE-2021-001/"))
    numbers = {node.get_text() for node in page.select(".piece-card .catalog-number")}
    assert numbers == {"REP-2021-000030"}
    listing = html(client.get("/en/catalog/cases/"))
    assert "1 piece" in listing.select_one(".case-meta").get_text()


def test_unpublished_case_answers_404(client, catalog):
    make_case("CASE-2021-002", publish=False)
    assert client.get("/es/catalogo/cases/CASE-2021-002/").status_code == 404


def _count_queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


# Real commits: what a request keeps is kept only once the changes before it have committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("events", [1, 10, 50])
def test_piece_page_queries_stay_constant_with_provenance_length(
    client, catalog, events, django_assert_max_num_queries
):
    make_piece(
        f"REP-2021-{events:06d}",
        events=[
            {"event_type": "sale", "year_start": 1900 + n, "year_end": 1900 + n}
            for n in range(events)
        ],
        images=[PieceImage(image=make_image(), alt_text_es="Imagen", credit="C")],
    )
    path = f"/es/catalogo/REP-2021-{events:06d}/"
    client.get(path)
    # 10 for the catalog; 2 for the programs section culture adds (programs, view restrictions)
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


def test_listing_queries_do_not_grow_with_the_number_of_pieces(
    client, catalog, django_assert_max_num_queries
):
    jade = Material.objects.get(code="jade")
    make_piece(
        "REP-2021-000100",
        materials=[jade],
        images=[PieceImage(image=make_image(), alt_text_es="Imagen", credit="C")],
    )
    few = _count_queries(client, "/es/catalogo/")
    for number in range(101, 124):
        make_piece(
            f"REP-2021-{number:06d}",
            materials=[jade],
            images=[PieceImage(image=make_image(), alt_text_es="Imagen", credit="C")],
        )
    client.get("/es/catalogo/")
    with django_assert_max_num_queries(few):
        response = client.get("/es/catalogo/")
    cards = html(response).select(".piece-card")
    assert len(cards) == 20  # a page of results
    # each card's thumbnail, from the renditions prefetched with the page (no lookup per card)
    assert all(".fill-320x320." in card.select_one("img")["src"] for card in cards)
    assert all(card.select_one("img")["alt"] == "Imagen" for card in cards)


def test_other_apps_add_sections_to_a_piece_page_through_a_hook(client, catalog):
    from django.utils.html import format_html
    from wagtail import hooks

    make_piece("REP-2021-000800")

    def programs_section(request, piece):
        return format_html('<section class="from-hook">{}</section>', piece.catalog_number)

    with hooks.register_temporarily("heritage_piece_sections", programs_section):
        page = html(client.get("/es/catalogo/REP-2021-000800/"))
    assert page.select_one(".from-hook").get_text() == "REP-2021-000800"


def test_catalog_home_offers_every_facet_with_counts_in_the_readers_language(client, catalog):
    case = make_case("CASE-1", legal_basis="unesco_1970")
    make_piece("REP-2021-000900", case=case)
    page = html(client.get("/en/catalog/"))
    options = {
        (box["name"], box["value"]): box.parent.get_text(" ", strip=True)
        for box in page.select(".facet input[type=checkbox]")
    }
    assert options[("method", "seizure")] == "Seizure (1)"
    assert options[("culture", "maya")] == "Maya (1)"
    assert options[("period", "clasico-tardio")] == "Late Classic (1)"
    assert options[("legal_basis", "unesco_1970")] == "1970 UNESCO Convention (1)"
    filtered = html(client.get("/en/catalog/?method=seizure"))
    assert filtered.select_one(".facet input[value=seizure]").has_attr("checked")
    assert [n.get_text() for n in filtered.select(".piece-card .catalog-number")] == [
        "REP-2021-000900"
    ]
