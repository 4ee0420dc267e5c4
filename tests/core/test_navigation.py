"""Main menu and footer are edited in the admin settings and render in the reader's language."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import FooterLink, MainMenuLink, NavigationSettings
from tests.utils import add_standard_page

pytestmark = pytest.mark.django_db


def add_links(home, count: int) -> NavigationSettings:
    nav = NavigationSettings.for_site(home.get_site())
    nav.footer_text_es = "Pie en español"
    nav.footer_text_en = "English footer"
    nav.save()
    for index in range(count):
        page = add_standard_page(
            home, title_es=f"Página {index}", slug_es=f"pagina-{index}", slug_en=f"page-{index}"
        )
        MainMenuLink.objects.create(
            setting=nav,
            sort_order=index,
            page=page,
            label_es=f"Menú {index}",
            label_en=f"Menu {index}",
        )
    FooterLink.objects.create(setting=nav, url="https://example.org/", label_es="Externo")
    return nav


def test_menu_and_footer_render_in_the_reader_language(client, home):
    add_links(home, 2)
    html = BeautifulSoup(client.get("/en/").content.decode(), "html.parser")
    menu = [(a.get_text(), a["href"]) for a in html.select("nav.main-nav a")]
    assert menu == [("Menu 0", "/en/page-0/"), ("Menu 1", "/en/page-1/")]
    assert html.select_one(".site-footer p").get_text() == "English footer"
    external = html.select_one(".site-footer nav a")
    # No English label: the Spanish one is shown and marked as Spanish.
    assert (external.get_text(), external["href"], external["lang"]) == (
        "Externo",
        "https://example.org/",
        "es",
    )


def test_link_needs_exactly_one_target(home):
    from django.core.exceptions import ValidationError

    nav = NavigationSettings.for_site(home.get_site())
    with pytest.raises(ValidationError) as error:
        MainMenuLink(setting=nav, label_es="Nada").full_clean()
    assert "url" in error.value.message_dict


def _queries_for(client, path: str) -> int:
    client.get(path)  # warm caches that are per process, not per request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_the_menu(client, home, django_assert_max_num_queries):
    add_links(home, 1)
    with_one_link = _queries_for(client, "/es/")
    for index in range(1, 12):
        page = add_standard_page(home, title_es=f"Más {index}", slug_es=f"mas-{index}")
        MainMenuLink.objects.create(
            setting=NavigationSettings.for_site(home.get_site()),
            sort_order=index,
            page=page,
            label_es=f"Más {index}",
        )
    client.get("/es/")
    with django_assert_max_num_queries(with_one_link):
        response = client.get("/es/")
    assert (
        len(BeautifulSoup(response.content.decode(), "html.parser").select("nav.main-nav a")) == 12
    )


@pytest.mark.django_db(transaction=True)  # committed, so that what is rendered is kept
def test_each_site_shows_its_own_menu_in_each_language(client, home):
    """The chrome is kept rendered (core.templatetags `kept`): per site and language, so a
    second site's visitors never get the first one's menu, nor a reader another language's."""
    from wagtail.models import Site

    add_links(home, 1)
    other_root = add_standard_page(home, title_es="Micrositio", slug_es="micrositio")
    other = Site.objects.create(hostname="127.0.0.1", port=80, root_page=other_root)
    MainMenuLink.objects.create(
        setting=NavigationSettings.for_site(other),
        sort_order=0,
        url="https://example.org/otro/",
        label_es="Del otro sitio",
        label_en="Of the other site",
    )

    def menu(path: str, host: str) -> list[str]:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, (path, host)
        html = BeautifulSoup(response.content.decode(), "html.parser")
        return [a.get_text() for a in html.select("nav.main-nav a")]

    for _round in range(2):  # the second round reads what the first kept
        assert menu("/es/", "testserver") == ["Menú 0"]
        assert menu("/en/", "testserver") == ["Menu 0"]
        assert menu("/es/", "127.0.0.1") == ["Del otro sitio"]
        assert menu("/en/", "127.0.0.1") == ["Of the other site"]
