"""Admin search (issue 14, item 6): the pieces and cases listings and the sidebar's search areas
find records by catalog number, case code and title, accent- and case-insensitive, drafts too,
restricted pieces only for users allowed to see them."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.utils import build_catalog_roles, make_case, make_piece

pytestmark = pytest.mark.django_db

PIECES = "wagtailsnippets_heritage_piece:list"
CASES = "wagtailsnippets_heritage_recoverycase:list"
NUMBER = re.compile(r"REP-\d{4}-\d{6}|CASE-\d{4}-\d{3}")


def member_of(client, group: str):
    build_catalog_roles()
    user = get_user_model().objects.create_user(group.lower(), password="pw-member-1")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def catalog_pieces(db):
    make_piece("REP-2021-000431", title_es="Máscara de jade", title_en="Jade mask")
    make_piece("REP-2021-000432", title_es="Vasija trípode", title_en="Tripod vessel")
    make_piece("REP-2019-000017", title_es="Máscaras funerarias", title_en="Funerary masks")


def listed(response) -> set[str]:
    """The catalog numbers or case codes in a listing's rows (not the echoed query)."""
    assert response.status_code == 200
    rows = BeautifulSoup(response.content.decode(), "html.parser").select("table tbody tr")
    return {match for row in rows for match in NUMBER.findall(row.get_text(" "))}


def found(client, url_name: str, query: str) -> set[str]:
    return listed(client.get(reverse(url_name), {"q": query}))


@pytest.mark.parametrize(
    "query", ["REP-2021-000431", "000431", "0431", "rep-2021-000431", "REP 2021 000431"]
)
def test_listing_finds_a_piece_by_its_catalog_number_whole_or_in_part(
    client, curator, catalog_pieces, query
):
    assert found(client, PIECES, query) == {"REP-2021-000431"}
    assert found(client, PIECES, query.replace("1", "9")) == set()


def test_listing_finds_a_catalog_year_across_pieces(client, curator, catalog_pieces):
    assert found(client, PIECES, "rep-2021") == {"REP-2021-000431", "REP-2021-000432"}


@pytest.mark.parametrize("query", ["mascara", "máscara", "MÁSCARA", "Mascaras", "MASCARAS"])
def test_listing_finds_pieces_by_title_with_or_without_accents(
    client, curator, catalog_pieces, query
):
    assert found(client, PIECES, query) == {"REP-2021-000431", "REP-2019-000017"}


def test_listing_finds_by_every_word_in_any_language(client, curator, catalog_pieces):
    assert found(client, PIECES, "jade mask") == {"REP-2021-000431"}
    assert found(client, PIECES, "vasija 000432") == {"REP-2021-000432"}
    assert found(client, PIECES, "vasija 000431") == set()
    assert found(client, PIECES, "¿?") == set()


def test_listing_finds_drafts(client, curator, catalog_pieces):
    make_piece("REP-2022-000900", publish=False, title_es="Máscara inédita")
    assert found(client, PIECES, "inedita") == {"REP-2022-000900"}
    assert "REP-2022-000900" in found(client, PIECES, "mascara")


def test_restricted_pieces_are_found_only_with_the_permission(client, catalog_pieces):
    make_piece("REP-2020-000777", title_es="Máscara reservada", restricted=True)
    member_of(client, "Editors")
    assert found(client, PIECES, "mascara") == {"REP-2021-000431", "REP-2019-000017"}
    assert found(client, PIECES, "000777") == set()
    member_of(client, "Moderators")
    assert "REP-2020-000777" in found(client, PIECES, "mascara")
    assert found(client, PIECES, "000777") == {"REP-2020-000777"}


@pytest.mark.parametrize("query", ["CASE-2021-001", "case-2021-001", "2021 001", "Houston"])
def test_cases_listing_finds_a_case_by_its_code(client, curator, query):
    make_case("CASE-2021-001")
    make_case("CASE-2019-002", publish=False, city="Zúrich")
    assert found(client, CASES, query) == {"CASE-2021-001"}
    assert found(client, CASES, "ZURICH") == {"CASE-2019-002"}  # a draft, without its accent


def area_links(client, query: str) -> dict[str, str]:
    """The sidebar search's areas: label (with its count) → link."""
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    anchors = BeautifulSoup(response.content.decode(), "html.parser").select("a[href*='?q=']")
    return {re.sub(r"\s+", " ", a.get_text()).strip(): a["href"] for a in anchors}


def test_sidebar_search_counts_pieces_and_cases_and_links_to_their_listings(
    client, curator, catalog_pieces
):
    make_case("CASE-2021-001", title_es="Decomiso en Houston")
    links = area_links(client, "máscara")
    assert links["Piezas (2)"] == reverse(PIECES) + "?q=m%C3%A1scara"
    assert links["Casos de recuperación (0)"] == reverse(CASES) + "?q=m%C3%A1scara"
    assert listed(client.get(links["Piezas (2)"])) == {"REP-2021-000431", "REP-2019-000017"}
    links = area_links(client, "case 2021 001")
    assert "Piezas (0)" in links
    assert listed(client.get(links["Casos de recuperación (1)"])) == {"CASE-2021-001"}


def test_sidebar_search_counts_only_what_the_user_may_see(client, catalog_pieces):
    make_piece("REP-2020-000777", title_es="Máscara reservada", restricted=True)
    member_of(client, "Editors")
    assert "Piezas (2)" in area_links(client, "mascara")
    member_of(client, "Moderators")
    assert "Piezas (3)" in area_links(client, "mascara")


def test_listing_search_costs_the_same_queries_however_many_match(
    client, curator, catalog_pieces, django_assert_max_num_queries
):
    url = reverse(PIECES)
    client.get(url, {"q": "mascara"})  # warm Wagtail's per-process caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"q": "mascara"}).status_code == 200
    for number in range(100, 130):
        make_piece(f"REP-2023-000{number}", title_es=f"Máscara {number}")
    with django_assert_max_num_queries(len(few)):
        response = client.get(url, {"q": "mascara"})
    assert len(listed(response)) == 32


@pytest.mark.parametrize("query", ["%", "_", "\\", "'\"", "😀", "\u200b", "x" * 3000])
def test_queries_without_a_matching_word_find_nothing(client, curator, catalog_pieces, query):
    assert found(client, PIECES, query) == set()
    assert found(client, CASES, query) == set()


@pytest.mark.parametrize("query", ["%", "\x00", "½", "²", "٤٣١", "x" * 3000])
def test_no_query_makes_a_server_error(client, curator, catalog_pieces, query):
    for url in (reverse(PIECES), reverse(CASES), reverse("wagtailadmin_pages:search")):
        assert client.get(url, {"q": query}).status_code < 500
