"""The program finder's cost does not grow with the programs: the listing (plain, filtered, near
a place), the month view and a program page run the same number of SQL statements with 3 and
with 24 programs — sessions weekly, daily, one-off, moved and cancelled — without Redis, as a
worker keeps its routes, facets and cards between requests (core.routes)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from culture.models import ProgramSession
from tests.culture.factories import make_chicago_venue, make_program, make_programs_index
from tests.utils import build_site, make_piece

# Real commits: the site version moves when a change commits, as between two workers.
pytestmark = pytest.mark.django_db(transaction=True)
LISTING_SQL = 4  # site version, Wagtail's two view-restriction reads, and the cards' page
MONTH_SQL = 4
PROGRAM_SQL = 10
# Chicago's postal code is looked up in the venues (culture.geo): one more read.
NEAR_SQL = LISTING_SQL + 1


@pytest.fixture
def finder(settings):
    settings.SHARED_CACHE = False  # each process's own memory, as without Redis
    settings.PAGE_CACHE_SECONDS = 0
    index = make_programs_index(build_site())
    venue = make_chicago_venue(latitude=41.8781, longitude=-87.6298, postal_code="60607")
    return index, venue


def add_programs(index, venue, numbers) -> None:
    soon = timezone.now().replace(microsecond=0) + timedelta(days=2)
    for number in numbers:
        sessions = [
            ProgramSession(start=soon, end=soon + timedelta(hours=2), timezone="America/Chicago",
                           venue=venue, recurrence="FREQ=WEEKLY;COUNT=6"),
            ProgramSession(start=soon + timedelta(days=1), end=soon + timedelta(days=1, hours=1),
                           timezone="America/Chicago", online_url="https://example.org/live",
                           recurrence="FREQ=DAILY;COUNT=3"),
            ProgramSession(start=soon + timedelta(days=3), end=soon + timedelta(days=3, hours=1),
                           timezone="America/Chicago", venue=venue, status="cancelled"),
            ProgramSession(start=soon + timedelta(days=9), end=soon + timedelta(days=9, hours=1),
                           timezone="America/Chicago", venue=venue, status="moved",
                           moved_from=soon + timedelta(days=4)),
        ]  # fmt: skip
        program = make_program(index, f"programa-{number}", sessions=sessions)
        program.related_pieces = [make_piece(f"REP-FIND-{number}", title_es="Vasija")]
        program.save_revision().publish()


def statements(client, url: str, *, fresh: bool = False) -> int:
    """SQL statements of one request after a first one (every statement, the site version's
    read included); with `fresh`, of the first one, whose answer nothing kept yet."""
    if fresh:
        from django.core.cache import cache

        cache.clear()
    else:
        assert client.get(url).status_code == 200
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        assert client.get(url).status_code == 200
    return count


PAGES = {
    "listing": ("/es/programas/", LISTING_SQL),
    "listing, filtered": ("/es/programas/?city=Chicago&language=es&mode=in-person", LISTING_SQL),
    "listing, near a postal code": ("/es/programas/?near=60607&radius=25", NEAR_SQL),
    "listing, second page": ("/es/programas/?page=2", LISTING_SQL),
    "month view": ("/es/programas/?view=month", MONTH_SQL),
    "program page": ("/es/programas/programa-0/", PROGRAM_SQL),
}


def test_the_finder_runs_a_constant_number_of_statements(
    client, finder, django_assert_max_num_queries
):
    index, venue = finder
    add_programs(index, venue, range(3))
    few = {name: statements(client, url) for name, (url, _most) in PAGES.items()}
    add_programs(index, venue, range(3, 24))
    many = {name: statements(client, url) for name, (url, _most) in PAGES.items()}
    assert many == few
    for name, (url, most) in PAGES.items():
        assert few[name] <= most, (name, few[name])
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200
    html = client.get("/es/programas/?page=2").content.decode()
    assert html.count('class="program-card"') == 4  # 24 programs, 20 a page


def test_cards_and_facets_follow_a_change_at_once(client, finder):
    """What the listing keeps between requests goes stale with the change that commits."""
    from culture.models import ProgramCategory, ProgramPage

    index, venue = finder
    add_programs(index, venue, range(2))
    assert "Programa programa-1" in client.get("/es/programas/").content.decode()
    program = ProgramPage.objects.get(slug="programa-1")
    program.title_es = "Taller renombrado"
    program.save_revision().publish()
    ProgramCategory.objects.filter(code="arts").update(label_es="Artes vivas")
    ProgramCategory.objects.get(code="health").save()  # a save: the site version moves
    html = client.get("/es/programas/").content.decode()
    assert "Taller renombrado" in html and "Programa programa-1" not in html
    assert "Artes vivas" in html
    program.unpublish()
    assert "Taller renombrado" not in client.get("/es/programas/").content.decode()


def test_the_kept_filter_panel_follows_the_query_and_the_language(client, finder):
    """The filter form's markup is kept per language and query string ({% kept %}): each query
    shows its own values, errors and chips, each language its own labels."""
    index, venue = finder
    add_programs(index, venue, range(1))
    for city in ("Chicago", "Springfield", "Chicago"):
        html = client.get(f"/es/programas/?city={city}").content.decode()
        assert f'name="city" value="{city}"' in html
        assert '<span class="filter-count" aria-hidden="true">1</span>' in html
    html = client.get("/es/programas/?date_from=mañana").content.decode()
    assert 'id="err_date_from"' in html and '<details class="filter-panel" open>' in html
    assert (
        'name="city" maxlength="120" id="id_city"' in client.get("/es/programas/").content.decode()
    )
    english = client.get("/en/programs/?city=Chicago").content.decode()
    assert '<label for="id_city">City</label>' in english
    assert (
        '<label for="id_city">Ciudad</label>'
        in client.get("/es/programas/?city=Chicago").content.decode()
    )


# The first request after the cache is emptied: the site, routes and vocabularies are read
# again too (a warm worker writing a feed afresh runs 6: bench/programs.py).
FEED_SQL = 17


def test_the_whole_calendar_feed_runs_a_constant_number_of_statements(client, finder):
    """Written afresh (its cache emptied), the whole-calendar feed reads the same number of
    statements with 3 and with 24 programs: no query per session or program."""
    index, venue = finder
    counts = []
    for numbers in (range(3), range(3, 24)):
        add_programs(index, venue, numbers)
        counts.append(statements(client, "/es/programas/calendar/ics/", fresh=True))
    assert counts[0] == counts[1] <= FEED_SQL, counts
