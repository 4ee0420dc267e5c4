"""Languages on the public site: URL prefixes, lang, hreflang, switcher, fallbacks, error pages."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import translation

from core.i18n import fallback_chain
from core.views import server_error
from tests.utils import add_standard_page

pytestmark = pytest.mark.django_db

LANGS = ["es", "en", "nah"]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("es-MX,es;q=0.9", "/es/"), ("en-US,en;q=0.8", "/en/"), ("nah", "/nah/")],
)
def test_root_redirects_by_accept_language(client, home, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_without_preference_goes_to_spanish(client, home):
    response = client.get("/")
    assert response["Location"] == "/es/"


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_has_lang_hreflang_and_switcher(client, home, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == lang

    hreflang = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate]")}
    assert hreflang == {
        "es": "http://testserver/es/",
        "en": "http://testserver/en/",
        "nah": "http://testserver/nah/",
        "x-default": "http://testserver/es/",
    }

    switcher = page.select_one("nav.lang-switch")
    links = {a["hreflang"]: a["href"] for a in switcher.select("a")}
    assert links == {code: f"/{code}/" for code in LANGS if code != lang}
    assert switcher.select_one("[aria-current]")["lang"] == lang


def test_switcher_leads_to_the_same_page_with_its_translated_slug(client, home):
    add_standard_page(
        home,
        title_es="Acerca de",
        title_en="About us",
        title_nah="Tlen tiquitztoqueh",
        slug_es="acerca-de",
        slug_en="about-us",
        slug_nah="tlen",
    )
    response = client.get("/es/acerca-de/")
    page = soup(response)
    links = {a["hreflang"]: a["href"] for a in page.select("nav.lang-switch a")}
    assert links == {"en": "/en/about-us/", "nah": "/nah/tlen/"}

    english = client.get(links["en"])
    assert english.status_code == 200
    assert soup(english).h1.get_text(strip=True) == "About us"
    assert soup(english).html["lang"] == "en"


def test_language_links_follow_a_published_slug_at_once(client, home):
    """A page's paths in every language are kept between requests (core.links.page_paths),
    until a record changes: publishing a new slug moves every language's links at once."""
    page = add_standard_page(home, title_es="Acerca de", title_en="About us",
                             slug_es="acerca-de", slug_en="about-us")  # fmt: skip

    def links(path: str) -> dict[str, str]:
        shown = soup(client.get(path))
        found = {link["hreflang"]: link["href"] for link in shown.select("link[hreflang]")}
        return {**found, "canonical": shown.select_one("link[rel=canonical]")["href"]}

    assert links("/es/acerca-de/")["en"] == "http://testserver/en/about-us/"
    assert links("/en/about-us/")["canonical"] == "http://testserver/en/about-us/"

    page.slug_en = "who-we-are"
    page.save_revision().publish()
    assert links("/es/acerca-de/") == {
        "es": "http://testserver/es/acerca-de/",
        "en": "http://testserver/en/who-we-are/",
        "nah": "http://testserver/nah/acerca-de/",
        "x-default": "http://testserver/es/acerca-de/",
        "canonical": "http://testserver/es/acerca-de/",
    }
    assert links("/en/who-we-are/")["canonical"] == "http://testserver/en/who-we-are/"


def test_untranslated_nah_page_falls_back_to_spanish_and_says_so(client, home):
    add_standard_page(
        home,
        title_es="Solo en español",
        title_en="English too",
        slug_es="solo-es",
        slug_en="english-too",
        intro_es="Texto en español.",
        intro_en="Text in English.",
    )
    response = client.get("/nah/solo-es/")
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "nah"
    notice = page.select_one(".notice-fallback")
    assert notice is not None
    assert notice.select_one("[lang=es]").get_text(strip=True).lower() == "español"
    # The fallback text carries its own language.
    assert page.h1["lang"] == "es"
    assert page.h1.get_text(strip=True) == "Solo en español"
    assert page.select_one(".intro")["lang"] == "es"


def test_english_falls_back_to_spanish(client, home):
    add_standard_page(home, title_es="Sólo español", slug_es="solo-espanol", intro_es="Hola.")
    response = client.get("/en/solo-espanol/")
    assert response.status_code == 200
    page = soup(response)
    assert page.h1["lang"] == "es"
    assert "not yet fully translated into English" in page.select_one(".notice-fallback").text


def test_fully_translated_page_has_no_fallback_notice(client, home):
    response = client.get("/nah/")
    page = soup(response)
    assert page.select_one(".notice-fallback") is None
    assert not page.h1.has_attr("lang")


def test_fallback_chains():
    assert fallback_chain("nah") == ["nah", "es", "en"]
    assert fallback_chain("en") == ["en", "es"]
    assert fallback_chain("es") == ["es", "en"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("es", "Página no encontrada"),
        ("en", "Page not found"),
        ("nah", "Amo onezqui amaixtli"),
    ],
)
def test_404_speaks_the_language_of_the_url(client, home, lang, heading):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading


@pytest.mark.parametrize(
    ("lang", "heading"), [("es", "Error del servidor"), ("en", "Server error")]
)
def test_500_speaks_the_language_of_the_url(lang, heading):
    request = RequestFactory().get(f"/{lang}/any/")
    with translation.override("es" if lang == "en" else "en"):  # the URL must win
        response = server_error(request)
    assert response.status_code == 500
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == lang
    assert page.h1.get_text(strip=True) == heading
