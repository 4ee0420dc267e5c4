"""The listings on a phone (390 px, the month view down to 320 px) and a desktop (1280 px), in a
real Chromium on the demo site: nothing wider than the screen; on the phone the results come
first and the filters wait in a disclosure panel, on the desktop they sit in a side column; the
chosen filters show as chips and removing one removes that filter; axe finds nothing serious."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 390, 1280
CATALOG, PROGRAMS = "/es/catalogo/", "/es/programas/"


def nothing_wider_than_the_screen(page: Page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, (page.url, width, inner)


def top(page: Page, selector: str) -> float:
    return page.locator(selector).first.bounding_box()["y"]


def check_layout(page: Page, width: int, results: str) -> None:
    """Where the results and the filters are, before the reader touches anything."""
    nothing_wider_than_the_screen(page)
    panel = page.locator(".filter-panel-body")
    expect(page.locator(results).first).to_be_visible()
    if width == PHONE:
        # the filters wait, folded, and take one line above the results
        expect(panel).to_be_hidden()
        assert page.locator(".filter-panel > summary").bounding_box()["height"] < 60
        page.click(".filter-panel > summary")
        expect(panel).to_be_visible()
        nothing_wider_than_the_screen(page)
        assert top(page, ".filter-panel-body") < top(page, results)
        # a filter field is as wide as the panel: aligned, never past the screen
        box = page.locator(".filter-panel-body select, .filter-panel-body input").first
        assert box.bounding_box()["x"] + box.bounding_box()["width"] <= width
    else:
        # a side column beside the results, open without a click
        expect(panel).to_be_visible()
        side = page.locator(".listing-filters").bounding_box()
        main = page.locator(".listing-results").bounding_box()
        listing = page.locator(".listing").bounding_box()
        assert side["x"] + side["width"] <= main["x"] and abs(side["y"] - listing["y"]) < 2


# Each test walks its screen widths in turn on one demo site: the demo takes far longer to build
# than a width takes to check, and nothing here changes it.
def test_catalog_listing_results_first_filters_in_a_panel_chips_remove(
    live_server, page: Page, demo_site
):
    for width in (PHONE, DESKTOP):
        catalog_at(page, live_server.url, width)


def catalog_at(page: Page, base: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 900})
    page.goto(f"{base}{CATALOG}")
    check_layout(page, width, ".search-results .piece-card")
    assert serious_violations(page) == []

    page.click(".facet > summary:has-text('Cultura')")
    first = page.locator(".facet:has(summary:has-text('Cultura')) .facet-option").first
    culture = re.sub(r"\s*\(\d+\)$", "", first.inner_text().strip())
    first.locator("input").check()
    page.fill("#id_date_from", "1500")
    page.select_option("#id_date_from_era", "bce")
    page.click("button:has-text('Aplicar')")
    expect(page).to_have_url(re.compile(r"(?=.*culture=)(?=.*date_from=1500)"))

    chips = page.locator(".chips-bar .chip")
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_contain_text(f"Cultura: {culture}")
    expect(chips.nth(1)).to_contain_text("Fechadas entre: Desde el año 1500 a. C.")
    if width == PHONE:
        # the chosen filters stay in sight while the panel is folded, above the results
        expect(page.locator(".filter-panel-body")).to_be_hidden()
        assert top(page, ".chips-bar") < top(page, ".search-results")
    nothing_wider_than_the_screen(page)
    assert serious_violations(page) == []

    chips.nth(0).click()
    expect(page).not_to_have_url(re.compile(r"culture="))
    expect(page).to_have_url(re.compile(r"date_from=1500&date_from_era=bce"))
    expect(chips).to_have_count(1)
    chips.first.click()
    expect(page).not_to_have_url(re.compile(r"date_from"))
    expect(chips).to_have_count(0)


def test_program_listing_near_me_on_top_filters_in_a_panel_chips_remove(
    live_server, page: Page, demo_site
):
    for width in (PHONE, DESKTOP):
        programs_at(page, live_server.url, width)


def programs_at(page: Page, base: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 844 if width == PHONE else 900})
    page.goto(f"{base}{PROGRAMS}")
    check_layout(page, width, ".program-list .program-card")
    # "near me" heads the results: above them, and in the results' column on a desktop
    near = page.locator(".listing-lead #id_near")
    expect(near).to_be_visible()
    assert top(page, ".listing-lead") < top(page, ".program-list")
    if width == DESKTOP:
        lead = page.locator(".listing-lead").bounding_box()
        assert abs(lead["x"] - page.locator(".listing-results").bounding_box()["x"]) < 2
    assert serious_violations(page) == []

    page.fill("#id_city", "Chicago")
    page.click(".facet > summary:has-text('Idioma')")
    page.check("input[name=language][value=nah]")
    page.click("button:has-text('Aplicar')")
    expect(page.locator("a.program-title")).to_have_count(1)
    chips = page.locator(".chips-bar .chip")
    expect(chips).to_have_count(2)
    expect(chips.nth(0)).to_contain_text("Ciudad: Chicago")
    expect(chips.nth(1)).to_contain_text("Idioma: Náhuatl")
    nothing_wider_than_the_screen(page)
    assert serious_violations(page) == []

    chips.nth(1).click()
    expect(page).to_have_url(re.compile(r"city=Chicago"))
    expect(page).not_to_have_url(re.compile(r"language="))
    expect(chips).to_have_count(1)
    # the near-me box sends the chosen filters with the place
    page.fill("#id_near", "Chicago, IL")
    page.click(".listing-lead button[type=submit]")
    expect(page).to_have_url(re.compile(r"near=Chicago.*city=Chicago|city=Chicago.*near=Chicago"))
    expect(chips).to_have_count(1)


def test_program_month_view_is_readable_on_any_screen(live_server, page: Page, demo_site):
    for width in (320, PHONE, DESKTOP):
        month_at(page, live_server.url, width)


def month_at(page: Page, base: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base}{PROGRAMS}?view=month")
    expect(page.locator("#month-heading")).to_be_visible()
    nothing_wider_than_the_screen(page)
    days = page.locator(".month-grid td.has-items")
    if days.count():
        expect(days.first).to_be_visible()
        box = days.first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    with page.expect_navigation():  # the next month's page, loaded, before measuring it
        page.click(".month-nav a[rel=next]")
    nothing_wider_than_the_screen(page)
    assert serious_violations(page) == []
