""" "Near me" (postal code, city, browser location, radius, nearest first), the month view and the
feeds with the listing's filters (per venue too), on the page, in the API and in iCalendar."""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from culture.geo import distance_km, locate
from culture.models import ProgramSession, Venue
from tests.culture.factories import make_program, weekly

pytestmark = pytest.mark.django_db


def place(name, city, state, lat, lon, tz="America/Chicago"):
    return Venue.objects.create(
        name_es=name, name=name, city=city, state=state, latitude=Decimal(lat),
        longitude=Decimal(lon), timezone=tz,
    )  # fmt: skip


@pytest.fixture
def spread(programs_index):
    """A program in Chicago, one in Los Angeles (sooner) and one online."""
    chicago = place("Consulado Chicago", "Chicago", "IL", "41.8789", "-87.6667")
    la = place("Consulado LA", "Los Angeles", "CA", "34.0631", "-118.2804", "America/Los_Angeles")
    soon = timezone.now() + timedelta(days=2)
    later = timezone.now() + timedelta(days=6)
    online = ProgramSession(start=soon, end=soon + timedelta(hours=1), timezone="America/Chicago",
                            online_url="https://example.org/live")  # fmt: skip
    make_program(programs_index, "chicago", title_es="Taller en Chicago",
                 sessions=[weekly(chicago, later)])  # fmt: skip
    make_program(programs_index, "la", title_es="Taller en LA",
                 sessions=[ProgramSession(start=soon, end=soon + timedelta(hours=1),
                                          timezone="America/Los_Angeles", venue=la)])  # fmt: skip
    make_program(programs_index, "linea", title_es="Taller en línea", sessions=[online])
    return {"chicago": chicago, "la": la}


TITLES = ("Taller en Chicago", "Taller en LA", "Taller en línea")


def order(client, query: dict) -> list[str]:
    html = client.get("/es/programas/", query).content.decode()
    found = [(html.index(title), title) for title in TITLES if title in html]
    return [title for _position, title in sorted(found)]


def test_places_are_found_from_postal_codes_and_cities():
    chicago = locate("60607")
    assert chicago is not None and abs(chicago.latitude - 41.87) < 0.05
    assert locate("60607-1234") == chicago
    assert abs(locate("chicago, il").longitude - -87.7) < 0.3
    san_jose = locate("San José, CA")
    assert san_jose is not None and abs(san_jose.latitude - 37.3) < 0.3
    assert locate("Xyzzyville") is None and locate("00000") is None
    # Los Angeles → Chicago is about 2,800 km.
    assert 2750 < distance_km(34.0522, -118.2437, 41.8781, -87.6298) < 2850


def test_our_venues_cities_come_first(programs_index):
    place("Centro Pilsen", "Pilsen Norte", "IL", "41.8500", "-87.6600")
    found = locate("pilsen norte", venues=Venue.objects.all())
    assert found is not None and (found.latitude, found.longitude) == (41.85, -87.66)


def test_near_me_sorts_by_distance_and_radius_narrows(client, spread):
    assert order(client, {}) == ["Taller en LA", "Taller en línea", "Taller en Chicago"]
    # Nearest first from a Chicago postal code; the online program (no distance) comes last.
    assert order(client, {"near": "60607"}) == ["Taller en Chicago", "Taller en LA",
                                                "Taller en línea"]  # fmt: skip
    card = client.get("/en/programs/", {"near": "60607"}).content.decode()
    card = card.split("Taller en Chicago")[1].split("</li>")[0]
    shown = re.search(r"([\d.]+) mi \(([\d.]+) km\) away", card)
    assert shown and float(shown.group(1)) < 1.5 and float(shown.group(2)) < 2
    # Within 25 miles of Chicago: LA drops out, online stays (it is near everybody).
    nearby = order(client, {"near": "Chicago, IL", "radius": "25"})
    assert nearby == ["Taller en Chicago", "Taller en línea"]
    # The browser's location (Los Angeles) sorts LA first; "soonest" overrides distance.
    assert order(client, {"lat": "34.05", "lng": "-118.25"})[0] == "Taller en LA"
    assert order(client, {"near": "60607", "sort": "soonest"})[0] == "Taller en LA"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"near": "Xyzzyville"}, "No conocemos este lugar"),
        ({"radius": "25"}, "Indique un código postal, una ciudad o su ubicación."),
        ({"sort": "nearest"}, "Indique un código postal, una ciudad o su ubicación."),
        ({"lat": "41.8"}, "Su ubicación llegó incompleta"),
        ({"view": "month", "month": "2026-13"}, "No es un mes"),
    ],
)
def test_bad_places_are_explained_on_the_page_and_400_in_the_api(client, spread, query, message):
    response = client.get("/es/programas/", query)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "No hay resultados hasta que se corrijan los filtros." in html
    api = client.get("/api/v1/programs", {**query, "lang": "es"})
    assert api.status_code == 400
    assert message in api.json()["detail"][0]["message"]


def test_api_gives_distances_nearest_first(client, spread):
    results = client.get("/api/v1/programs", {"near": "60607"}).json()["results"]
    assert [r["slug"] for r in results] == ["chicago", "la", "linea"]
    assert results[0]["distance_km"] < 5 and 2700 < results[1]["distance_km"] < 2900
    assert results[2]["distance_km"] is None


