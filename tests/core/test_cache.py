"""The shared cache on a real Redis server (core/cache.py): one redis-py client per connection
pool, and each namespace's version read once per request, so a catalog page asks Redis for a
fixed, small number of values however many facets it labels."""

import pytest

from search.service import COUNTS
from tests.utils import build_catalog, build_site, make_piece, publish_change


def reads(server) -> int:
    """The GET and MGET commands the server has answered since its statistics were reset."""
    stats = server.info("commandstats")
    return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("get", "mget"))


def test_every_command_goes_through_one_client(redis_server):
    from django.core.cache import cache

    cache.set("greeting", {"es": "hola"}, 30)
    assert cache.get("greeting") == {"es": "hola"}
    backend = cache._cache
    # one server: reads and writes share its pool, and so one client object
    assert backend.get_client() is backend.get_client(write=True)
    assert backend.get_client().connection_pool is backend._get_connection_pool(write=False)


def test_a_request_reads_every_version_in_one_round_trip_and_sees_its_own_change(
    redis_server, transactional_db
):
    from django.core.cache import cache

    from core import cache as versioned

    names = versioned.VersionedCache("test:things")
    outside = names.version()
    redis_server.config_resetstat()
    names.key("a"), names.key("b")
    assert reads(redis_server) == 2  # outside a request: each key reads the version

    others = versioned.VersionedCache("test:others")  # every namespace is known…
    others.version()
    redis_server.config_resetstat()
    token, _counts = versioned.begin_request()
    try:
        first = names.key("a")
        assert names.key("a") == first
        others.key("b")
        # …and a request reads all their versions together, once
        assert redis_server.info("commandstats")["cmdstat_mget"]["calls"] == 1
        assert reads(redis_server) == 1
        assert first.split(":")[3] == outside
        names.changed()  # a change made by the request moves its own copy as well
        assert names.key("a") != first
        assert names.version() == cache.get(names.version_key)  # and the one Redis holds
    finally:
        versioned.end_request(token)


def test_remembering_no_keys_sends_redis_nothing(redis_server):
    """redis-py sends an MGET without keys (which Redis refuses) for an empty list: a caller
    with nothing to ask, such as a catalog page without facet filters, costs no round trip."""
    from core import cache as versioned

    names = versioned.VersionedCache("test:things")
    names.version()
    redis_server.config_resetstat()
    assert names.remember_many("kind", [], 30, lambda missing: {}) == {}
    mget = redis_server.info("commandstats").get("cmdstat_mget", {})
    assert sum(mget.get(name, 0) for name in ("calls", "rejected_calls", "failed_calls")) == 0


@pytest.mark.django_db(transaction=True)
def test_a_warm_catalog_page_asks_redis_for_its_versions_only_whatever_its_filters(
    client, redis_server, no_page_cache
):
    build_catalog(build_site())
    for number in range(4):
        make_piece(f"REP-CACHE-{number}")
    one = "/es/catalogo/?culture=maya"
    three = "/es/catalogo/?culture=maya&period=clasico-tardio&q=pieza&date_from=500"
    counted = []
    for path in (one, three):
        assert client.get(path).status_code == 200  # what it keeps is kept
        redis_server.config_resetstat()
        response = client.get(path)
        assert response.status_code == 200
        assert "REP-CACHE-3" in response.content.decode()
        counted.append(reads(redis_server))
    # the versions of every namespace, in one MGET: the site, routes, site root paths, menus,
    # links, facet labels and result cards are kept in the process under those versions (with a
    # version read per entry and a label read per facet it was over 40; with a GET per entry 17)
    assert counted == [1, 1]


