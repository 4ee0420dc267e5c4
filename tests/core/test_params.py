"""The rules every door applies to its parameters (core.params): digits of any script are read
as ASCII digits — the same answer as with ASCII, never a 500 nor another result — characters
that only look like digits are refused, and a NUL is refused at the door."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.params import ascii_digits
from culture.geo import locate
from tests.culture.factories import make_program, weekly
from tests.utils import make_piece

pytestmark = pytest.mark.django_db


def test_digits_of_every_script_read_as_ascii():
    assert ascii_digits("٣٠٠") == ascii_digits("３００") == ascii_digits("३००") == "300"
    assert ascii_digits("-٥٠٠") == "-500" and ascii_digits("٦٠٦٠٧-١٢٣٤") == "60607-1234"
    assert ascii_digits("²½Ⅻ") == "²½Ⅻ"  # look like digits, are not decimal digits
    assert ascii_digits("Año ٢٠٢٦, vasija") == "Año 2026, vasija"


def test_postal_codes_in_any_digits_find_the_same_place():
    chicago = locate("60607")
    assert chicago is not None
    assert locate("٦٠٦٠٧") == locate("６０６０７") == locate("60607-1234") == chicago
    assert locate("６０６０７-１２３４") == chicago


@pytest.fixture
def pieces(catalog):
    make_piece("REP-1", date_start=600, date_end=900)
    make_piece("REP-2", date_start=-500, date_end=-100)


@pytest.mark.parametrize(
    "url, params",
    [
        ("/api/v1/pieces", {"year_from": "{}", "year_to": "{}"}),
        ("/api/v1/search/pieces", {"date_from": "{}", "date_to": "{}"}),
    ],
)
def test_api_numbers_in_other_scripts_give_the_ascii_answer(client, pieces, url, params):
    def ask(digits):
        return client.get(url, {name: value.format(digits) for name, value in params.items()})

    expected = ask("700")
    assert expected.status_code == 200
    for digits in ("٧٠٠", "７００", "७००"):
        answer = ask(digits)
        assert answer.status_code == 200 and answer.json() == expected.json()
    refused = ask("7²")
    assert refused.status_code == 400 and refused.json()["error"]


def test_catalog_page_years_and_page_numbers_in_other_scripts(client, pieces):
    ascii_page = client.get("/es/catalogo/", {"year_from": "-600", "year_to": "-200"})
    arabic = client.get("/es/catalogo/", {"year_from": "-٦٠٠", "year_to": "-٢٠٠", "start": "١"})
    assert ascii_page.status_code == arabic.status_code == 200
    assert "REP-2" in arabic.content.decode() and "REP-1" not in arabic.content.decode()
    lookalike = client.get("/es/catalogo/", {"year_from": "6²"})
    assert lookalike.status_code == 400 and "REP-1" not in lookalike.content.decode()


@pytest.fixture
def program(home):
    from culture.models import ProgramIndexPage, Venue

    index = ProgramIndexPage(title_es="Programas", slug_es="programas")
    home.add_child(instance=index)
    index.save_revision().publish()
    venue = Venue.objects.create(name="Casa", name_es="Casa", city="Chicago", state="IL",
                                 latitude=Decimal("41.8781"), longitude=Decimal("-87.6298"),
                                 timezone="America/Chicago")  # fmt: skip
    start = timezone.now() + timedelta(days=3)
    return make_program(index, "taller", title_es="Taller de náhuatl",
                        sessions=[weekly(venue, start)])  # fmt: skip


def test_programs_near_a_postal_code_and_months_in_other_scripts(client, program):
    html = client.get("/es/programas/", {"near": "٦٠٦٠٧", "radius": "٢٥"}).content.decode()
    assert "Taller de náhuatl" in html and 'class="form-errors"' not in html
    month = timezone.localdate() + timedelta(days=3)
    arabic_month = month.strftime("%Y-%m").translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    html = client.get("/es/programas/", {"view": "month", "month": arabic_month}).content.decode()
    assert "Taller de náhuatl" in html
    api = client.get("/api/v1/programs", {"near": "６０６０７", "date_from": "٢٠٢٠-٠١-٠١"})
    assert api.status_code == 200 and [p["slug"] for p in api.json()["results"]] == ["taller"]


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1899-12", "99999-01", "2026-13"])
def test_months_out_of_reach_are_explained_not_a_500(client, program, month):
    response = client.get("/es/programas/", {"view": "month", "month": month})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="err_month"' in html and "Taller de náhuatl" not in html


@pytest.mark.parametrize(
    "url",
    ["/es/catalogo/", "/es/catalogo/export/json/", "/es/buscar/", "/es/programas/",
     "/api/v1/pieces", "/api/v1/search/pieces", "/api/v1/programs"],
)  # fmt: skip
def test_a_nul_in_any_parameter_is_refused_at_the_door(client, pieces, program, url):
    response = client.get(url, {"q": "vasija\x00", "near": "6\x000607"})
    assert response.status_code == 400
    if url.startswith("/api/"):
        body = response.json()
        assert body["error"] == "invalid_parameters"
        assert {item["parameter"] for item in body["detail"]} == {"q", "near"}
    else:
        assert "carácter NUL" in response.content.decode()
    assert client.get(url, {"q": "vasija"}).status_code == 200
