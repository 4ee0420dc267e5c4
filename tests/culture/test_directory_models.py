"""The directory's records: the seeded service vocabulary and its synonyms, a stop's free text read
into terms, and a stop's services saved inside its route's revision (public once published)."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from culture.models import MobileConsulateRoute, RouteStop, Service
from culture.vocabulary_seed import SERVICES, match_services
from tests.culture.factories import make_chicago_venue
from tests.utils import admin_form_data

pytestmark = pytest.mark.django_db


def test_the_service_vocabulary_is_seeded_with_synonyms_in_spanish_and_english():
    assert Service.objects.count() == len(SERVICES)
    passport = Service.objects.get(code="passport")
    assert passport.group == Service.Group.CONSULAR
    assert "pasaportes" in passport.synonym_list("es")
    assert passport.synonym_list("en") == ["passport", "passports"]
    consular_id = Service.objects.get(code="consular-id")
    assert {"matrícula", "matrícula consular"} <= set(consular_id.synonym_list("es"))
    assert "consular ID" in consular_id.synonym_list("en")


def test_free_text_services_become_terms_and_the_rest_stays_a_note():
    names = {code: {es, en, *syn_es.split(","), *syn_en.split(",")}
             for code, _group, es, en, syn_es, syn_en in SERVICES}  # fmt: skip
    found, rest = match_services("Pasaportes, Matrículas consulares y asesoría gratuita.", names)
    assert found == {"passport", "consular-id"}
    assert rest == "asesoría gratuita"
    assert match_services("Birth certificates and voter ID", names) == (
        {"birth-registration", "voter-id"}, "")  # fmt: skip


def test_a_stops_services_travel_with_its_routes_revision(admin_client):
    passport = Service.objects.get(code="passport")
    consular_id = Service.objects.get(code="consular-id")
    route = MobileConsulateRoute(name="Ruta", name_es="Ruta", live=True)
    day = timezone.localdate() + timedelta(3)
    route.stops.add(RouteStop(venue=make_chicago_venue(), day=day, opens_at=time(9),
                              closes_at=time(14), services=[passport]))  # fmt: skip
    route.save()
    route.save_revision().publish()

    # A curator adds a service to the stop in the admin and saves a draft: the revision holds
    # it, the site does not.
    url = reverse("wagtailsnippets_culture_mobileconsulateroute:edit", args=[route.pk])
    data = admin_form_data(admin_client.get(url))
    assert data["stops-0-services"] == [str(passport.pk)]
    data["stops-0-services"] = [str(passport.pk), str(consular_id.pk)]
    assert admin_client.post(url, data).status_code == 302
    route.refresh_from_db()
    assert route.has_unpublished_changes
    assert [s.code for s in RouteStop.objects.get().services.all()] == ["passport"]
    held = route.get_latest_revision_as_object().stops.all()[0]
    assert {service.code for service in held.services.all()} == {"passport", "consular-id"}

    assert admin_client.post(url, {**data, "action-publish": "publish"}).status_code == 302
    assert {s.code for s in RouteStop.objects.get().services.all()} == {"passport", "consular-id"}


def test_the_admin_edits_venues_with_hours_and_organizations_with_their_offering(
    admin_client, home
):
    from tests.culture.factories import make_directory, make_organization, make_place

    place = make_place("Chicago", zone="America/Chicago", hours=[(0, "09:00", "17:00")])
    directory = make_directory(home)
    organization = make_organization(directory, "ayuda", venue=place, services=["passport"])
    venue_form = admin_client.get(reverse("wagtailsnippets_culture_venue:edit", args=[place.pk]))
    assert venue_form.status_code == 200
    data = admin_form_data(venue_form)
    assert data["hours-0-weekday"] == ["0"] and data["hours-0-opens"] == "09:00"
    data.update({"hours-TOTAL_FORMS": "2", "hours-1-weekday": "2", "hours-1-opens": "10:00",
                 "hours-1-closes": "09:00", "hours-1-ORDER": "2"})  # fmt: skip
    refused = admin_client.post(reverse("wagtailsnippets_culture_venue:edit", args=[place.pk]),
                                data)  # fmt: skip
    assert refused.status_code == 200  # the end comes before the start: the form again
    assert place.hours.count() == 1
    page_form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[organization.pk]))
    assert page_form.status_code == 200
    assert admin_form_data(page_form)["services"] == [str(Service.objects.get(code="passport").pk)]
    add = reverse("wagtailadmin_pages:add", args=["culture", "organizationpage", directory.pk])
    assert admin_client.get(add).status_code == 200
