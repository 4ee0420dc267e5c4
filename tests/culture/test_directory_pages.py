"""An organization's page (hours in the reader's language on the place's clock, actions, verified
date), its link from the programs it organizes, and the curators' report of records to verify."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from culture.directory_views import organization_context
from culture.models import Organizer
from tests.culture.factories import make_directory, make_organization, make_place

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(home):
    place = make_place("Chicago", zone="America/Chicago", lat=Decimal("41.8789"),
                       lon=Decimal("-87.6667"), street_address="204 S Ashland Ave",
                       hours=[(0, "09:00", "13:00"), (0, "15:00", "18:00"), (2, "09:00", "17:00")],
                       hours_note_es="Cerrado el 16 de septiembre.",
                       hours_note_en="Closed on September 16.")  # fmt: skip
    return make_organization(
        make_directory(home), "ayuda", title="Ayuda legal mixteca", venue=place,
        services=["legal-immigration"], served=["es", "mix"], on_request=["zap"], cost="free",
        appointment="walk-in", phone="(312) 555-0100", website="https://example.org/ayuda",
        verified_on=date(2026, 11, 2), title_en="Mixtec legal aid",
    )  # fmt: skip


def test_the_page_shows_hours_actions_languages_and_when_it_was_verified(client, organization):
    english = client.get("/en/directory/ayuda/").content.decode()
    assert "Mixtec legal aid" in english
    assert 'href="tel:3125550100"' in english
    assert (
        "https://www.openstreetmap.org/?mlat=41.87890&amp;mlon=-87.66670#map=17/41.87890/-87.66670"
        in english
    )
    assert 'href="https://example.org/ayuda"' in english
    assert '<th scope="row">Monday</th><td>9 a.m.–1 p.m., 3 p.m.–6 p.m.</td>' in english
    assert '<th scope="row">Tuesday</th><td>Closed</td>' in english
    assert "America/Chicago" in english and "Closed on September 16." in english
    assert "Mixtec" in english and "Zapotec" in english and "Walk-in" in english
    assert "Information verified on Nov. 2, 2026." in english
    spanish = client.get("/es/directorio/ayuda/").content.decode()
    assert '<th scope="row">lunes</th><td>09:00–13:00, 15:00–18:00</td>' in spanish
    assert "Información verificada el 2 de noviembre de 2026." in spanish


def test_open_now_and_today_are_read_on_the_places_clock(organization):
    # Monday 16:30 in Chicago is 21:30 UTC (CST) and already Tuesday in Madrid: it is open.
    context = organization_context(page=organization,
                                   now=datetime(2026, 12, 7, 22, 30, tzinfo=UTC))  # fmt: skip
    assert context["open_now"] is True
    today = [(span.opens.hour, span.closes.hour) for span in context["today"]]
    assert today == [(9, 13), (15, 18)]
    assert context["local_now"].hour == 16
    closed = organization_context(page=organization, now=datetime(2026, 12, 7, 19, 30, tzinfo=UTC))
    assert closed["open_now"] is False  # 13:30 there: between the two spans


def test_an_organizer_linked_to_its_page_points_there(client, organization, programs_index):
    from tests.culture.factories import make_chicago_venue, make_program, weekly

    program = make_program(programs_index, "taller",
                           sessions=[weekly(make_chicago_venue(), timezone.now())])  # fmt: skip
    Organizer.objects.filter(pk=program.organizer_id).update(organization=organization)
    body = client.get("/es/programas/taller/").content.decode()
    assert 'href="/es/directorio/ayuda/"' in body


def test_the_report_lists_what_nobody_verified_for_a_year(client, admin_user, organization):
    stale = make_organization(organization.get_parent(), "vieja", title="Organización vieja",
                              verified_on=timezone.localdate() - timedelta(days=400))  # fmt: skip
    never = make_organization(organization.get_parent(), "nunca", title="Nunca verificada",
                              publish=False)  # fmt: skip
    organization.venue.verified_on = timezone.localdate()
    organization.venue.save()
    organization.verified_on = timezone.localdate() - timedelta(days=30)
    organization.save_revision().publish()
    client.force_login(admin_user)
    body = client.get(reverse("culture_records_to_verify")).content.decode()
    assert never.title in body and stale.title in body
    assert body.index(never.title) < body.index(stale.title)  # never verified first
    assert "Ayuda legal mixteca" not in body