def test_month_view_puts_sessions_on_their_local_days_in_constant_queries(
    client, programs_index, venue
):
    first = timezone.localdate() + timedelta(days=40)
    month = first.replace(day=1)
    start = datetime.combine(month + timedelta(days=2), time(12),
                             tzinfo=timezone.get_current_timezone())  # fmt: skip
    make_program(programs_index, "semanal", title_es="Semanal",
                 sessions=[weekly(venue, start, recurrence="FREQ=WEEKLY;COUNT=3")])  # fmt: skip
    query = {"view": "month", "month": month.strftime("%Y-%m")}
    html = client.get("/es/programas/", query).content.decode()
    assert "3 sesiones este mes" in html
    for week in range(3):
        day = (start + timedelta(weeks=week)).astimezone(timezone.get_current_timezone()).date()
        cell = html.split(f'datetime="{day.isoformat()}"')[1].split("</td>")[0]
        assert "Semanal" in cell
    next_month = (month + timedelta(days=32)).replace(day=1).strftime("%Y-%m")
    assert f"month={next_month}" in html

    def count(extra: int) -> int:
        for number in range(extra):
            daily = weekly(venue, start, recurrence="FREQ=DAILY;COUNT=4")
            make_program(programs_index, f"m-{extra}-{number}", sessions=[daily])
        client.get("/es/programas/", query)
        with CaptureQueriesContext(connection) as queries:
            client.get("/es/programas/", query)
        return len(queries)

    assert count(2) == count(10)


def test_feeds_follow_the_listing_filters_and_venues_have_their_own(client, spread):
    def summaries(url, query=None) -> list[str]:
        response = client.get(url, query or {})
        assert response.status_code == 200
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        return sorted(
            str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")
        )

    assert summaries("/es/programas/calendar/ics/") == sorted(TITLES)
    assert summaries("/es/programas/calendar/ics/", {"city": "Chicago"}) == ["Taller en Chicago"]
    assert summaries("/es/programas/calendar/ics/", {"mode": "online"}) == ["Taller en línea"]
    la = spread["la"]
    assert summaries(f"/es/programas/venues/{la.pk}/ics/") == ["Taller en LA"]
    bad = client.get("/es/programas/calendar/ics/", {"date_from": "nunca"})
    assert bad.status_code == 400 and "date_from" in bad.content.decode()
    assert client.get("/es/programas/venues/999999/ics/").status_code == 404
    html = client.get("/es/programas/", {"city": "Chicago"}).content.decode()
    assert 'href="webcal://testserver/es/programas/calendar/ics/?city=Chicago"' in html


def test_month_of_a_far_date_is_empty_not_an_error(client, spread):
    html = client.get("/es/programas/", {"view": "month", "month": "2099-01"}).content.decode()
    assert "0 sesiones este mes" in html
    assert date(2099, 1, 1).isoformat() in html


def test_listing_and_api_come_in_pages(client, programs_index, venue):
    soon = timezone.now() + timedelta(days=2)
    for number in range(23):
        make_program(programs_index, f"p{number:02}", title_es=f"Programa P{number:02}",
                     sessions=[weekly(venue, soon + timedelta(hours=number))])  # fmt: skip
    first = client.get("/es/programas/", {"city": "Chicago"}).content.decode()
    assert "23 programas" in first and first.count('class="program-card"') == 20
    assert 'href="?city=Chicago&amp;page=2"' in first
    second = client.get("/es/programas/", {"city": "Chicago", "page": "2"}).content.decode()
    assert second.count('class="program-card"') == 3 and "Programa P22" in second
    assert 'calendar/ics/?city=Chicago"' in second  # the feed link drops the page
    answer = client.get("/api/v1/programs", {"limit": 5, "offset": 20}).json()
    assert answer["count"] == 23 and [p["slug"] for p in answer["results"]] == ["p20", "p21", "p22"]
    assert client.get("/api/v1/programs", {"limit": 0}).status_code == 400


def test_cached_listing_and_feed_follow_publishing_and_venue_changes(
    client, programs_index, venue, django_capture_on_commit_callbacks
):
    soon = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        make_program(programs_index, "primero", title_es="Primero", sessions=[weekly(venue, soon)])
    assert "Primero" in client.get("/es/programas/").content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        second = make_program(programs_index, "segundo", title_es="Segundo",
                              sessions=[weekly(venue, soon)])  # fmt: skip
    assert "Segundo" in client.get("/es/programas/").content.decode()
    feed = client.get("/es/programas/calendar/ics/").content.decode()
    assert "Segundo" in feed
    with django_capture_on_commit_callbacks(execute=True):
        second.unpublish()
    assert "Segundo" not in client.get("/es/programas/").content.decode()
    assert "Segundo" not in client.get("/es/programas/calendar/ics/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        venue.city = "Evanston"
        venue.save()
    assert "Primero" in client.get("/es/programas/", {"city": "Evanston"}).content.decode()


def test_near_me_is_a_block_with_its_place_in_the_context(client, spread):
    """The layout places "near me" through the `near_me` block and context (the place, its
    radius, nearest first or not); its form comes before every other filter."""
    response = client.get("/es/programas/", {"near": "60607", "radius": "50"})
    near = response.context["near_me"]
    assert near["radius"] == 50 and near["by_distance"]
    assert (round(near["origin"].latitude), round(near["origin"].longitude)) == (42, -88)
    html = response.content.decode()
    near_field, city_field = html.index('name="near"'), html.index('name="city"')
    assert near_field < city_field < html.index('class="program-list"')
    assert client.get("/es/programas/").context["near_me"] == {
        "origin": None, "radius": None, "by_distance": False
    }  # fmt: skip
