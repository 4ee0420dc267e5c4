"""Routes kept without a shared cache (core.routes): each process keeps the site and each
page's children, checked against the site version in the database once per request — the
piece page in a fixed, small number of statements, and never a route past a change."""

import re

import pytest

from tests.utils import build_catalog, build_site, make_piece, publish_change

# Real commits: the site version moves when a change commits, as between two workers.
pytestmark = pytest.mark.django_db(transaction=True)
PIECE = "/es/catalogo/REP-ROUTE-1/"


@pytest.fixture
def piece(settings):
    settings.SHARED_CACHE = False  # each process's own memory, as without Redis
    settings.PAGE_CACHE_SECONDS = 0
    build_catalog(build_site())
    return make_piece("REP-ROUTE-1", title_es="Vasija del camino")


def test_a_warm_piece_page_reads_only_the_site_version_without_redis(
    client, piece, django_assert_max_num_queries
):
    assert client.get(PIECE).status_code == 200  # the site, routes and the page's data are kept
    with django_assert_max_num_queries(2) as captured:
        assert client.get(PIECE).status_code == 200
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "core_siteversion" in sql  # one read of the site version…
    assert "wagtailcore_site" not in sql  # …instead of the site lookup and the routing
    assert "wagtailcore_pageviewrestriction" not in sql  # restrictions are kept with them
    assert "heritage_piece" not in sql  # and so is what the piece page shows


def test_what_a_request_sets_on_its_kept_site_and_pages_stays_its_own(
    client, piece, django_assert_max_num_queries
):
    """The site, its root page and each route's page are kept as objects and shared, not read
    back from a pickle: every request serves its own copies of them."""
    from wagtail import hooks

    seen = []

    def mark(page, request, args, kwargs):
        site = request._wagtail_site
        seen.append([getattr(thing, "marked", None) for thing in (site, site.root_page, page)])
        site.marked = site.root_page.marked = page.marked = request.GET["mark"]

    with hooks.register_temporarily("before_serve_page", mark):
        assert client.get("/es/catalogo/", {"mark": "first"}).status_code == 200
        with django_assert_max_num_queries(4) as captured:  # kept: no site lookup nor routing
            assert client.get("/es/catalogo/", {"mark": "second"}).status_code == 200
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "wagtailcore_site" not in sql and "wagtailcore_page" not in sql
    assert seen == [[None, None, None], [None, None, None]]


def test_a_warm_piece_page_keeps_what_stories_and_programs_add_until_they_change(
    client, piece, django_assert_max_num_queries
):
    """The record and the sections other apps add (stories, programs) are kept with the piece's
    page: warm, it runs neither app's query nor renders the record again, and a story
    unpublished or a program's new title shows at the next request."""
    from core.models import HomePage
    from tests.culture.factories import make_program, make_programs_index
    from tests.stories.factories import make_stories_index, make_story

    home = HomePage.objects.get()
    story = make_story(make_stories_index(home), "voz-del-camino", pieces=[piece])
    program = make_program(make_programs_index(home), "taller", title_es="Taller del camino")
    program.related_pieces = [piece]
    program.save_revision().publish()

    first = client.get(PIECE).content.decode()
    assert "Historia voz-del-camino" in first and "Taller del camino" in first
    with django_assert_max_num_queries(2) as captured:
        warm = client.get(PIECE)
    assert warm.content.decode() == first
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "stories_storypage" not in sql and "culture_programpage" not in sql
    story.unpublish()
    assert "Historia voz-del-camino" not in client.get(PIECE).content.decode()
    program.title_es = "Taller de barro"
    program.save_revision().publish()
    page = client.get(PIECE).content.decode()
    assert "Taller de barro" in page and "Taller del camino" not in page


