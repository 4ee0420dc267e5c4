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


@pytest.fixture
def program(home, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from culture.models import (
        ProgramCategory,
        ProgramIndexPage,
        ProgramLanguage,
        ProgramPage,
        ProgramSession,
        Venue,
    )

    venue = Venue.objects.create(name_es="Consulado", name="Consulado", city="Chicago",
                                 timezone="America/Chicago")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        index = ProgramIndexPage(title_es="Programas", slug_es="programas", slug="programas")
        home.add_child(instance=index)
        index.save_revision().publish()
        page = ProgramPage(title_es="Clases para familias", slug_es="clases", slug="clases",
                           summary_es="Cada martes.",
                           category=ProgramCategory.objects.get(code="language"))  # fmt: skip
        start = timezone.now() + timedelta(days=3)
        page.sessions.add(ProgramSession(start=start, end=start + timedelta(hours=1),
                                         timezone="America/Chicago", venue=venue))  # fmt: skip
        page.languages = [ProgramLanguage.objects.get(code="nah")]
        index.add_child(instance=page)
        page.save_revision().publish()
    return page


def test_programs_are_their_own_kind_found_by_labels_and_city(engine, program):
    from culture.models import ProgramPage

    get_engine("program").refresh()
    found = search_content("program", "náhuatl chicago", "es", 5)
    assert titles(found, ProgramPage) == ["Clases para familias"]
    assert search_content("page", "familias", "es", 5).total == 0  # not a plain page
    english = search_content("program", "nahuatl languages", "en", 5)
    assert english.total == 1


def test_the_site_search_groups_programs(client, records, program):
    html = client.get("/es/buscar/", {"q": "familias"}).content.decode()
    assert 'id="group-program">Programas <span class="count">(1)</span>' in html
    assert "/es/programas/clases/" in html


def test_renaming_a_program_language_reindexes_its_programs(
    engine, program, django_capture_on_commit_callbacks
):
    from culture.models import ProgramLanguage, ProgramPage

    nahuatl = ProgramLanguage.objects.get(code="nah")
    assert search_content("program", "mexicano", "es", 5).total == 0
    nahuatl.label_es = "Náhuatl (mexicano)"
    with django_capture_on_commit_callbacks(execute=True):
        nahuatl.save()
    get_engine("program").refresh()
    assert titles(search_content("program", "mexicano", "es", 5), ProgramPage) == [
        "Clases para familias"
    ]