@pytest.mark.django_db(transaction=True)
def test_a_worker_new_to_a_page_of_results_reads_it_from_redis_in_two_round_trips(
    client, redis_server, no_page_cache
):
    """A worker that keeps the site and its routes but nothing yet of a page of results
    another worker computed reads from Redis the versions, then the filter set's counts with
    the page's cards and its filter form (the search's `together`, core.routes.prefetch): two
    round trips, whatever the number of cards, and nothing computed again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import cache

    build_catalog(build_site())
    for number in range(4):
        make_piece(f"REP-CACHE-{number}")
    path = "/es/catalogo/?culture=maya&sort=-date"
    first = client.get(path).content.decode()
    with CaptureQueriesContext(connection) as warm:
        assert client.get(path).content.decode() == first
    for name in [
        name
        for name in cache._store.values  # as a worker new to the page
        if name.split(":")[2] in (COUNTS, "catalog-filters", "piece-card")
    ]:
        cache._store.size -= cache._store.values.pop(name)[1]  # fmt: skip
    redis_server.config_resetstat()
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path).content.decode()
    assert again == first and "REP-CACHE-3" in again
    assert redis_server.info("commandstats")["cmdstat_mget"]["calls"] == 2
    assert reads(redis_server) == 2
    assert len(queries) == len(warm)  # the search's own, as warm: nothing made again


def test_prefetched_entries_are_read_in_one_round_trip_and_then_kept(redis_server, db):
    from django.test import RequestFactory

    from core import cache, routes
    from core.middleware import CachedSiteMiddleware

    computed = []
    entries = [("test-card", (number,)) for number in range(3)] + [("test-form", ("es",))]

    def view(_request) -> list:
        routes.prefetch(entries, immutable=True)
        return [
            routes.remember(kind, parts, lambda kind=kind, parts=parts: computed.append(parts)
                            or (kind, *parts), immutable=True)
            for kind, parts in entries
        ]  # fmt: skip

    def serve() -> tuple[list, int]:
        redis_server.config_resetstat()
        values = CachedSiteMiddleware(view)(RequestFactory().get("/"))
        return values, redis_server.info("commandstats")["cmdstat_mget"]["calls"]

    first, _reads = serve()
    assert len(computed) == 4  # nothing kept yet: each computed, and kept
    cache.forget()  # a process that keeps nothing: the versions, the site, the four together
    assert serve() == (first, 3) and len(computed) == 4
    assert serve() == (first, 1)  # then kept in the process: the versions alone


@pytest.mark.django_db(transaction=True)
def test_catalog_cards_kept_in_redis_follow_an_edit_and_a_restriction(
    client, redis_server, no_page_cache
):
    """The catalog's result cards live in Redis under the pages' version: a new title shows, and
    a restricted piece's card leaves the results, at the next request."""
    build_catalog(build_site())
    piece = make_piece("REP-CACHE-1", title_es="Vasija guardada")
    make_piece("REP-CACHE-2")
    path = "/es/catalogo/?culture=maya"
    assert "Vasija guardada" in client.get(path).content.decode()
    assert redis_server.keys("*core:pages:piece-card:*")  # kept there, not in this process
    publish_change(piece, title_es="Vasija renombrada")
    assert "Vasija renombrada" in client.get(path).content.decode()
    publish_change(piece, restricted=True)
    page = client.get(path).content.decode()
    assert "REP-CACHE-1" not in page and "REP-CACHE-2" in page


def test_a_rate_limit_counts_in_one_round_trip_and_its_window_expires(redis_server):
    """INCR and an expiry set only on a new count, sent together: the count is shared (another
    worker's requests add to it) and the window's key leaves Redis when the window ends."""
    from django.core.cache import cache

    from core.cache import count

    redis_server.config_resetstat()
    assert [count("test-window", 61) for _ in range(3)] == [1, 2, 3]
    stats = redis_server.info("commandstats")
    assert stats["cmdstat_incrby"]["calls"] == 3 and stats["cmdstat_exec"]["calls"] == 3
    name = cache.make_and_validate_key("test-window")
    assert 0 < redis_server.ttl(name) <= 61  # set by the first count, not pushed by the others
    redis_server.incrby(name, 10)  # another worker's counts
    assert count("test-window", 61) == 14
    assert cache.get("test-window") == 14  # what Django's cache reads too


