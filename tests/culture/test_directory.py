"""The directory (issue 17): filters that combine, nearest first, "open now" and "hours today" on
each place's clock (fixed instants across time zones and daylight-saving changes), languages
served in or by interpretation (indigenous ones included), drafts kept off, constant SQL."""

from datetime import UTC, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from culture import hours
from culture.directory import directory_entries
from culture.geo import locate
from culture.models import OpeningHours
from tests.culture.factories import (
    make_directory,
    make_organization,
    make_place,
    make_stop_route,
)

pytestmark = pytest.mark.django_db

WEEKDAYS_9_TO_5 = [(day, "09:00", "17:00") for day in range(5)]
# Monday 9 March 2026, 14:30 UTC: the day after the United States moved its clocks forward.
AFTER_DST = datetime(2026, 3, 9, 14, 30, tzinfo=UTC)
BEFORE_DST = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)  # a week earlier, same UTC time


@pytest.fixture
def directory(home):
    return make_directory(home)


@pytest.fixture
def places():
    return {
        "chicago": make_place("Chicago", zone="America/Chicago", lat=Decimal("41.8789"),
                              lon=Decimal("-87.6667"), hours=WEEKDAYS_9_TO_5),
        "evanston": make_place("Evanston", zone="America/Chicago", lat=Decimal("42.0451"),
                               lon=Decimal("-87.6877"), hours=WEEKDAYS_9_TO_5),
        "la": make_place("Los Angeles", zone="America/Los_Angeles", lat=Decimal("34.0631"),
                         lon=Decimal("-118.2804"), hours=WEEKDAYS_9_TO_5),
    }  # fmt: skip


def names(entries) -> list[str]:
    return [entry.name for entry in entries]


def test_filters_combine(directory, places):
    make_organization(
        directory,
        "a",
        title="Ayuda Legal",
        venue=places["chicago"],
        services=["legal-immigration"],
        served=["es", "mix"],
        cost="free",
    )
    make_organization(
        directory,
        "b",
        title="Red de Abogados",
        kind="lawyers",
        venue=places["chicago"],
        services=["legal-immigration"],
        served=["es"],
        cost="sliding",
    )
    make_organization(directory, "c", title="Consulado", kind="consulate", venue=places["la"],
                      services=["passport"], served=["es", "mix"], cost="free")  # fmt: skip
    make_stop_route("Ruta", places["evanston"], services=["passport"], served=["mix"])

    now = timezone.now()  # the stop is in two days; nothing here depends on the hour

    def found(**filters):
        return names(directory_entries(parent=directory, filters=filters, now=now))

    assert found() == ["Ayuda Legal", "Consulado", "Red de Abogados", "Ruta"]
    assert found(service=["legal-immigration"]) == ["Ayuda Legal", "Red de Abogados"]
    assert found(service=["legal-immigration"], language=["mix"]) == ["Ayuda Legal"]
    assert found(service=["passport"], language=["mix"]) == ["Consulado", "Ruta"]
    assert found(service=["passport"], kind=["mobile-consulate"]) == ["Ruta"]
    assert found(cost=["free"], kind=["legal-aid", "consulate"]) == ["Ayuda Legal", "Consulado"]
    assert found(service=["passport"], cost=["sliding"]) == []


def test_nearest_first_within_the_radius(directory, places):
    make_organization(directory, "la", title="En Los Ángeles", venue=places["la"])
    make_organization(directory, "evanston", title="En Evanston", venue=places["evanston"])
    make_organization(directory, "chicago", title="En Chicago", venue=places["chicago"])
    make_organization(directory, "statewide", title="En todo Illinois", service_area="Illinois")
    origin = locate("60607")
    entries = directory_entries(parent=directory, filters={"origin": origin}, now=AFTER_DST)
    assert names(entries) == ["En Chicago", "En Evanston", "En Los Ángeles", "En todo Illinois"]
    assert entries[0].distance_km < 2 < entries[1].distance_km < 30
    near = directory_entries(parent=directory, filters={"origin": origin, "radius": 25},
                             now=AFTER_DST)  # fmt: skip
    assert names(near) == ["En Chicago", "En Evanston"]


def test_open_now_on_each_places_clock_across_daylight_saving():
    rows = [OpeningHours(weekday=0, opens=time(9), closes=time(17))]  # Mondays 9 to 5
    # 14:30 UTC is 9:30 in Chicago once clocks moved (UTC-5), 8:30 the week before (UTC-6).
    assert hours.is_open(rows, zone="America/Chicago", now=AFTER_DST) is True
    assert hours.is_open(rows, zone="America/Chicago", now=BEFORE_DST) is False
    # The same instant is 7:30 in Los Angeles: closed, whatever the reader's own zone.
    assert hours.is_open(rows, zone="America/Los_Angeles", now=AFTER_DST) is False
    # Phoenix keeps no daylight saving: 7:30 both weeks.
    assert hours.is_open(rows, zone="America/Phoenix", now=BEFORE_DST) is False
    # 03:30 UTC on Tuesday is still Monday 22:30 in Chicago: today is Monday there, closed now.
    late = datetime(2026, 3, 10, 3, 30, tzinfo=UTC)
    assert hours.hours_today(rows, zone="America/Chicago", now=late) == [
        hours.Span(time(9), time(17))
    ]
    assert hours.is_open(rows, zone="America/Chicago", now=late) is False
    assert hours.hours_today(rows, zone="Europe/Madrid", now=late) == []  # Tuesday there
    assert hours.is_open([], zone="America/Chicago", now=late) is None  # no hours published


