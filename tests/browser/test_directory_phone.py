"""In a real browser at phone size (390 px), without typing any JavaScript: a person reading in
English looks for immigration legal help in Mixtec near a postal code, opens the organization
and finds its call and map actions, then asks for a mobile-consulate stop in her community
(issue 17)."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Page, expect

from tests.utils import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory_site():
    from culture import demo

    ContentType.objects.clear_cache()  # the flush before this test renumbered them
    build_site()
    demo.load(stdout=io.StringIO())


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844},
            "is_mobile": True, "has_touch": True, "locale": "en-US"}  # fmt: skip


def test_a_phone_finds_legal_help_in_mixtec_near_a_postal_code(
    live_server, page: Page, directory_site
):
    base = live_server.url
    page.goto(f"{base}/en/directory/")
    expect(page.locator("h1")).to_have_text("Services directory")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.fill("#id_near", "93030")  # Oxnard, California
    page.click(".filter-panel > summary")  # on a phone the filters wait in their panel
    page.click("summary:has-text('Service')")
    page.check("input[name=service][value=legal-immigration]")
    page.click("summary:has-text('Language')")
    page.check("input[name=language][value=mix]")
    page.click("button:has-text('Apply')")
    first = page.locator(".directory-entry").first
    expect(first.locator(".entry-title")).to_have_text("Mixtec legal-aid network (illustrative)")
    expect(first.locator(".distance")).to_contain_text("mi")
    # Today's hours on the office's own clock, or that it is closed today (a weekend there).
    expect(first.locator(".entry-hours")).to_contain_text(_hours_today_says(
        "Mixtec legal-aid network (illustrative)"))  # fmt: skip
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    first.locator(".entry-title a").click()
    expect(page.locator("h1")).to_have_text("Mixtec legal-aid network (illustrative)")
    expect(page.locator("a:has-text('Call')")).to_have_attribute("href", "tel:8055550104")
    map_link = page.locator("a:has-text('Map')").first
    expect(map_link).to_have_attribute("href", "https://www.openstreetmap.org/?mlat=34.19640"
                                       "&mlon=-119.17790#map=17/34.19640/-119.17790")  # fmt: skip
    expect(page.locator(".hours-table")).to_contain_text("Monday")
    expect(page.locator(".verified-on")).to_be_visible()

    # Back in the directory, she asks for the mobile consulate to come to her community.
    page.click("a:has-text('Back to the directory')")
    page.click("a:has-text('Ask for a mobile-consulate stop')")
    expect(page.locator("h1")).to_have_text("Ask for a mobile-consulate stop")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.fill("#id_postal_code", "93030")
    page.fill("#id_city", "Oxnard")
    page.locator("fieldset:has(legend:has-text('Services needed'))").get_by_label(
        "Passport", exact=True).check()  # fmt: skip
    page.locator("fieldset:has(legend:has-text('Languages'))").get_by_label(
        "Mixtec", exact=True).check()  # fmt: skip
    page.fill("#id_people", "60")
    page.check("#id_privacy_consent")
    page.click("button:has-text('Ask for a stop')")
    expect(page.locator("#stop-request-sent")).to_contain_text("your request was received")
    from culture.models import StopRequest

    stored = StopRequest.objects.get()
    assert (stored.postal_code, stored.people, stored.language) == ("93030", 60, "en")


def _hours_today_says(title: str) -> str:
    """What a card's hours line shows of the organization today, on its place's clock: the
    zone beside today's hours, or "Closed today"."""
    from django.utils import timezone

    from culture import hours
    from culture.models import OrganizationPage

    venue = OrganizationPage.objects.get(title_en=title).venue
    today = hours.hours_today(venue.hours.all(), zone=venue.timezone, now=timezone.now())
    return venue.timezone if today else "Closed today"
