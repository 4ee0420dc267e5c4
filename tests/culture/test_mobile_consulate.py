"""Mobile-consulate routes: published routes only, upcoming stops, the next stop near the reader,
a calendar of stops that calendars can follow."""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from culture.models import MobileConsulatePage, MobileConsulateRoute, RouteStop, Service, Venue

pytestmark = pytest.mark.django_db


def stop_place(city, zip_code, lat, lon):
    return Venue.objects.create(
        name_es=f"Parada {city}", name=f"Parada {city}", kind="mobile-stop", city=city,
        state="CA", postal_code=zip_code, latitude=Decimal(lat), longitude=Decimal(lon),
        timezone="America/Los_Angeles",
    )  # fmt: skip


def make_route(name, stops, *, publish=True):
    # As the admin makes them: a new route saved as a draft is not live until published.
    route = MobileConsulateRoute(name=name, name_es=name, live=publish)
    for place, days, status in stops:
        route.stops.add(
            RouteStop(
                venue=place,
                day=timezone.localdate() + timedelta(days=days),
                opens_at=time(9),
                closes_at=time(14),
                services=[Service.objects.get(code="passport")],
                status=status,
                notice_es="Suspendida por obras." if status == "cancelled" else "",
            )  # fmt: skip
        )
    route.save()
    revision = route.save_revision()
    if publish:
        revision.publish()
    return route


@pytest.fixture
def stops_page(programs_index):
    salinas = stop_place("Salinas", "93901", "36.6658", "-121.6569")
    fresno = stop_place("Fresno", "93721", "36.7476", "-119.7726")
    santa_ana = stop_place("Santa Ana", "92706", "33.7603", "-117.8814")
    stops = [(santa_ana, -3, "scheduled"), (fresno, 4, "scheduled"), (salinas, 9, "scheduled"),
             (santa_ana, 12, "cancelled")]  # fmt: skip
    make_route("Ruta California", stops)
    make_route("Ruta en borrador", [(salinas, 2, "scheduled")], publish=False)
    page = MobileConsulatePage(title_es="Consulado sobre ruedas", slug_es="consulado-movil",
                               title_en="Mobile consulate", slug_en="mobile-consulate")  # fmt: skip
    programs_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_upcoming_stops_of_published_routes_only(client, stops_page):
    html = client.get("/es/programas/consulado-movil/").content.decode()
    cities = [city for city in ("Fresno", "Salinas", "Santa Ana") if f"Parada {city}" in html]
    assert cities == ["Fresno", "Salinas", "Santa Ana"]  # the past Santa Ana stop is gone
    assert html.count("Parada Salinas,") == 1  # the draft route's stop is not shown
    assert "Suspendida por obras." in html and "Cancelada" in html
    english = client.get("/en/programs/mobile-consulate/").content.decode()
    assert "Passport" in english


def test_next_stop_near_me_soonest_within_reach_else_nearest(client, stops_page):
    near_salinas = client.get("/en/programs/mobile-consulate/", {"near": "93901"}).content.decode()
    section = near_salinas.split('id="next-stop-heading"')[1].split("</section>")[0]
    assert "Next stop near you" in section and "Parada Salinas" in section
    # From Fresno's own city: Fresno's stop comes first (soonest within 50 miles).
    fresno = client.get("/en/programs/mobile-consulate/", {"near": "Fresno, CA"}).content.decode()
    assert "Parada Fresno" in fresno.split('id="next-stop-heading"')[1].split("</section>")[0]
    # From New York nothing is within reach: the nearest stop is named, and says so.
    far = client.get("/en/programs/mobile-consulate/", {"near": "10016"}).content.decode()
    section = far.split('id="next-stop-heading"')[1].split("</section>")[0]
    assert "No stop near you yet; the nearest one" in section
    assert "Parada Fresno" in section  # cancelled Santa Ana is never suggested
    narrowed = client.get("/en/programs/mobile-consulate/", {"near": "93901", "radius": "10"})
    assert "Parada Fresno" not in narrowed.content.decode().split("Upcoming stops")[1]
    bad = client.get("/es/programas/consulado-movil/", {"near": "Xyzzyville"})
    assert bad.status_code == 200 and "No conocemos este lugar" in bad.content.decode()


def test_stops_feed_is_valid_and_sequence_grows_on_change(client, stops_page):
    feed = Calendar.from_ical(client.get("/es/programas/consulado-movil/ics/").content)
    events = feed.walk("VEVENT")
    assert len(events) == 3 and feed.walk("VTIMEZONE")
    statuses = sorted(str(event["STATUS"]) for event in events)
    assert statuses == ["CANCELLED", "CONFIRMED", "CONFIRMED"]
    stop = RouteStop.objects.filter(route__live=True, venue__city="Fresno").get()
    assert stop.sequence == 0
    stop.closes_at = time(16)
    stop.save()
    stop.refresh_from_db()
    assert stop.sequence == 1
    uids = {str(event["UID"]) for event in events}
    assert f"route-stop-{stop.pk}@retorno" in uids


def test_a_stop_that_closes_before_it_opens_is_refused(stops_page):
    stop = RouteStop.objects.first()
    stop.closes_at = time(8)
    with pytest.raises(ValidationError) as error:
        stop.full_clean()
    assert "closes_at" in error.value.message_dict
