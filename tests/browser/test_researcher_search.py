"""In a real browser: a researcher searches "vasija", ticks a culture, narrows the dates to a
BCE range, opens a result, comes back with the filters kept, and downloads the CSV."""

import csv
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from heritage.models import Culture
from tests.browser.helpers import catalog_site
from tests.utils import make_piece

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalog_pieces():
    catalog_site()
    olmeca = Culture.objects.get(code="olmeca")
    # Each save commits, and the commit hooks write the search text, as in production.
    make_piece("REP-1", title_es="Vasija olmeca de San Lorenzo", culture=olmeca,
               date_start=-1200, date_end=-900)  # fmt: skip
    make_piece("REP-2", title_es="Vasija maya policroma", date_start=600, date_end=900)
    make_piece("REP-3", title_es="Vasija olmeca tardía", culture=olmeca, date_start=-400,
               date_end=-100)  # fmt: skip
    make_piece("REP-4", title_es="Figurilla olmeca", culture=olmeca, date_start=-1000,
               date_end=-900)  # fmt: skip
    make_piece("REP-5", title_es="Vasija olmeca restringida", culture=olmeca, restricted=True,
               date_start=-1200, date_end=-900)  # fmt: skip


def test_researcher_search_filters_back_and_csv(live_server, page: Page, catalog_pieces):
    base = live_server.url
    page.goto(f"{base}/es/buscar/piezas/")
    page.fill("#id_q", "vasij")
    # autocomplete offers public titles only
    expect(page.locator("#search-suggestions option")).to_have_count(3)
    page.fill("#id_q", "vasija")
    page.press("#id_q", "Enter")
    expect(page.locator("#results-heading")).to_contain_text("3 piezas encontradas")

    page.click("summary:has-text('Cultura')")
    page.check("input[name=culture][value=olmeca]")
    page.fill("#id_date_from", "1300")
    page.select_option("#id_date_from_era", "bce")
    page.fill("#id_date_to", "800")
    page.select_option("#id_date_to_era", "bce")
    page.click("button:has-text('Aplicar')")
    expect(page.locator("#results-heading")).to_contain_text("1 pieza encontrada")
    search_url = page.url
    assert "culture=olmeca" in search_url and "date_from=1300" in search_url

    page.click("a.piece-title:has-text('San Lorenzo')")
    expect(page.locator("h1")).to_have_text("Vasija olmeca de San Lorenzo")
    page.go_back()
    expect(page).to_have_url(search_url)
    expect(page.locator("input[name=culture][value=olmeca]")).to_be_checked()
    expect(page.locator("#id_date_from")).to_have_value("1300")
    expect(page.locator("#id_date_to_era")).to_have_value("bce")

    with page.expect_download() as download:
        page.click("a:text-is('CSV')")
    with Path(download.value.path()).open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["catalog_number"] for row in rows] == ["REP-1"]
    assert rows[0]["culture"] == "Olmeca"