def test_several_spans_a_day_and_the_open_now_filter(directory, places):
    split = make_place("Cicero", zone="America/Chicago",
                       hours=[(0, "09:00", "12:00"), (0, "15:00", "18:00")])  # fmt: skip
    make_organization(directory, "split", title="Horario partido", venue=split)
    make_organization(directory, "la", title="En Los Ángeles", venue=places["la"])
    lunch = datetime(2026, 3, 9, 18, 30, tzinfo=UTC)  # 13:30 in Chicago, 11:30 in Los Angeles
    entries = directory_entries(parent=directory, filters={}, now=lunch)
    assert [(e.name, e.open_now) for e in entries] == [("En Los Ángeles", True),
                                                      ("Horario partido", False)]  # fmt: skip
    assert [(s.opens.hour, s.closes.hour) for s in entries[1].today] == [(9, 12), (15, 18)]
    open_now = directory_entries(parent=directory, filters={"open_now": True}, now=lunch)
    assert names(open_now) == ["En Los Ángeles"]


def test_languages_served_in_or_by_interpretation_with_indigenous_ones(directory, places):
    make_organization(directory, "mixteco", title="Atiende en mixteco",
                      venue=places["chicago"], served=["es", "mix"])  # fmt: skip
    make_organization(directory, "zapoteco", title="Intérprete de zapoteco",
                      venue=places["chicago"], served=["es"], on_request=["zap"])  # fmt: skip
    make_organization(directory, "ingles", title="Solo inglés", venue=places["chicago"],
                      served=["en"])  # fmt: skip

    def found(*codes):
        filters = {"language": list(codes)}
        return names(directory_entries(parent=directory, filters=filters, now=AFTER_DST))

    assert found("mix") == ["Atiende en mixteco"]
    assert found("zap") == ["Intérprete de zapoteco"]
    assert found("mix", "zap") == ["Atiende en mixteco", "Intérprete de zapoteco"]
    assert found("es") == ["Atiende en mixteco", "Intérprete de zapoteco"]


def test_drafts_are_never_listed(directory, places):
    make_organization(directory, "visible", title="Visible", venue=places["chicago"])
    make_organization(directory, "draft", title="Borrador", venue=places["chicago"],
                      publish=False)  # fmt: skip
    make_stop_route("Ruta borrador", places["chicago"], publish=False)
    live = make_organization(directory, "changed", title="Publicada", venue=places["chicago"])
    live.title_es = "Cambio sin publicar"
    live.save_revision()
    entries = directory_entries(parent=directory, filters={}, now=timezone.now())
    assert names(entries) == ["Publicada", "Visible"]


def test_the_directory_page_runs_the_same_queries_for_3_or_16_results(
    client, directory, places, django_assert_max_num_queries
):
    def build(count, start):
        for number in range(start, start + count):
            make_organization(directory, f"o{number}", title=f"Organización {number}",
                              venue=places["chicago"], services=["passport", "consular-id"],
                              served=["es", "mix"], on_request=["zap"], phone="312 555 0100",
                              website="https://example.org")  # fmt: skip
        make_stop_route(f"Ruta {start}", places["evanston"], served=["mix"])

    path = "/en/directory/?near=60607&language=mix&service=passport"
    client.get(path)  # the site's first request creates its navigation settings
    build(2, 0)  # each count is the first request after records changed
    with CaptureQueriesContext(connection) as few:
        body = client.get(path).content.decode()
    assert "Organización 1" in body and 'href="tel:3125550100"' in body
    assert body.count('class="directory-entry') == 3
    build(12, 2)
    with django_assert_max_num_queries(len(few)):
        body = client.get(path).content.decode()
    assert body.count('class="directory-entry') == 16


def _towards(lat, lon, bearing, km):
    """The point `km` away from (lat, lon) on a great circle leaving at `bearing` degrees."""
    import math

    from culture.geo import EARTH_RADIUS_KM

    angle, theta = km / EARTH_RADIUS_KM, math.radians(bearing)
    phi, lam = math.radians(lat), math.radians(lon)
    phi2 = math.asin(math.sin(phi) * math.cos(angle)
                     + math.cos(phi) * math.sin(angle) * math.cos(theta))  # fmt: skip
    lam2 = lam + math.atan2(math.sin(theta) * math.sin(angle) * math.cos(phi),
                            math.cos(angle) - math.sin(phi) * math.sin(phi2))  # fmt: skip
    lon2 = (math.degrees(lam2) + 540) % 360 - 180
    return Decimal(f"{math.degrees(phi2):.6f}"), Decimal(f"{lon2:.6f}")


@pytest.mark.parametrize("origin", [(41.8789, -87.6667), (64.5, 179.6)])  # Chicago; Chukotka
def test_the_radius_box_keeps_every_place_inside_the_circle(directory, origin):
    """The box of latitudes and longitudes (SQL) holds every place within the radius, whatever
    its bearing, across the antimeridian too; the exact distance then drops those outside."""
    from culture.geo import KM_PER_MILE, Place

    radius = 100
    for bearing in range(0, 360, 45):
        for share, label in ((0.98, "dentro"), (1.05, "fuera")):
            lat, lon = _towards(*origin, bearing, radius * KM_PER_MILE * share)
            place = make_place(f"{label} {bearing}", zone="UTC", lat=lat, lon=lon)
            make_organization(directory, f"{label}-{bearing}", title=f"{label} {bearing}",
                              venue=place)  # fmt: skip
    filters = {"origin": Place(*origin, "origen"), "radius": radius}
    found = names(directory_entries(parent=directory, filters=filters, now=AFTER_DST))
    assert sorted(found) == sorted(f"dentro {bearing}" for bearing in range(0, 360, 45))
