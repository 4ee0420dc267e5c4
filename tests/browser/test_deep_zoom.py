"""The piece page's deep-zoom viewer in a real Chromium: OpenSeadragon (vendored static files)
reads the image's info.json and loads IIIF tiles, under the strict Content-Security-Policy, with
no console error; without JavaScript the plain image stays."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import catalog_site, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILE = re.compile(r"/iiif/3/\d+/[^/]+/[^/]+/0/default\.jpg$")
# The browser has fetched a tile and the viewer has drawn on its canvas.
LOADED_TILE = """(pattern) => performance.getEntriesByType("resource")
  .some((entry) => new RegExp(pattern).test(entry.name))
  && document.querySelector("[data-deep-zoom] canvas").width > 0"""


@pytest.fixture
def piece_path(live_server, settings, tmp_path):
    from heritage.models import PieceImage
    from tests.heritage.test_iiif import make_pattern
    from tests.utils import make_piece

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IIIF_CACHE_ROOT = tmp_path / "iiif"
    catalog_site()
    image = PieceImage(image=make_pattern(), alt_text_es="Patrón de colores", credit="INAH")
    make_piece("REP-ZOOM-1", images=[image])
    return "/es/catalogo/REP-ZOOM-1/"


def test_the_viewer_loads_tiles_with_no_csp_violation_or_console_error(
    live_server, page: Page, piece_path
):
    errors, tiles = [], []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)  # fmt: skip
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("response", lambda response: tiles.append((response.url, response.status))
            if TILE.search(response.url) else None)  # fmt: skip

    page.goto(live_server.url + piece_path)
    viewer = page.locator("[data-deep-zoom]")
    expect(viewer).to_be_visible()
    expect(viewer.locator("canvas")).to_have_count(1)
    page.wait_for_function(LOADED_TILE, arg=TILE.pattern)

    assert tiles and all(status == 200 for _url, status in tiles), tiles
    assert errors == []
    assert serious_violations(page) == []


def test_without_javascript_the_plain_image_stays(browser, live_server, piece_path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + piece_path)

    expect(page.locator(".piece-image img")).to_be_visible()
    expect(page.locator("[data-deep-zoom]")).to_be_hidden()
    context.close()
