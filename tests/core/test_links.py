"""Absolute links (core/links.py) and the head of every page: the request's host in a request,
SITE_BASE_URL outside one (never Wagtail's Site record); a canonical URL and a description on
every page; Vary where the answer depends on a request header; a favicon. The live crawl of
every channel is tests/test_links.py."""

import secrets
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar

from core.links import absolute_url, page_url
from tests.test_project import manage
from tests.utils import add_standard_page, make_case, make_piece

pytestmark = pytest.mark.django_db


def head(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").head


def canonical(response) -> list[str]:
    return [link["href"] for link in head(response).find_all("link", rel="canonical")]


def description(response) -> str:
    return head(response).find("meta", attrs={"name": "description"})["content"]


# --- outside a request: SITE_BASE_URL ---------------------------------------------------------
def test_outside_a_request_links_use_the_configured_base_url(settings, catalog):
    settings.SITE_BASE_URL = "https://retorno.example.org"
    assert absolute_url("/es/catalogo/") == "https://retorno.example.org/es/catalogo/"
    assert page_url(catalog) == "https://retorno.example.org/es/catalogo/"
    assert page_url(catalog, suffix="REP-1/") == "https://retorno.example.org/es/catalogo/REP-1/"
    # An outside link stays as it is.
    assert absolute_url("https://forms.example.net/x") == "https://forms.example.net/x"


def test_a_calendar_made_without_a_request_links_to_the_configured_site(settings, home):
    from culture.ical import session_calendar
    from culture.models import ProgramIndexPage, Venue
    from tests.culture.factories import make_program, weekly

    settings.SITE_BASE_URL = "https://retorno.example.org"
    index = ProgramIndexPage(title_es="Programas", slug_es="programas")
    home.add_child(instance=index)
    index.save_revision().publish()
    venue = Venue.objects.create(name_es="Consulado", name="Consulado", city="Chicago")
    program = make_program(index, "feria", sessions=[weekly(venue, timezone.now() + timedelta(1))])
    event = Calendar.from_ical(session_calendar(program.sessions.first())).walk("VEVENT")[0]
    # Not the Site record's http://localhost.
    assert str(event["URL"]) == "https://retorno.example.org/es/programas/feria/"


def test_the_base_url_comes_from_the_environment():
    code = "from core.links import absolute_url; print(absolute_url('/es/'))"
    result = manage(
        "shell", "-c", code,
        env={"DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50),
             "SITE_BASE_URL": "https://retorno.example.org/"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://retorno.example.org/es/"


# --- in a request: the request's host ---------------------------------------------------------
def test_api_links_use_the_request_host_not_the_site_record(client, catalog, home):
    from culture.models import ProgramIndexPage
    from tests.culture.factories import make_program

    index = ProgramIndexPage(title_es="Programas", slug_es="programas")
    home.add_child(instance=index)
    index.save_revision().publish()
    make_program(index, "feria")
    make_piece("REP-1")
    # The Site record says localhost:80; the reader came to 127.0.0.1.
    programs = client.get("/api/v1/programs", HTTP_HOST="127.0.0.1").json()["results"]
    assert programs[0]["url"] == "http://127.0.0.1/es/programas/feria/"
    assert programs[0]["feed_url"] == "http://127.0.0.1/es/programas/feria/ics/"
    pieces = client.get("/api/v1/pieces", HTTP_HOST="127.0.0.1").json()["results"]
    assert pieces[0]["url"] == "http://127.0.0.1/es/catalogo/REP-1/"


# --- the head of every page -------------------------------------------------------------------
def test_canonical_url_is_absolute_in_the_page_language_without_query(client, catalog):
    make_piece("REP-1", description_es="Vasija <b>trípode</b> & tapa.")
    assert canonical(client.get("/en/")) == ["http://testserver/en/"]
    assert canonical(client.get("/en/catalog/?culture=maya&page=2")) == [
        "http://testserver/en/catalog/"
    ]
    piece = client.get("/nah/catalogo/REP-1/?utm_source=x")
    assert canonical(piece) == ["http://testserver/nah/catalogo/REP-1/"]
    assert description(client.get("/es/catalogo/REP-1/")) == "Vasija trípode & tapa."


def test_every_page_has_a_description(client, home, catalog):
    make_case("CASE-1", summary_es="Decomiso en Houston.")
    add_standard_page(home, title_es="Acerca", slug_es="acerca", search_description_es="Quiénes.")
    assert description(client.get("/es/acerca/")) == "Quiénes."  # the editor's own
    assert description(client.get("/en/")) == "Introduction in English."  # the page's intro
    assert description(client.get("/es/catalogo/cases/CASE-1/")) == "Decomiso en Houston."
    # A page with nothing to say gets what the site is, in the reader's language.
    assert description(client.get("/es/catalogo/")).startswith("Retorno: piezas prehispánicas")
    assert description(client.get("/en/catalog/")).startswith("Retorno: pre-Hispanic pieces")


def test_a_long_description_is_cut_for_search_engines(client, home):
    add_standard_page(home, title_es="Larga", slug_es="larga", intro_es="palabra " * 100)
    text = description(client.get("/es/larga/"))
    assert len(text) <= 160 and text.endswith("…")


def test_not_found_pages_name_no_canonical(client, home):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()


# --- Vary, charset, favicon -------------------------------------------------------------------
def test_api_answers_vary_on_accept_language_unless_lang_is_given(client, catalog):
    make_piece("REP-1")
    for path in ("/api/v1/pieces", "/api/v1/pieces/REP-1", "/api/v1/cases", "/api/v1/programs"):
        assert "Accept-Language" in client.get(path).get("Vary", ""), path
        assert "Accept-Language" not in client.get(path, {"lang": "en"}).get("Vary", ""), path
    english = client.get("/api/v1/pieces", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["results"][0]["title"] == "Piece REP-1"


def test_text_answers_say_their_charset(client, catalog):
    for path in ("/robots.txt", "/sitemap.xml", "/sitemap-pages.xml", "/es/"):
        assert "charset=utf-8" in client.get(path)["Content-Type"], path


def test_favicon(client, home):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file
    links = head(client.get("/es/")).find_all("link", rel="icon")
    assert {link["href"] for link in links} >= {"/favicon.ico"}
    svg = next(link["href"] for link in links if link.get("type") == "image/svg+xml")
    answer = client.get(svg)
    assert answer.status_code == 200 and answer["Content-Type"].startswith("image/svg+xml")
