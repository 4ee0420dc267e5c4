"""In a real browser, in the Spanish admin: a curator selects two pieces in the listing,
restricts them with a reason, and finds the reason in a piece's history."""

import pytest
from playwright.sync_api import Page, expect

from heritage.models import Piece
from tests.browser.helpers import admin_log_in, catalog_site, curator
from tests.utils import make_piece

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pieces():
    catalog_site()
    curator()
    return [make_piece(number) for number in ("REP-A", "REP-B", "REP-C")]


def test_bulk_restrict_asks_the_reason_and_the_history_shows_it(live_server, page: Page, pieces):
    base = live_server.url
    reason = "Reclamada por la comunidad de origen"
    first, second, other = pieces
    admin_log_in(page, base, "curadora")
    page.goto(f"{base}/admin/snippets/heritage/piece/")
    for piece in (first, second):
        page.locator(f"input[data-bulk-action-checkbox][data-object-id='{piece.pk}']").check()
    page.locator("a[data-bulk-action-button][href*='restrict_pieces']").click()

    expect(page.locator("h1")).to_contain_text("Restringir")
    page.get_by_label("Motivo de la restricción").fill(reason)
    page.get_by_role("button", name="Sí, continuar").click()
    expect(page.locator(".messages")).to_contain_text("2 piezas")

    restricted = Piece.objects.filter(restricted=True)
    assert {piece.catalog_number for piece in restricted} == {"REP-A", "REP-B"}
    assert {piece.restriction_reason for piece in restricted} == {reason}
    page.goto(f"{base}/admin/snippets/heritage/piece/history/{second.pk}/")
    expect(page.locator("table.listing")).to_contain_text(f"Retirada del público. Motivo: {reason}")
