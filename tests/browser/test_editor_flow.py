"""In a real browser: an editor logs in, writes a page in es and en, publishes, reads it."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from tests.browser.helpers import PASSWORD, admin_log_in
from tests.utils import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_site():
    home = build_site()
    get_user_model().objects.create_superuser("editora", "editora@example.org", PASSWORD)
    return home


def test_editor_publishes_a_page_in_spanish_and_english(live_server, page: Page, editor_site):
    admin_log_in(page, live_server.url, "editora")
    page.goto(f"{live_server.url}/admin/pages/add/core/standardpage/{editor_site.pk}/")

    page.fill("#id_title_es", "Piezas que regresaron")
    page.fill("#id_title_en", "Pieces that came back")
    page.fill("#id_intro_es", "Una historia de regreso.")
    page.fill("#id_intro_en", "A story of return.")
    # Each title fills its own language's slug, as Wagtail does for one language.
    page.get_by_role("tab", name="Promocionar").click()
    expect(page.locator("#id_slug_es")).to_have_value("piezas-que-regresaron")
    expect(page.locator("#id_slug_en")).to_have_value("pieces-that-came-back")

    page.locator("footer [data-w-dropdown-target=toggle]").click()
    page.click("button[name=action-publish]")
    expect(page.locator(".messages")).to_contain_text("publicad")

    page.goto(f"{live_server.url}/es/piezas-que-regresaron/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("h1")).to_have_text("Piezas que regresaron")
    expect(page.locator(".intro")).to_have_text("Una historia de regreso.")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/pieces-that-came-back/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Pieces that came back")
    expect(page.locator(".notice-fallback")).to_have_count(0)
