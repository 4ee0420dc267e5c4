"""Dates in the piece editor: a positive year and its era (as on the public search), stored as a
signed year; and a warning, not an error, when the years fall outside the piece's period."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

from heritage.models import Period, Piece
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


def _save(client, number: str, period: str | None, start: tuple, end: tuple = ("", "ce")):
    """Saves a new piece from the editor, its years typed as (year, era)."""
    add_url = reverse("wagtailsnippets_heritage_piece:add")
    data = {
        **admin_form_data(client.get(add_url)),
        "catalog_number": number, "title_es": "Vasija",
        "date_start_0": start[0], "date_start_1": start[1],
        "date_end_0": end[0], "date_end_1": end[1],
    }  # fmt: skip
    if period:
        data["period"] = Period.objects.get(code=period).pk
    return client.post(add_url, data, follow=True)


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


def test_a_year_that_is_not_a_number_is_a_field_error_not_a_500(client, curator):
    response = _save(client, "REP-2024-000012", None, ("doce", "bce"))
    assert response.status_code == 200
    assert "date_start" in response.context["form"].errors
    assert not Piece.objects.filter(catalog_number="REP-2024-000012").exists()
