"""The site search's "services" group (issue 17, item 4): services by name and synonym in Spanish
and English ("pasaporte", "passport", "matrícula"), organizations and consulates, and the mobile
consulate's coming stops, public records only, the same on every engine."""

from decimal import Decimal

import pytest

from culture.models import OrganizationPage, RouteStop, Service
from search.engines import get_engine
from search.kinds import SERVICE_KINDS
from search.service import search_content
from tests.culture.factories import make_directory, make_organization, make_place, make_stop_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    # The vocabulary comes with a migration: `search_rebuild` indexes it, as at deploy.
    call_command("search_rebuild", kind=["service"], verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        directory = make_directory(home)
        place = make_place("Joliet", zone="America/Chicago", lat=Decimal("41.52"),
                           lon=Decimal("-88.08"), postal_code="60432")  # fmt: skip
        make_organization(directory, "consulado", title="Consulado en Chicago", venue=place,
                          kind="consulate", services=["passport", "consular-id"],
                          served=["es"])  # fmt: skip
        make_organization(directory, "defensa", title="Defensa Mixteca", venue=place,
                          services=["legal-immigration"], served=["mix"])  # fmt: skip
        make_organization(directory, "oculta", title="Pasaportes en borrador", venue=place,
                          services=["passport"], publish=False)  # fmt: skip
        make_stop_route("Ruta de Joliet", place, days=3, services=("consular-id",))
        make_stop_route("Ruta en borrador", place, days=3, publish=False)
    return directory


def _refresh():
    for kind in SERVICE_KINDS:
        get_engine(kind).refresh()


def _codes(outcome) -> list[str]:
    return sorted(Service.objects.get(pk=pk).code for pk, _h in outcome.found)


def _slugs(outcome) -> list[str]:
    return sorted(OrganizationPage.objects.get(pk=pk).slug for pk, _h in outcome.found)


def test_services_are_found_by_name_and_synonym_in_spanish_and_english(engine, directory):
    _refresh()
    assert "passport" in _codes(search_content("service", "pasaporte", "es", 5))
    assert "passport" in _codes(search_content("service", "passport", "en", 5))
    assert "consular-id" in _codes(search_content("service", "matrícula", "es", 5))
    assert "consular-id" in _codes(search_content("service", "matricula", "en", 5))
    # organizations and stops through their services' synonyms; drafts never
    assert _slugs(search_content("organization", "pasaportes", "es", 5)) == ["consulado"]
    assert _slugs(search_content("organization", "passport", "en", 5)) == ["consulado"]
    assert _slugs(search_content("organization", "mixteco", "es", 5)) == ["defensa"]
    stops = search_content("stop", "matrícula joliet", "es", 5)
    assert [RouteStop.objects.get(pk=pk).route.name for pk, _h in stops.found] == [
        "Ruta de Joliet"]  # fmt: skip
    assert search_content("stop", "pasaporte", "es", 5).total == 0  # the draft route's stop


def test_the_site_search_shows_the_services_group(client, directory):
    html = client.get("/es/buscar/", {"q": "pasaporte"}).content.decode()
    assert 'id="group-service">Servicios' in html
    assert "/es/directorio/?service=passport" in html and "/es/directorio/consulado/" in html
    assert "borrador" not in html
    english = client.get("/en/search/", {"q": "matrícula"}).content.decode()
    assert "/en/directory/?service=consular-id" in english and "Ruta de Joliet" in english


def test_renaming_a_service_reindexes_it_and_its_organizations(
    engine, directory, django_capture_on_commit_callbacks
):
    assert search_content("organization", "pasaporte-e", "es", 5).total == 0
    passport = Service.objects.get(code="passport")
    passport.synonyms_es = passport.synonyms_es + ", pasaporte-e"
    with django_capture_on_commit_callbacks(execute=True):
        passport.save()
    _refresh()
    assert _slugs(search_content("organization", "pasaporte-e", "es", 5)) == ["consulado"]


def test_a_venue_edit_reindexes_the_organizations_and_stops_there(
    engine, directory, django_capture_on_commit_callbacks
):
    from culture.models import Venue

    assert search_content("organization", "aurora", "es", 5).total == 0
    place = Venue.objects.get(city="Joliet")
    place.city = "Aurora"
    with django_capture_on_commit_callbacks(execute=True):
        place.save()
    _refresh()
    assert _slugs(search_content("organization", "aurora", "es", 5)) == ["consulado", "defensa"]
    stops = search_content("stop", "matrícula aurora", "es", 5)
    assert [RouteStop.objects.get(pk=pk).route.name for pk, _h in stops.found] == [
        "Ruta de Joliet"]  # fmt: skip


def test_a_stop_whose_day_passed_leaves_the_index_at_the_nightly_reconcile(engine, directory):
    # docs/deploy.md: `search_reconcile` runs nightly; it removes what is no longer public,
    # and a stop is public from the day before its own on (search.kinds.public_stops).
    from datetime import timedelta
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    _refresh()
    assert search_content("stop", "matrícula joliet", "es", 5).total == 1
    # the days pass: no record is saved, no signal sent
    RouteStop.objects.update(day=timezone.localdate() - timedelta(days=2))
    call_command("search_reconcile", stdout=StringIO())
    _refresh()
    assert search_content("stop", "matrícula joliet", "es", 5).total == 0
    assert _slugs(search_content("organization", "joliet", "es", 5)) == ["consulado", "defensa"]
