"""Dates in the piece editor: a positive year and its era (as on the public search), stored as a
signed year; a warning, not an error, when the years fall outside the piece's period or its
culture's documented span; and the text generated from the years and the qualifier shown in each
language's empty date text box."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.users.models import UserProfile

from heritage.models import Culture, Period, Piece
from heritage.widgets import SignedYearWidget
from tests.utils import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(client):
    user = get_user_model().objects.create_superuser("curadora", password="pw-curadora-1")
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language="es")
    client.force_login(user)
    return user


def test_the_widget_reads_and_writes_signed_years():
    widget = SignedYearWidget()
    assert widget.decompress(-1200) == ["1200", "bce"]
    assert widget.decompress(600) == ["600", "ce"]
    assert widget.decompress(None) == ["", "ce"]
    read = widget.value_from_datadict
    assert read({"y_0": "1200", "y_1": "bce"}, {}, "y") == "-1200"
    assert read({"y_0": " 600 ", "y_1": "ce"}, {}, "y") == "600"
    assert read({"y_0": "", "y_1": "bce"}, {}, "y") == ""
    assert read({"y_0": "doce", "y_1": "bce"}, {}, "y") == "doce"  # the field says what is wrong


def _save(client, number: str, period: str | None, start: tuple, end: tuple = ("", "ce"),
          qualifier: str = "exact", culture: str | None = None):  # fmt: skip
    """Saves a new piece from the editor, its years typed as (year, era)."""
    add_url = reverse("wagtailsnippets_heritage_piece:add")
    data = {
        **admin_form_data(client.get(add_url)),
        "catalog_number": number, "title_es": "Vasija", "date_qualifier": qualifier,
        "date_start_0": start[0], "date_start_1": start[1],
        "date_end_0": end[0], "date_end_1": end[1],
    }  # fmt: skip
    if period:
        data["period"] = Period.objects.get(code=period).pk
    if culture:
        data["culture"] = Culture.objects.get(code=culture).pk
    return client.post(add_url, data, follow=True)


def _warnings(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_a_bce_range_typed_with_eras_is_stored_signed_and_shown_as_typed(client, curator):
    response = _save(client, "REP-2024-000010", "preclasico-medio", ("900", "bce"), ("500", "bce"))
    assert response.status_code == 200
    piece = Piece.objects.get(catalog_number="REP-2024-000010")
    assert (piece.date_start, piece.date_end) == (-900, -500)
    edit = client.get(reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]))
    page = edit.content.decode()
    assert 'name="date_start_0" value="900"' in page
    assert '<option value="bce" selected>' in page
    assert not [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


def test_years_outside_the_period_save_with_a_warning_in_the_editors_language(client, curator):
    """The issue's case: −600 to −300 under "Early Preclassic" (−2500 to −1200)."""
    number = "REP-2024-000011"
    response = _save(client, number, "preclasico-temprano", ("600", "bce"), ("300", "bce"))
    piece = Piece.objects.get(catalog_number=number)  # saved all the same
    assert (piece.date_start, piece.date_end) == (-600, -300)
    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1, warnings
    assert warnings == [
        "Los años 600–300 a. C. quedan fuera de Preclásico Temprano (2500–1200 a. C.): "
        "¿es el periodo correcto?"
    ]


def test_years_outside_the_cultures_documented_span_save_with_a_warning(client, curator):
    """The issue's case: a Toltec bead dated 303–600 CE, in a period that fits the years."""
    number = "REP-2024-000014"
    response = _save(client, number, "clasico-temprano", ("300", "ce"), ("600", "ce"),
                     culture="tolteca")  # fmt: skip
    piece = Piece.objects.get(catalog_number=number)  # saved all the same
    assert (piece.date_start, piece.date_end) == (300, 600)
    assert _warnings(response) == [
        "Los años 300–600 d. C. quedan fuera del lapso documentado de la cultura Tolteca "
        "(900 d. C. – 1150): ¿es la cultura correcta?"
    ]


def test_years_outside_both_spans_get_both_warnings(client, curator):
    """A West Mexico shaft-tomb piece dated 2238–2038 BCE, in the Postclassic."""
    response = _save(client, "REP-2024-000015", "posclasico-tardio", ("2238", "bce"),
                     ("2038", "bce"), culture="occidente")  # fmt: skip
    assert _warnings(response) == [
        "Los años 2238–2038 a. C. quedan fuera de Posclásico Tardío (1200–1521): "
        "¿es el periodo correcto?",
        "Los años 2238–2038 a. C. quedan fuera del lapso documentado de la cultura Occidente "
        "(tradición de tumbas de tiro) (300 a. C. – 600 d. C.): ¿es la cultura correcta?",
    ]


