"""The database engine reads a filter set's first visit in one statement (its counts and the
page's ids together) and, once the counts are kept (search.service), the page on its own: both
give the same pieces in the same order, for every sort, a cursor's next page included."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from core import routes
from heritage import catalog
from heritage.catalog import SORTS, CatalogQuery, query_from_params
from search.database import DatabaseEngine
from tests.utils import build_catalog, build_site, make_piece

# Real commits: counts are kept only once the changes before them have committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pieces(settings):
    settings.SHARED_CACHE = False  # kept in the process, under the site version
    build_catalog(build_site())
    datings = [(-300, -100), (600, None), (None, 900), (None, None), (600, 700), (250, 600)]
    for number, (start, end) in enumerate(datings * 2):
        title = "Vasija de barro" if number % 3 else "Vasija"  # scores differ, and tie
        make_piece(f"REP-PG-{number:02d}", title_es=title, date_start=start, date_end=end)


@pytest.mark.parametrize("text", ["", "vasija"])
@pytest.mark.parametrize("sort", list(SORTS))
def test_a_first_visit_and_a_kept_one_list_the_same_pages(pieces, sort, text):
    engine = DatabaseEngine()

    def walk(kept: bool = False) -> list[list[str]]:
        pages, cursor = [], None
        while True:
            params = QueryDict(mutable=True)
            params.update({"q": text, "sort": sort, "page_size": "4"})
            if cursor:
                params["cursor"] = cursor
            query = query_from_params(params, "es")
            counted = None
            if kept:  # the counts as search.service keeps them: the page is read alone
                full = engine.search(query)
                counted = full.facets, full.total
            result = engine.search(query, counted)
            pages.append([hit.catalog_number for hit in result.hits])
            if not result.next_cursor:
                return pages
            cursor = result.next_cursor

    first = walk()
    kept = walk(kept=True)
    assert first == kept
    assert sorted(sum(first, [])) == [f"REP-PG-{number:02d}" for number in range(12)]


def test_a_filter_set_is_counted_once_and_its_pages_read_alone(pieces):
    """Through the contract, the second page of a filter set (and the first again, in another
    order) runs no counting statement: the counts and the total are kept, and agree."""

    def counting(query: CatalogQuery) -> tuple[int, catalog.CatalogResult]:
        with CaptureQueriesContext(connection) as queries:
            result = catalog.search(query)
        return sum("WITH base AS" in query["sql"] for query in queries), result

    token = routes.begin_request()
    try:
        statements, first = counting(CatalogQuery(text="vasija", page_size=4))
        assert statements == 1
        statements, second = counting(
            CatalogQuery(text="vasija", page_size=4, cursor=first.next_cursor)
        )
        assert statements == 0
        statements, again = counting(CatalogQuery(text="vasija", sort="-date", page_size=4))
        assert statements == 0
        statements, other = counting(CatalogQuery(text="barro", page_size=4))
        assert statements == 1  # another filter set is counted
    finally:
        routes.end_request(token)
    assert second.total == again.total == first.total == 12
    assert second.facets == first.facets
    assert other.total == 8
    assert not {hit.piece_id for hit in first.hits} & {hit.piece_id for hit in second.hits}
