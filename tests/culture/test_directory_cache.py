"""The directory's kept ranking and cards (culture.directory, kept like routes: core.routes):
a repeated query ranks nothing and loads no record, and a publish, unpublish or edit of an
organization, a venue, a route or a service is seen at the next request."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from culture.models import MobileConsulateRoute, OrganizationPage, Service, Venue
from tests.culture.factories import make_directory, make_organization, make_place, make_stop_route
from tests.utils import build_site

# Real commits: the site version moves when a change commits, as between two workers.
pytestmark = pytest.mark.django_db(transaction=True)
NEAR = "/es/directorio/?near=60607&radius=25"
EVERYWHERE = "/es/directorio/"


@pytest.fixture
def directory(settings):
    settings.SHARED_CACHE = False  # each process's own memory, as without Redis
    settings.PAGE_CACHE_SECONDS = 0
    # (a transactional test starts without the migrations' rows)
    Service.objects.get_or_create(code="passport", defaults={"label": "Pasaporte",
                                                             "label_es": "Pasaporte"})  # fmt: skip
    directory = make_directory(build_site())
    chicago = make_place("Chicago", zone="America/Chicago", lat=Decimal("41.8789"),
                         lon=Decimal("-87.6667"), hours=[(day, "09:00", "17:00")
                                                         for day in range(5)])  # fmt: skip
    make_organization(directory, "ayuda", title="Ayuda Legal", venue=chicago,
                      services=["passport"], phone="312 555 0100")  # fmt: skip
    return directory


def entries(client, path) -> str:
    body = client.get(path).content.decode()
    return body[body.index('class="directory-list"') :]


def test_a_repeated_query_ranks_nothing_and_loads_no_record(client, directory):
    client.get(NEAR)  # ranked, its cards loaded and kept
    with CaptureQueriesContext(connection) as captured:
        body = entries(client, NEAR)
    assert "Ayuda Legal" in body and 'href="tel:3125550100"' in body
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "core_siteversion" in sql  # one read of the site version…
    assert "culture_organizationpage" not in sql and "culture_venue" not in sql  # …no ranking
    assert "culture_routestop" not in sql and "culture_service" not in sql  # …nor cards
    assert len(captured) <= 3


def test_organizations_published_edited_and_unpublished_are_seen_at_once(client, directory):
    assert "Ayuda Legal" in entries(client, NEAR)
    new = make_organization(directory, "red", title="Red de Abogados",
                            venue=Venue.objects.get(city="Chicago"))  # fmt: skip
    assert "Red de Abogados" in entries(client, NEAR)
    new.title_es = "Red de Abogadas"
    new.save_revision().publish()
    assert "Red de Abogadas" in entries(client, NEAR)
    OrganizationPage.objects.get(slug="ayuda").unpublish()
    body = entries(client, NEAR)
    assert "Ayuda Legal" not in body and "Red de Abogadas" in body


def test_a_moved_venue_a_route_and_a_renamed_service_are_seen_at_once(client, directory):
    assert "Ayuda Legal" in entries(client, NEAR)
    place = Venue.objects.get(city="Chicago")
    place.latitude, place.longitude = Decimal("34.0631"), Decimal("-118.2804")  # to Los Angeles
    place.save()
    assert "Ayuda Legal" not in entries(client, NEAR)  # out of the 25 miles now
    assert "Ayuda Legal" in entries(client, EVERYWHERE)

    make_stop_route("Ruta de Cicero", place, services=("passport",))
    assert "Ruta de Cicero" in entries(client, EVERYWHERE)
    route = MobileConsulateRoute.objects.get()
    route.name_es = "Ruta de Berwyn"
    route.save_revision().publish()
    assert "Ruta de Berwyn" in entries(client, EVERYWHERE)
    route.unpublish()
    assert "Ruta de Berwyn" not in entries(client, EVERYWHERE)

    Service.objects.filter(code="passport").update(label_es="Pasaporte mexicano")
    Service.objects.get(code="passport").save()  # a curator's edit: its signals
    assert "Pasaporte mexicano" in entries(client, EVERYWHERE)


def test_cards_are_kept_one_by_one_across_queries(client, directory):
    """Another query showing the same organization reads its card from what is kept (a card
    loads its place's hours; the ranking without "open now" never does)."""
    assert "Ayuda Legal" in entries(client, NEAR)
    with CaptureQueriesContext(connection) as captured:
        assert "Ayuda Legal" in entries(client, EVERYWHERE)
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "culture_organizationpage" in sql  # ranked afresh: a new query
    assert "culture_openinghours" not in sql and "culture_service" not in sql  # its card kept


def test_with_a_shared_cache_too(client, directory, settings):
    settings.SHARED_CACHE = True  # (Redis in production; the tests' local memory here)
    assert "Ayuda Legal" in entries(client, NEAR)
    assert "Ayuda Legal" in entries(client, NEAR)
    make_organization(directory, "red", title="Red de Abogados",
                      venue=Venue.objects.get(city="Chicago"))  # fmt: skip
    body = entries(client, NEAR)
    assert "Red de Abogados" in body and "Ayuda Legal" in body