def test_the_pieces_of_a_culture_share_its_stories_section(client, piece):
    """A story about a culture shows on each of its pieces: computed for the first, the next
    piece's page runs no stories query, and an unpublished story leaves them all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.models import HomePage
    from tests.stories.factories import make_stories_index, make_story

    index = make_stories_index(HomePage.objects.get())
    story = make_story(index, "voces-de-la-cultura", cultures=[piece.culture])
    other = make_piece("REP-ROUTE-4", title_es="Cuenco del camino")
    assert other.culture_id == piece.culture_id
    assert "Historia voces-de-la-cultura" in client.get(PIECE).content.decode()
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/es/catalogo/REP-ROUTE-4/").content.decode()
    assert "Cuenco del camino" in page and "Historia voces-de-la-cultura" in page
    assert "heritage_piece" in " ".join(query["sql"] for query in captured)  # its own record…
    assert "stories_storypage" not in " ".join(query["sql"] for query in captured)  # …not these
    story.unpublish()
    for path in (PIECE, "/es/catalogo/REP-ROUTE-4/"):
        assert "Historia voces-de-la-cultura" not in client.get(path).content.decode()


def test_a_kept_piece_page_follows_an_edit_and_a_restriction(client, piece):
    assert "Vasija del camino" in client.get(PIECE).content.decode()
    piece.title_es = "Vasija del camino real"
    piece.save_revision().publish()
    assert "Vasija del camino real" in client.get(PIECE).content.decode()
    piece.restricted = True
    piece.save_revision().publish()
    assert client.get(PIECE).status_code == 404


def test_routes_follow_a_new_slug_and_an_unpublished_page(client, piece):
    from heritage.models import CatalogIndexPage

    assert client.get(PIECE).status_code == 200
    catalog = CatalogIndexPage.objects.get()
    catalog.slug_es = "coleccion"
    catalog.save_revision().publish()
    assert client.get(PIECE).status_code == 404
    assert client.get("/es/coleccion/REP-ROUTE-1/").status_code == 200
    CatalogIndexPage.objects.get().unpublish()
    assert client.get("/es/coleccion/REP-ROUTE-1/").status_code == 404


def test_a_change_committed_by_another_process_is_seen(client, piece):
    """Another worker's change reaches this process only through the site version."""
    from core.models import SiteVersion
    from heritage.models import CatalogIndexPage

    assert client.get(PIECE).status_code == 200
    # a change written without this process's signals (as another worker's would be here)…
    CatalogIndexPage.objects.filter(slug_es="catalogo").update(live=False)
    assert client.get(PIECE).status_code == 200  # …is not seen until the version moves
    SiteVersion.objects.update(value=SiteVersion.objects.get().value + 1)
    assert client.get(PIECE).status_code == 404


def test_the_site_version_moves_with_redis_too(piece, settings):
    """Processes without Redis keep routes only against a version every change moves: one made
    through a process with Redis moves it as well (and the migration made the first)."""
    from core.models import SiteVersion

    settings.SHARED_CACHE = True
    before = SiteVersion.objects.get().value
    make_piece("REP-ROUTE-2")
    assert SiteVersion.objects.get().value != before


def test_kept_view_restrictions_follow_a_new_and_a_removed_restriction(client, piece):
    """Restrictions are kept with the routes, never past a change: a restriction added to the
    catalog closes its pieces at the next request, and its removal opens them again."""
    from wagtail.models import PageViewRestriction

    from heritage.models import CatalogIndexPage

    assert client.get(PIECE).status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=CatalogIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
    )
    closed = client.get(PIECE)
    assert closed.status_code == 302 and "/login/" in closed["Location"]
    assert client.get(PIECE).status_code == 302  # kept, and still closed
    restriction.delete()
    assert client.get(PIECE).status_code == 200


def test_the_admin_still_reads_restrictions_from_the_database(admin_client, piece):
    """The kept list serves the page; the admin's own question (ordered) asks the database."""
    from wagtail.models import PageViewRestriction

    from heritage.models import CatalogIndexPage

    catalog = CatalogIndexPage.objects.get()
    PageViewRestriction.objects.create(page=catalog, restriction_type=PageViewRestriction.PASSWORD,
                                       password="s3cret-word")  # fmt: skip
    answer = admin_client.get(f"/admin/pages/{catalog.pk}/privacy/")
    assert answer.status_code == 200
    checked = r'<input[^>]*name="restriction_type"[^>]*checked[^>]*>'
    chosen = re.search(checked, answer.json()["html"])
    assert chosen and 'value="password"' in chosen.group(0)


def test_kept_catalog_counts_follow_a_published_and_a_restricted_piece(client, piece):
    """The catalog's counts of a filter set are kept per site version (the database engine):
    asked again they run no counting statement, and a piece published or restricted in
    between is counted at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    catalog = "/es/catalogo/?culture=maya"

    def total(response) -> int:
        return response.context["result"].total

    assert total(client.get(catalog)) == 1
    with CaptureQueriesContext(connection) as captured:
        assert total(client.get(catalog)) == 1
    assert not [query for query in captured if "COUNT(" in query["sql"]]
    new = make_piece("REP-ROUTE-3")
    assert total(client.get(catalog)) == 2
    new.restricted = True
    new.save_revision().publish()
    assert total(client.get(catalog)) == 1


def test_kept_catalog_cards_follow_an_edit_and_a_restriction(client, piece):
    """The catalog's result cards are kept per site version: asked again, a page of results
    loads no piece for its cards, and a new title or a restriction shows at the next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    catalog = "/es/catalogo/?culture=maya"
    other = make_piece("REP-ROUTE-5", title_es="Cuenco del camino")
    first = client.get(catalog).content.decode()
    assert "Vasija del camino" in first and "Cuenco del camino" in first
    with CaptureQueriesContext(connection) as captured:
        assert client.get(catalog).content.decode() == first
    sql = " ".join(query["sql"] for query in captured)
    assert "heritage_pieceimage" not in sql and "heritage_culture" not in sql
    publish_change(piece, title_es="Vasija del camino real")
    assert "Vasija del camino real" in client.get(catalog).content.decode()
    publish_change(other, restricted=True)
    page = client.get(catalog).content.decode()
    assert "Cuenco del camino" not in page and "REP-ROUTE-5" not in page


