"""The demo home page in a real Chromium, on a phone (390 px) and a desktop (1280 px): nothing
wider than the screen, axe clean, nothing refused by the Content-Security-Policy; a family
reaches a program near them in two taps and finds its calendar link; a researcher reaches a
filtered catalog view in one."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)


WIDER_THAN_THE_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .map((element) => element.tagName.toLowerCase() + "." + element.className);
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_home_fits_every_screen_and_passes_axe(live_server, page: Page, demo_site):
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)  # fmt: skip
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for code, _name in settings.LANGUAGES:
            response = page.goto(f"{live_server.url}/{code}/")
            assert response.status == 200
            expect(page.locator(".home-section")).to_have_count(5)
            expect(page.locator(".home-door")).to_have_count(3)
            measured = page.evaluate(WIDER_THAN_THE_SCREEN)
            assert measured["scroll"] <= measured["width"], (width, code, measured)
            assert measured["wide"] == [], (width, code, measured)
            if violations := serious_violations(page):
                problems[f"{code} at {width}px"] = violations
    assert refused == [], refused
    assert not problems, problems


def test_two_taps_to_a_program_near_me_and_one_to_a_filtered_catalog(
    live_server, page: Page, demo_site
):  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/es/")
    page.get_by_label("Cerca de (código postal o ciudad)").fill("60607")
    page.get_by_role("button", name="Buscar programas cerca de mí").click()  # tap 1
    expect(page).to_have_url(re.compile(r"/es/\?near=60607.*#home-programs-near$"))
    section = page.locator("#home-programs-near")
    expect(section).to_contain_text("Más cercanos primero a 60607 (Chicago, IL)")
    first = section.locator(".home-program a").first
    expect(first).to_have_text("Clases de náhuatl para familias")  # the one in Chicago
    first.click()  # tap 2
    expect(page.locator("h1")).to_have_text("Clases de náhuatl para familias")
    expect(page.get_by_role("link", name="Agregar al calendario (.ics)").first).to_be_visible()

    page.goto(f"{live_server.url}/es/")
    page.get_by_role("link", name="Piezas recuperadas por aseguramiento").click()  # one tap
    expect(page).to_have_url(re.compile(r"/es/catalogo/\?method=seizure$"))
    expect(page.locator("#results-heading")).to_contain_text("piezas encontradas")
