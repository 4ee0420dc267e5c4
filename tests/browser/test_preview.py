"""In a real browser: the editor's preview panel shows the piece inside the admin (a preview the
admin may not frame shows "refused to connect" instead), and follows what the curator types."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import admin_log_in, catalog_site, curator
from tests.utils import make_piece

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def piece():
    catalog_site()
    curator()
    return make_piece("REP-2024-000001", title_es="Vasija trípode", title_en="Tripod vessel")


def test_the_preview_panel_shows_the_piece_and_what_is_typed(live_server, page: Page, piece):
    base = live_server.url
    admin_log_in(page, base, "curadora")
    # Wagtail notes the form's starting state a moment after the editor opens, and refreshes
    # the preview on edits made after it: the test types once that moment is past.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits', () => { window.editsWatched = true })"
    )
    page.goto(f"{base}/admin/snippets/heritage/piece/edit/{piece.pk}/")

    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Vasija trípode")

    page.wait_for_function("window.editsWatched === true")
    page.fill("#id_title_es", "Vasija trípode policromada")
    expect(preview.locator("h1")).to_have_text("Vasija trípode policromada")
