"""Sitemaps list public pages, pieces and cases in every language, and nothing else."""

import pytest

from tests.utils import add_standard_page, make_case, make_piece

pytestmark = pytest.mark.django_db


def test_index_lists_each_section(client, catalog):
    body = client.get("/sitemap.xml").content.decode()
    for section in ("pages", "pieces", "cases"):
        assert f"http://testserver/sitemap-{section}.xml" in body


def test_pieces_appear_in_every_language_but_never_restricted_or_drafts(client, catalog):
    make_piece("REP-PUBLIC")
    make_piece("REP-SECRET", restricted=True)
    make_piece("REP-DRAFT", publish=False)
    body = client.get("/sitemap-pieces.xml").content.decode()
    for url in (
        "http://testserver/es/catalogo/REP-PUBLIC/",
        "http://testserver/en/catalog/REP-PUBLIC/",
        "http://testserver/nah/catalogo/REP-PUBLIC/",
    ):
        assert f"<loc>{url}</loc>" in body
    assert "REP-SECRET" not in body
    assert "REP-DRAFT" not in body


def test_cases_and_pages_leave_out_unpublished_ones(client, catalog, home):
    make_case("CASE-OPEN")
    make_case("CASE-HIDDEN", publish=False)
    draft = add_standard_page(home, title_es="Borrador", slug_es="borrador")
    draft.unpublish()
    cases = client.get("/sitemap-cases.xml").content.decode()
    assert "CASE-OPEN" in cases and "CASE-HIDDEN" not in cases
    pages = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/en/catalog/" in pages
    assert "borrador" not in pages


def test_robots_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_locations_are_on_the_request_host_even_with_several_site_records(client, catalog, home):
    from wagtail.models import Site

    # A second Site makes Wagtail's page.get_url() put a Site's root URL in front.
    other = add_standard_page(home, title_es="Micrositio", slug_es="micrositio")
    Site.objects.create(hostname="otro.example.org", port=443, root_page=other)
    make_piece("REP-PUBLIC")
    for section in ("pages", "pieces"):
        body = client.get(f"/sitemap-{section}.xml").content.decode()
        assert "http://testserver/es/catalogo/" in body
        assert "localhost" not in body and "testserverhttp" not in body, section
    assert client.get("/sitemap.xml")["Content-Type"] == "application/xml; charset=utf-8"
