"""The design system's page, /style/: every component with its markup, only with DEBUG."""

import pytest
from bs4 import BeautifulSoup

from core.views import STYLE_COMPONENTS

pytestmark = pytest.mark.django_db


def test_the_style_guide_is_not_served_without_debug(client, settings):
    settings.DEBUG = False
    # the unprefixed address goes to the reader's language first, as every address does
    assert client.get("/style/", follow=True).status_code == 404
    assert client.get("/es/style/").status_code == 404


def test_the_style_guide_shows_every_component_with_its_markup_in_debug(client, settings):
    settings.DEBUG = True
    response = client.get("/style/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    assert html.select_one("h1").get_text() == "Guía de estilo"
    sections = html.select("section.style-component")
    assert [section.h2["id"] for section in sections] == [key for key, *_ in STYLE_COMPONENTS]
    for section in sections:
        assert section.select_one(".specimen").contents, section.h2["id"]
        assert section.select_one("pre code").get_text().strip(), section.h2["id"]
    for selector in (".field .hint", "[aria-invalid=true][aria-describedby]", ".button.secondary",
                     ".button-link", ".notice-illustrative", ".notice-fallback", ".form-errors",
                     ".chip", ".tag-illustrative", ".piece-card", ".program-card",
                     "details.filter-panel", ".table-scroll table", ".pagination"):  # fmt: skip
        assert html.select_one(selector) is not None, selector
    # the chips of the sample are real links to the listing without each filter
    assert html.select_one(".chip")["href"] == "?q=vessel&culture=maya&free=on"
