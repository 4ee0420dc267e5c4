"""“Ask for a stop here”: the public request form (consent, honeypot, rate limit), the admin's
listing by place with a count per postal code, and its formula-safe CSV export."""

import csv
import io

import pytest
from django.urls import reverse

from culture.models import ProgramLanguage, Service, StopRequest, StopRequestPage
from tests.culture.factories import make_directory

pytestmark = pytest.mark.django_db


def make_stop_request_page(home) -> StopRequestPage:
    directory = make_directory(home)
    page = StopRequestPage(
        title_es="Pide una parada", title_en="Ask for a stop", slug="pedir-parada",
        slug_es="pedir-parada", slug_en="ask-for-a-stop",
        privacy_notice_es="Guardamos el lugar y lo que pides.",
        privacy_notice_en="We keep the place and what you ask for.",
    )  # fmt: skip
    directory.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def request_page(home):
    return make_stop_request_page(home)


def answer(**fields):
    passport = Service.objects.get(code="passport")
    mixtec = ProgramLanguage.objects.get(code="mix")
    return {"postal_code": "60607", "city": "Chicago", "services": [passport.pk],
            "languages": [mixtec.pk], "people": "40", "privacy_consent": "on",
            **fields}  # fmt: skip


URL = "/en/directory/ask-for-a-stop/"


def test_a_request_in_english_is_stored_with_its_terms(client, request_page):
    page = client.get(URL).content.decode()
    assert "We keep the place and what you ask for." in page and "Mixtec" in page
    response = client.post(URL, answer())
    assert response.status_code == 200 and 'id="stop-request-sent"' in response.content.decode()
    stored = StopRequest.objects.get()
    assert (stored.postal_code, stored.people, stored.language) == ("60607", 40, "en")
    assert [s.code for s in stored.services.all()] == ["passport"]
    assert [lang.code for lang in stored.languages.all()] == ["mix"]


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [({"privacy_consent": ""}, "privacy_consent"), ({"postal_code": "", "city": ""}, None),
     ({"services": []}, "services"), ({"people": "0"}, "people")],
)  # fmt: skip
def test_consent_a_place_services_and_people_are_required(client, request_page, fields,
                                                          error_field):  # fmt: skip
    response = client.post(URL, answer(**fields))
    assert response.status_code == 400 and not StopRequest.objects.exists()
    html = response.content.decode()
    assert (f'id="err_{error_field}"' in html) if error_field else "postal code or the city" in html


def test_the_honeypot_drops_the_request_yet_thanks(client, request_page):
    response = client.post(URL, answer(website_url="http://spam.example"))
    assert response.status_code == 200 and 'id="stop-request-sent"' in response.content.decode()
    assert not StopRequest.objects.exists()


def test_a_client_is_limited_per_hour(client, request_page, settings):
    settings.CONSULTATION_RATE_LIMIT = (2, 3600)
    assert [client.post(URL, answer()).status_code for _ in range(3)] == [200, 200, 429]
    assert StopRequest.objects.count() == 2
    assert client.post(URL, answer(), REMOTE_ADDR="192.0.2.9").status_code == 200


def test_the_admin_lists_requests_by_place_and_exports_formula_safe_csv(client, admin_client,
                                                                         request_page):  # fmt: skip
    client.post(URL, answer(contact='=HYPERLINK("http://evil.example","x")'))
    client.post(URL, answer(postal_code="60608", city="+Cicero", contact="@SUM(1+1)"))
    client.post(URL, answer(people="12"))
    index = reverse("wagtailsnippets_culture_stoprequest:list")
    html = admin_client.get(index).content.decode()
    assert html.index("60607") < html.index("60608")  # grouped by place
    response = admin_client.get(index, {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    by_code = {}
    for row in rows[1:]:
        by_code.setdefault(row[0], []).append(row)
    assert {code: [row[1] for row in found] for code, found in by_code.items()} == {
        "60607": ["2", "2"], "60608": ["1"]}  # fmt: skip
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://evil.example","x")' in cells
    assert "'+Cicero" in cells and "'@SUM(1+1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
