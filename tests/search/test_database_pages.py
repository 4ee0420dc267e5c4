"""The database engine reads a filter set's first visit in one statement (its counts and the
page's ids together) and, once the counts are kept, the page on its own: both give the same
pieces in the same order, for every sort, a cursor's next page included."""

import pytest
from django.http import QueryDict

from core import routes
from heritage.catalog import SORTS, query_from_params
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

    def walk() -> list[list[str]]:
        pages, cursor = [], None
        while True:
            params = QueryDict(mutable=True)
            params.update({"q": text, "sort": sort, "page_size": "4"})
            if cursor:
                params["cursor"] = cursor
            result = engine.search(query_from_params(params, "es"))
            pages.append([hit.catalog_number for hit in result.hits])
            if not result.next_cursor:
                return pages
            cursor = result.next_cursor

    first = walk()  # outside a request nothing is kept: each page read with its counts
    token = routes.begin_request()
    try:
        walk()
        kept = walk()  # the counts kept: each page read on its own
    finally:
        routes.end_request(token)
    assert first == kept
    assert sorted(sum(first, [])) == [f"REP-PG-{number:02d}" for number in range(12)]