@pytest.mark.django_db(transaction=True)
def test_a_search_counts_its_rate_limit_in_the_round_trip_that_reads_its_versions(
    client, redis_server, no_page_cache
):
    """A text search counts against the "search" limit; the count is taken with the request's
    versions (core.ratelimit.start), so a search this worker has answered before asks Redis
    once in all, and each request is counted once."""
    build_catalog(build_site())
    make_piece("REP-CACHE-1", title_es="Vasija guardada")
    path = "/es/catalogo/?q=vasija"
    first = client.get(path).content.decode()
    assert "REP-CACHE-1" in first
    redis_server.config_resetstat()
    assert client.get(path).content.decode() == first
    stats = redis_server.info("commandstats")
    assert stats["cmdstat_exec"]["calls"] == 1  # one transaction, sent at once …
    assert stats["cmdstat_mget"]["calls"] == 1 and stats["cmdstat_incrby"]["calls"] == 1
    assert reads(redis_server) == 1  # … holding the versions and the count: nothing else
    (window,) = redis_server.keys("*ratelimit:search:*")
    assert int(redis_server.get(window)) == 2 and not redis_server.keys("*ratelimit:api:*")


@pytest.mark.django_db(transaction=True)
def test_values_kept_in_the_process_follow_another_process_change(
    client, redis_server, no_page_cache
):
    """A card read from Redis is kept in this process under the pages' version; another
    worker's change moves that version in Redis, and the next request reads the new state."""
    import pickle

    from django.core.cache import cache

    from heritage.models import Piece

    build_catalog(build_site())
    make_piece("REP-CACHE-1", title_es="Vasija guardada")
    path = "/es/catalogo/?culture=maya"
    assert "Vasija guardada" in client.get(path).content.decode()
    # written as another worker would (its own process's copies are not ours to clear)…
    Piece.objects.filter(catalog_number="REP-CACHE-1").update(title_es="Vasija de otro proceso")
    for name in redis_server.keys("*piece-card*"):
        redis_server.delete(name)  # (Redis' copies gone: what is served comes from the process)
    assert "Vasija guardada" in client.get(path).content.decode()  # the version seen: its copy
    # …and that worker's commit moves the version
    redis_server.set(cache.make_and_validate_key("core:pages:version"), pickle.dumps("after"))
    assert "Vasija de otro proceso" in client.get(path).content.decode()


def test_an_entry_written_by_an_older_release_is_computed_again(redis_server, db):
    """Entries carry their deadline now; one written before, under a version that is still
    current after a deploy (the counts of a filter set: a pair too), is read as missing."""
    from django.core.cache import cache

    from core import cache as versioned

    names = versioned.VersionedCache("test:things")
    cache.set(names.key("counts", "maya"), ({"culture": []}, 3), 30)  # as it was written
    fresh = ({"culture": [("maya", 1)]}, 1)
    assert names.remember("counts", ("maya",), 30, lambda: fresh) == fresh
    assert cache.get(names.key("counts", "maya"))[1] == fresh  # and replaced


def test_an_uncommitted_change_keeps_nothing_and_a_rolled_back_one_moves_nothing(
    redis_server, transactional_db
):
    """While a transaction holds a change, it neither keeps nor serves the namespace's values
    (they may show what never commits) and the others keep reading the committed version; a
    rollback leaves that version as it was, a commit moves it."""
    from django.db import transaction

    from core import cache as versioned

    names = versioned.VersionedCache("test:things")
    before = names.version()
    names.remember("kind", ("a",), 30, lambda: "committed")
    with pytest.raises(RuntimeError), transaction.atomic():
        names.changed()
        assert names.version() is None
        assert names.remember("kind", ("a",), 30, lambda: "uncommitted") == "uncommitted"
        raise RuntimeError("rolled back")
    assert names.version() == before
    assert names.remember("kind", ("a",), 30, lambda: "recomputed") == "committed"
    with transaction.atomic():
        names.changed()
    assert names.version() != before
    assert names.remember("kind", ("a",), 30, lambda: "after the commit") == "after the commit"