def test_years_inside_the_spans_or_a_culture_without_one_save_without_a_word(client, curator):
    inside = _save(client, "REP-2024-000016", "preclasico-medio", ("900", "bce"),
                   ("700", "bce"), culture="olmeca")  # fmt: skip
    assert Piece.objects.filter(catalog_number="REP-2024-000016").exists()
    assert _warnings(inside) == []
    Culture.objects.create(code="paquime", label_es="Paquimé")  # a curator's, no span yet
    unknown = _save(client, "REP-2024-000017", None, ("1300", "ce"), culture="paquime")
    assert Piece.objects.filter(catalog_number="REP-2024-000017").exists()
    assert _warnings(unknown) == []


def test_a_span_open_at_one_end_bounds_only_the_other():
    from heritage.dates import outside_spans

    culture = Culture(code="abierta", label="Abierta", start_year=-200, end_year=None)
    assert outside_spans(Piece(culture=culture, date_start=-300, date_end=1800))
    assert not outside_spans(Piece(culture=culture, date_start=-100, date_end=1800))
    assert not outside_spans(Piece(culture=culture, date_end=-150))  # one year known
    assert not outside_spans(Piece(culture=culture))  # no years, nothing to say


def test_a_cultures_span_is_edited_in_its_editor_and_listed_with_its_years(client, curator):
    olmec = Culture.objects.get(code="olmeca")
    edit_url = reverse("wagtailsnippets_heritage_culture:edit", args=[olmec.pk])
    data = {**admin_form_data(client.get(edit_url)), "start_year": "-1400", "end_year": "-400"}
    client.post(edit_url, data)
    olmec.refresh_from_db()
    assert (olmec.start_year, olmec.end_year) == (-1400, -400)
    reversed_years = {**data, "start_year": "-400", "end_year": "-1400"}
    response = client.post(edit_url, reversed_years)
    assert "end_year" in response.context["form"].errors
    listing = client.get(reverse("wagtailsnippets_heritage_culture:list"))
    assert "1400–400 a. C." in listing.content.decode()


def test_a_year_that_is_not_a_number_is_a_field_error_not_a_500(client, curator):
    response = _save(client, "REP-2024-000012", None, ("doce", "bce"))
    assert response.status_code == 200
    assert "date_start" in response.context["form"].errors
    assert not Piece.objects.filter(catalog_number="REP-2024-000012").exists()


def _date_text_boxes(response) -> dict[str, dict]:
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return {
        box["name"]: {"placeholder": box.get("placeholder"), "value": box.get("value", "")}
        for box in soup.select("input[name^=date_display_]")
    }


def test_each_empty_date_text_box_shows_the_text_generated_for_its_language(client, curator):
    response = _save(client, "REP-2024-000013", None, ("600", "ce"), ("900", "ce"), "circa")
    piece = Piece.objects.get(catalog_number="REP-2024-000013")
    assert piece.date_qualifier == "circa"
    assert not (piece.date_display_es or piece.date_display_en or piece.date_display_nah)
    edit = client.get(reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]))
    assert _date_text_boxes(edit) == {
        "date_display_es": {"placeholder": "ca. 600–900 d. C.", "value": ""},
        "date_display_en": {"placeholder": "ca. 600–900 CE", "value": ""},
        "date_display_nah": {"placeholder": "ca. 600–900 d. C.", "value": ""},  # nah → es
    }
    assert "Deje la casilla vacía para usar el texto generado" in edit.content.decode()
    assert response.status_code == 200


def test_a_new_piece_shows_no_generated_text_until_it_has_years(client, curator):
    add = client.get(reverse("wagtailsnippets_heritage_piece:add"))
    assert {box["placeholder"] for box in _date_text_boxes(add).values()} == {""}


def test_the_editor_asks_the_generated_texts_while_the_years_change(client, curator):
    url = reverse("heritage_date_texts")
    texts = client.get(url, {"start": "-600", "end": "-300", "qualifier": "uncertain"}).json()
    assert texts == {"es": "600–300 a. C. (?)", "en": "600–300 BCE (?)", "nah": "600–300 a. C. (?)"}
    # A year it cannot read is no year; a qualifier pieces do not have is exact.
    unreadable = client.get(url, {"start": "doce", "end": "900", "qualifier": "unknown"}).json()
    assert unreadable["en"] == "900 CE"


def test_only_those_who_edit_pieces_may_ask_the_generated_texts(client):
    user = get_user_model().objects.create_user("lectora", password="pw-lectora-1")
    user.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("heritage_date_texts"), {"start": "600"})
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
