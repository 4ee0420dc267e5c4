"""The site-wide search: pieces, recovery cases and pages grouped by type, public records only,
the same on every engine."""

import pytest
from wagtail.models import Page, PageViewRestriction

from heritage.models import RecoveryCase
from search.engines import get_engine
from search.service import search_content
from tests.utils import add_standard_page, make_case, make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(catalog, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_piece("REP-1", title_es="Códice de Teotihuacán")
        make_piece("REP-2", title_es="Códice restringido", restricted=True)
        make_case("CASE-1", title_es="Aseguramiento del códice en Houston",
                  summary_es="Las autoridades aseguraron un códice.")  # fmt: skip
        make_case("CASE-2", title_es="Códice en borrador", publish=False)
        add_standard_page(home, title_es="Cómo se repatria un códice", slug_es="como-codice",
                          intro_es="Guía sobre la repatriación de un códice.")  # fmt: skip
        private = add_standard_page(home, title_es="Códice interno", slug_es="codice-interno")
        draft = add_standard_page(home, title_es="Códice sin publicar", slug_es="codice-borrador")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        draft.unpublish()


def titles(outcome, model):
    return sorted(model.objects.get(pk=pk).title for pk, _h in outcome.found)


def test_content_search_finds_public_cases_and_pages_on_every_engine(engine, records):
    for kind in ("case", "page"):
        get_engine(kind).refresh()
    cases = search_content("case", "codices", "es", 5)
    assert titles(cases, RecoveryCase) == ["Aseguramiento del códice en Houston"]
    pages = search_content("page", "codice", "es", 5)
    assert titles(pages, Page) == ["Cómo se repatria un códice"]
    # an English reader finds the untranslated Spanish pages
    assert search_content("page", "repatriacion", "en", 5).total == 1


def test_the_site_search_page_groups_results_by_type(client, records):
    response = client.get("/es/buscar/", {"q": "códice"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="group-piece">Piezas <span class="count">(1)</span>' in html
    assert 'id="group-case">Casos de recuperación <span class="count">(1)</span>' in html
    assert 'id="group-page">Páginas <span class="count">(1)</span>' in html
    assert "/es/catalogo/REP-1/" in html and "/es/catalogo/cases/CASE-1/" in html
    assert "/es/como-codice/" in html
    for hidden in ("restringido", "borrador", "Códice interno", "sin publicar"):
        assert hidden not in html


def test_every_page_has_the_search_box(client, records):
    html = client.get("/es/como-codice/").content.decode()
    assert 'action="/es/buscar/"' in html and 'role="search"' in html
