"""Admin search (issue 14, item 6) for programs: the program pages listing and the sidebar's
"Programs" area find programs by title, accent- and case-insensitive, drafts too."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from culture.models import ProgramPage
from tests.culture.factories import make_program

pytestmark = pytest.mark.django_db

PROGRAMS = "program_pages:index"


@pytest.fixture
def programs(programs_index):
    make_program(programs_index, "danza", title_es="Danza folclórica de Michoacán")
    make_program(programs_index, "nahuatl", title_es="Clases de náhuatl", publish=False)
    make_program(programs_index, "cine", title_es="Ciclo de cine", title_en="Film series")


def listed(response) -> set[str]:
    """The slugs of the programs in the listing's rows."""
    assert response.status_code == 200
    rows = BeautifulSoup(response.content.decode(), "html.parser").select("table tbody tr")
    edits = {a["href"] for row in rows for a in row.select("a[href*='/edit/']")}
    return {
        page.slug
        for page in ProgramPage.objects.all()
        if reverse("wagtailadmin_pages:edit", args=[page.pk]) in edits
    }


def found(client, query: str) -> set[str]:
    return listed(client.get(reverse(PROGRAMS), {"q": query}))


@pytest.mark.parametrize("query", ["folclorica", "FOLCLÓRICA", "michoacan", "Danzas"])
def test_listing_finds_programs_by_title_without_accents_or_case(client, curator, programs, query):
    assert found(client, query) == {"danza"}


def test_listing_finds_draft_programs_and_titles_in_any_language(client, curator, programs):
    assert found(client, "NAHUATL") == {"nahuatl"}
    assert found(client, "film") == {"cine"}
    assert found(client, "teatro") == set()
    assert found(client, "") == {"danza", "nahuatl", "cine"}


def test_sidebar_search_counts_programs_and_links_to_their_listing(client, curator, programs):
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "náhuatl"})
    assert response.status_code == 200
    links = {
        re.sub(r"\s+", " ", anchor.get_text()).strip(): anchor["href"]
        for anchor in BeautifulSoup(response.content.decode(), "html.parser").select(
            "a[href*='?q=']"
        )
    }
    assert links["Programas (1)"] == reverse(PROGRAMS) + "?q=n%C3%A1huatl"
    assert listed(client.get(links["Programas (1)"])) == {"nahuatl"}
