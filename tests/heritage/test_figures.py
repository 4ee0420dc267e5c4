"""The figures page: aggregate counts of public pieces per method, year, country, culture and
period, restricted pieces only in the total when curators allow it, CSV, cache that follows
publishing, a constant number of queries."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models import CatalogFiguresSettings, Culture, FiguresPage, RecoveryMethod
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures_page(home):
    page = FiguresPage(title_es="Cifras", slug_es="cifras", slug_en="figures", slug="cifras")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def rows(client, language="es") -> list[list[str]]:
    response = client.get(f"/{language}/cifras/csv/" if language == "es" else "/en/figures/csv/")
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


def test_figures_count_public_pieces_only(client, catalog, figures_page):
    seized = make_case("CASE-F-1", date_received=date(2021, 5, 1))
    voluntary = RecoveryMethod.objects.get(code="voluntary-return")
    returned = make_case("CASE-F-2", date_received=date(2023, 2, 1), method=voluntary)
    olmeca = Culture.objects.get(code="olmeca")
    make_piece("REP-F-1", case=seized, culture=olmeca)
    make_piece("REP-F-2", case=seized)
    make_piece("REP-F-3", case=returned)
    make_piece("REP-F-4", case=returned, restricted=True, culture=olmeca)
    make_piece("REP-F-5", case=returned, publish=False)
    table = rows(client)
    by = {(chart, code): int(count) for chart, code, _label, count, _share in table}
    assert by[("method", "seizure")] == 2 and by[("method", "voluntary-return")] == 1
    assert by[("year", "2021")] == 2 and by[("year", "2023")] == 1
    assert by[("culture", "olmeca")] == 1 and by[("culture", "maya")] == 2
    assert by[("total", "")] == 3
    html = client.get("/es/cifras/").content.decode()
    assert "<strong>3</strong> piezas recuperadas" in html
    assert "Tabla de datos" in html and '<th scope="row">Aseguramiento</th>' in html


def test_restricted_pieces_join_the_total_only_when_curators_allow(
    client, catalog, figures_page, home
):
    make_piece("REP-F-6")
    make_piece("REP-F-7", restricted=True, culture=Culture.objects.get(code="olmeca"))
    assert rows(client)[-1][3] == "1"
    settings = CatalogFiguresSettings.for_site(home.get_site())
    settings.count_restricted_in_totals = True
    settings.save()
    table = rows(client)
    assert table[-1][3] == "2"
    assert ("culture", "olmeca") not in {(row[0], row[1]) for row in table}  # never broken down
    assert "1 de ellas restringida" in client.get("/es/cifras/").content.decode()


def test_cached_figures_follow_publishing_in_constant_queries(
    client, catalog, figures_page, no_page_cache
):
    make_piece("REP-F-8")
    assert rows(client)[-1][3] == "1"
    make_piece("REP-F-9")
    assert rows(client)[-1][3] == "2"  # the publish invalidated the cached figures

    def count(extra: int) -> int:
        for number in range(extra):
            make_piece(f"REP-F-{extra}-{number}")
        client.get("/en/figures/")  # fills the cache
        with CaptureQueriesContext(connection) as queries:
            client.get("/en/figures/")
        return len(queries)

    assert count(2) == count(12)


def test_every_bar_links_to_the_catalog_search_that_counts_the_same_pieces(
    client, catalog, figures_page
):
    """The figures and the catalog ask through the same facets: each bar's link finds exactly
    the bar's count — a piece whose case is still a draft is not under that case's method."""
    from bs4 import BeautifulSoup

    seized = make_case("CASE-F-1", date_received=date(2021, 5, 1))
    draft = make_case("CASE-F-3", date_received=date(2022, 1, 1), publish=False)
    make_piece("REP-F-1", case=seized)
    make_piece("REP-F-2", case=seized, culture=Culture.objects.get(code="olmeca"))
    make_piece("REP-F-3", case=draft)
    page = BeautifulSoup(client.get("/es/cifras/").content.decode(), "html.parser")
    bars = page.select(".bars li")
    linked = [bar for bar in bars if bar.select_one(".bar-label a")]
    assert len(linked) >= 5, "method, year, country, culture and period bars link"
    for bar in linked:
        href = bar.select_one(".bar-label a")["href"]
        count = int(bar.select_one(".bar-count").get_text())
        assert href.startswith("/es/catalogo/?"), href
        listed = client.get("/api/v1/pieces?lang=es&" + href.split("?", 1)[1]).json()
        assert listed["count"] == count, href
    assert "2022" not in {bar.select_one(".bar-label").get_text() for bar in bars}