def test_kept_api_list_items_follow_an_edit_and_a_restriction(client, piece, settings):
    """The pieces API's list items are kept per site version and host: asked again, a page of
    results loads no piece, a new title shows at once, a restricted piece leaves, and another
    host's links are its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "museo.example.org"]
    api = "/api/v1/search/pieces?culture=maya"
    other = make_piece("REP-ROUTE-6", title_es="Cuenco del camino")

    def titles(response) -> dict:
        return {hit["catalog_number"]: hit["title"] for hit in response.json()["hits"]}

    first = client.get(api)
    assert titles(first) == {"REP-ROUTE-1": "Vasija del camino", "REP-ROUTE-6": "Cuenco del camino"}
    with CaptureQueriesContext(connection) as captured:
        assert client.get(api).json() == first.json()
    sql = " ".join(query["sql"] for query in captured)
    assert "heritage_pieceimage" not in sql and "heritage_culture" not in sql
    elsewhere = client.get(api, HTTP_HOST="museo.example.org").json()["hits"]
    assert all(hit["url"].startswith("http://museo.example.org/") for hit in elsewhere)
    publish_change(piece, title_es="Vasija del camino real")
    assert titles(client.get(api))["REP-ROUTE-1"] == "Vasija del camino real"
    publish_change(other, restricted=True)
    assert set(titles(client.get(api))) == {"REP-ROUTE-1"}


def test_a_process_keeps_values_within_its_room_the_oldest_leaving_first(piece, monkeypatch):
    """Without Redis each process keeps what it computes, up to MAX_BYTES (pickled): past it the
    oldest values leave, the newest stay, whatever the number of pieces visited."""
    from core import cache, routes

    monkeypatch.setattr(cache, "MAX_BYTES", 10_000)
    computed = []

    def make(number):
        computed.append(number)
        return "x" * 1000

    token = routes.begin_request()
    try:
        for number in range(30):
            routes.remember("test-room", (number,), lambda number=number: make(number))
        assert cache._store.size <= 10_000
        assert routes.remember("test-room", (29,), lambda: make(29)) == "x" * 1000
        assert computed.count(29) == 1  # the newest is still kept
        routes.remember("test-room", (0,), lambda: make(0))
        assert computed.count(0) == 2  # the oldest had left
        kept = routes.remember_many("test-room", [(28,), (1,)], lambda keys: {
            key: make(key[0]) for key in keys
        })  # fmt: skip
        assert set(kept) == {(28,), (1,)} and computed.count(28) == 1 and computed.count(1) == 2
    finally:
        routes.end_request(token)


def test_a_route_reads_only_the_child_its_slug_names(client, piece):
    """After a change, finding a page among its siblings builds the one its slug names, not
    every sibling (the directory has thousands): as many pages built with 2 siblings as 22."""
    from django.db.models.signals import post_init
    from wagtail.models import Page

    from core import routes
    from heritage.models import CatalogIndexPage

    catalog = CatalogIndexPage.objects.get()
    home = catalog.get_parent()
    built = []

    def count(sender, **kwargs):
        if issubclass(sender, Page):
            built.append(sender)

    def pages_built() -> int:
        routes.changed()  # what every change does: routes are found afresh
        built.clear()
        post_init.connect(count)
        try:
            assert client.get(PIECE).status_code == 200
        finally:
            post_init.disconnect(count)
        return len(built)

    def add_siblings(first, last):
        for number in range(first, last):
            home.add_child(instance=Page(title=f"Hermana {number}", slug=f"hermana-{number}",
                                         slug_es=f"hermana-{number}"))  # fmt: skip

    add_siblings(0, 2)
    pages_built()  # (the first request after the new pages also reads what they changed)
    few = pages_built()
    add_siblings(2, 22)
    pages_built()
    assert pages_built() <= few


def test_what_other_apps_keep_follows_a_change_committed_by_another_process(client, piece):
    """The menus (core.navigation) and the catalog's facet labels are kept per site version
    too: another worker's change reaches this process as soon as the version moves, not when a
    copy of this process's own expires (the menus were kept for a day)."""
    from wagtail.models import Site

    from core.models import MainMenuLink, NavigationSettings, SiteVersion
    from heritage.models import Culture

    settings_row = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    MainMenuLink.objects.create(setting=settings_row, label_es="Colección", url="/es/catalogo/")
    page = client.get("/es/catalogo/?culture=maya").content.decode()
    assert "Colección" in page and "Maya" in page
    # changes written without this process's signals (as another worker's would be here)…
    MainMenuLink.objects.update(label_es="Acervo")
    Culture.objects.filter(code="maya").update(label_es="Maya clásica")
    page = client.get("/es/catalogo/?culture=maya").content.decode()
    assert "Acervo" not in page and "Maya clásica" not in page  # …not seen until…
    SiteVersion.objects.update(value=SiteVersion.objects.get().value + 1)  # …its commit
    page = client.get("/es/catalogo/?culture=maya").content.decode()
    assert "Acervo" in page and "Maya clásica" in page
