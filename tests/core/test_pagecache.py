"""The page cache (core/pagecache.py): whole answers for visitors without cookies, never kept
past a change to what they show, never kept when they belong to one visitor."""

import pytest
from django.contrib.auth.models import User

from heritage.models import Piece
from heritage.services import pieces_set_restricted
from tests.utils import make_piece

# Real commits: nothing is kept while a change is uncommitted (core.cache).
pytestmark = pytest.mark.django_db(transaction=True)
PIECE = "/es/catalogo/REP-CACHE-1/"


@pytest.fixture(autouse=True)
def page_cache(settings):
    """On, as with Redis in production (the tests' cache is this one process's own)."""
    settings.SHARED_CACHE = True
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def piece(catalog, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_piece("REP-CACHE-1", title_es="Vasija de la memoria")


def test_a_second_visitor_gets_the_stored_answer_without_sql(
    client, piece, django_assert_num_queries
):
    first = client.get(PIECE)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(PIECE)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    # Headers from outer middleware are applied to stored answers too.
    assert "Content-Security-Policy" in second and second["X-Content-Type-Options"] == "nosniff"


def test_the_language_and_the_query_string_are_part_of_the_key(client, piece):
    client.get(PIECE)
    english = client.get("/en/catalog/REP-CACHE-1/")
    assert english["X-Page-Cache"] == "miss" and "Piece REP-CACHE-1" in english.content.decode()
    assert client.get(PIECE, {"ref": "x"})["X-Page-Cache"] == "miss"


def test_a_restricted_piece_is_gone_at_once(client, piece, django_capture_on_commit_callbacks):
    assert client.get(PIECE).status_code == 200
    assert client.get(PIECE)["X-Page-Cache"] == "hit"
    # The bulk restriction writes with an UPDATE (no model signal); its own signal empties.
    with django_capture_on_commit_callbacks(execute=True):
        pieces_set_restricted(pieces=[piece], restricted=True)
    assert client.get(PIECE).status_code == 404
    search = client.get("/es/buscar/piezas/", {"q": "memoria"}).content.decode()
    assert "Vasija de la memoria" not in search


def test_publishing_a_change_replaces_the_stored_answer(
    client, piece, django_capture_on_commit_callbacks
):
    client.get(PIECE)
    with django_capture_on_commit_callbacks(execute=True):
        draft = Piece.objects.get(pk=piece.pk)
        draft.title_es = "Vasija renombrada"
        draft.save_revision().publish()
    answer = client.get(PIECE)
    assert answer["X-Page-Cache"] == "miss" and "Vasija renombrada" in answer.content.decode()


def test_visitors_with_cookies_are_neither_served_nor_stored(client, piece):
    editor = User.objects.create_superuser("editora", "e@example.org", "x")
    client.force_login(editor)
    assert "X-Page-Cache" not in client.get(PIECE)
    client.logout()
    client.cookies.clear()
    assert client.get(PIECE)["X-Page-Cache"] == "miss"  # the editor's answer was not kept
    client.cookies["csrftoken"] = "a" * 32
    assert "X-Page-Cache" not in client.get(PIECE)


def test_an_answer_holding_a_csrf_token_is_not_stored(client, home):
    from culture.models import ProgramIndexPage
    from tests.culture.test_consultations import make_consultation

    programs = ProgramIndexPage(title_es="Programas", slug_es="programas", slug="programas")
    home.add_child(instance=programs)
    programs.save_revision().publish()
    make_consultation(programs)
    first = client.get("/es/programas/consulta/")
    assert first.status_code == 200 and "csrfmiddlewaretoken" in first.content.decode()
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get("/es/programas/consulta/")


def test_no_cache_when_its_lifetime_is_zero(client, piece, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(PIECE)
    assert "X-Page-Cache" not in client.get(PIECE)


def test_a_search_index_update_replaces_stored_search_answers(client, piece):
    from core import pagecache
    from search.tasks import sync_records

    before = pagecache.pages.version()
    sync_records.call("piece", [piece.pk])
    assert pagecache.pages.version() != before


def test_routes_follow_unpublishing_and_new_slugs(client, piece):
    from heritage.models import CatalogIndexPage

    client.cookies["csrftoken"] = "a" * 32  # answers computed each time; routes still cached
    assert client.get(PIECE).status_code == 200  # the route to the catalog page is now kept
    catalog = CatalogIndexPage.objects.get()
    catalog.slug_es = "coleccion"
    catalog.save_revision().publish()
    assert client.get(PIECE).status_code == 404
    assert client.get("/es/coleccion/REP-CACHE-1/").status_code == 200
    CatalogIndexPage.objects.get().unpublish()
    assert client.get("/es/coleccion/REP-CACHE-1/").status_code == 404
