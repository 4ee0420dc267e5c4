"""The directory's other doors (issue 17, item 4): /api/v1/organizations with the page's filters
(through culture.directory) and /api/v1/services, schema.org JSON-LD on organization pages, and
the pages' sitemap. Drafts stay off them all (tests/test_leaks.py asks every channel too)."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.culture.factories import make_directory, make_organization, make_place

pytestmark = pytest.mark.django_db

WEEKDAYS_9_TO_5 = [(day, "09:00", "17:00") for day in range(5)]


@pytest.fixture
def directory(home):
    directory = make_directory(home)
    chicago = make_place("Chicago", zone="America/Chicago", lat=Decimal("41.8789"),
                         lon=Decimal("-87.6667"), hours=WEEKDAYS_9_TO_5, postal_code="60608",
                         street_address="204 S Ashland Ave", state="IL")  # fmt: skip
    la = make_place("Los Angeles", zone="America/Los_Angeles", lat=Decimal("34.0631"),
                    lon=Decimal("-118.2804"), hours=WEEKDAYS_9_TO_5)  # fmt: skip
    make_organization(directory, "defensa", title="Defensa Mixteca", venue=chicago,
                      services=["legal-immigration"], served=["es", "mix"], cost="free",
                      phone="+1 312 555 0100", website="https://defensa.example.org",
                      summary="Asesoría migratoria gratuita.")  # fmt: skip
    make_organization(directory, "consulado", title="Consulado de Los Ángeles", venue=la,
                      kind="consulate", services=["passport", "consular-id"], served=["es"],
                      on_request=["zap"])  # fmt: skip
    make_organization(directory, "red", title="Red Comunitaria", kind="community",
                      service_area="Todo Illinois", service_states="IL")  # fmt: skip
    make_organization(directory, "borrador", title="Borrador oculto", venue=chicago,
                      services=["legal-immigration"], served=["mix"], publish=False)  # fmt: skip
    return directory


def test_the_organizations_api_filters_as_the_page_nearest_first(client, directory):
    answer = client.get("/api/v1/organizations", {"lang": "en", "near": "60607",
                                                  "radius": 250})  # fmt: skip
    assert answer.status_code == 200 and answer["Access-Control-Allow-Origin"] == "*"
    body = answer.json()
    assert [item["slug"] for item in body["results"]] == ["defensa"] and body["count"] == 1
    found = body["results"][0]
    assert found["distance_km"] < 5 and found["kind_label"] == "Legal-aid organization"
    assert found["url"] == "http://testserver/en/directory/defensa/"
    assert [lang["code"] for lang in found["languages_served"]] == ["es", "mix"]
    assert {"code": "mix", "label": "Mixtec", "indigenous": True} in found["languages_served"]
    assert found["hours"][0] == {"weekday": 0, "opens": "09:00", "closes": "17:00"}

    mixtec = client.get("/api/v1/organizations?language=mix&service=legal-immigration").json()
    assert [item["slug"] for item in mixtec["results"]] == ["defensa"]
    zapotec = client.get("/api/v1/organizations?language=zap&lang=es").json()
    assert [item["slug"] for item in zapotec["results"]] == ["consulado"]  # by interpretation
    every = client.get("/api/v1/organizations?lang=es").json()
    assert sorted(item["slug"] for item in every["results"]) == ["consulado", "defensa", "red"]
    assert every["count"] == 3
    assert client.get("/api/v1/organizations?kind=mobile-consulate").json()["count"] == 0


def test_the_organizations_api_reads_in_constant_queries(
    client, directory, django_assert_max_num_queries
):
    client.get("/api/v1/organizations?lang=es")  # the site's routes, kept afterwards
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/organizations?lang=es")
    for slug in ("otra", "mas", "tercera"):
        make_organization(directory, slug, venue=make_place(slug, zone="America/Chicago",
                                                             hours=WEEKDAYS_9_TO_5),
                          services=["passport"], served=["es", "mix"])  # fmt: skip
    with django_assert_max_num_queries(len(few)):
        assert client.get("/api/v1/organizations?lang=es").json()["count"] == 6


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("service=nothing", "service"), ("radius=7&near=60607", "radius"), ("lang=xx", None),
     ("limit=0", "limit")],
)  # fmt: skip
def test_bad_filters_answer_json_400_naming_the_parameter(client, directory, query, parameter):
    answer = client.get(f"/api/v1/organizations?{query}")
    assert answer.status_code == 400 and answer["Content-Type"].startswith("application/json")
    detail = answer.json()["detail"]
    assert (parameter in [item["parameter"] for item in detail]) if parameter else not detail


def test_the_services_api_gives_labels_and_synonyms_in_the_language_asked(client, db):
    spanish = {item["code"]: item for item in client.get("/api/v1/services?lang=es").json()}
    english = {item["code"]: item for item in client.get("/api/v1/services?lang=en").json()}
    assert "pasaporte" in spanish["passport"]["synonyms"]
    assert english["passport"]["synonyms"] == ["passport", "passports"]
    assert "matrícula" in spanish["consular-id"]["synonyms"]
    assert english["consular-id"]["group_label"] == "Consular procedures"
    head = client.head("/api/v1/services")
    assert head.status_code == 200 and head.content == b""
    options = client.options("/api/v1/organizations")
    assert options.status_code in (200, 204) and "GET" in options["Allow"]


def _json_ld(client, path) -> dict:
    page = BeautifulSoup(client.get(path).content, "html.parser")
    (script,) = page.select('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_organization_pages_carry_schema_org_data(client, directory):
    legal = _json_ld(client, "/en/directory/defensa/")
    assert legal["@type"] == "LegalService" and legal["name"] == "Defensa Mixteca"
    assert legal["url"] == "http://testserver/en/directory/defensa/"
    assert legal["telephone"] == "+1 312 555 0100"
    assert legal["address"]["postalCode"] == "60608"
    assert legal["geo"] == {"@type": "GeoCoordinates", "latitude": 41.8789, "longitude": -87.6667}
    assert legal["openingHoursSpecification"][0] == {
        "@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday",
        "opens": "09:00", "closes": "17:00"}  # fmt: skip
    assert len(legal["openingHoursSpecification"]) == 5
    assert legal["availableLanguage"] == [
        {"@type": "Language", "name": "Spanish", "alternateName": "es"},
        {"@type": "Language", "name": "Mixtec", "alternateName": "mix"},
    ]
    consulate = _json_ld(client, "/es/directorio/consulado/")
    assert consulate["@type"] == "GovernmentOffice"
    assert {"name": "Zapoteco", "alternateName": "zap"}.items() <= consulate[
        "availableLanguage"][1].items()  # fmt: skip
    community = _json_ld(client, "/es/directorio/red/")
    assert community["@type"] == "Organization" and community["areaServed"] == "Todo Illinois"
    assert "address" not in community and "openingHoursSpecification" not in community


def test_the_sitemap_lists_public_organizations_only(client, directory):
    body = client.get("/sitemap-pages.xml").content.decode()
    assert "/es/directorio/defensa/" in body and "/en/directory/consulado/" in body
    assert "borrador" not in body
