"""Catalog validation and the computed parts of a record (date labels, provenance gaps)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from heritage.choices import DateQualifier, ProvenanceEventType
from heritage.dates import year_range_label
from heritage.models import Period, Piece, ProvenanceEvent, RecoveryCase, provenance_timeline

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    return error.value.message_dict


def test_piece_dates_must_be_in_order_and_say_so_in_spanish():
    piece = Piece(catalog_number="REP-2021-000001", title_es="Vasija", date_start=900, date_end=600)
    with translation.override("es"):
        errors = errors_of(piece)
    assert errors["date_end"] == ["El año final no puede ser anterior al año inicial."]


def test_piece_dimensions_must_be_positive_and_coordinates_paired():
    piece = Piece(catalog_number="REP-2021-000002", title_es="Vasija", height_cm=0, find_lat=19.4)
    errors = errors_of(piece)
    assert "height_cm" in errors
    assert "find_lon" in errors


def test_catalog_number_has_a_stable_form():
    piece = Piece(catalog_number="rep 2021/1", title_es="Vasija")
    assert "catalog_number" in errors_of(piece)


def test_spanish_title_is_required():
    piece = Piece(catalog_number="REP-2021-000003", title_en="Only English")
    assert "title_es" in errors_of(piece)


def test_case_dates_follow_each_other():
    import datetime

    case = RecoveryCase(
        code="CASE-1",
        title_es="Caso",
        method_id=1,
        date_handed_over=datetime.date(2021, 5, 1),
        date_received=datetime.date(2021, 4, 1),
    )
    assert "date_received" in errors_of(case)


def test_provenance_event_unknown_date_has_no_years():
    event = ProvenanceEvent(
        event_type=ProvenanceEventType.SALE, date_qualifier=DateQualifier.UNKNOWN, year_start=1950
    )
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert "date_qualifier" in error.value.message_dict


def test_seeded_periods_carry_signed_year_ranges():
    preclassic = Period.objects.get(code="preclasico-medio")
    assert (preclassic.start_year, preclassic.end_year) == (-1200, -400)
    assert preclassic.parent.code == "preclasico"


@pytest.mark.parametrize(
    ("start", "end", "english"),
    [
        (600, 900, "600–900 CE"),
        (-1200, -900, "1200–900 BCE"),
        (-300, 250, "300 BCE – 250 CE"),
        (1519, 1521, "1519–1521"),
        (-500, None, "500 BCE"),
    ],
)
def test_year_range_labels(start, end, english):
    with translation.override("en"):
        assert year_range_label(start, end) == english


def test_year_range_labels_in_spanish():
    with translation.override("es"):
        assert year_range_label(600, 900) == "600–900 d. C."
        assert year_range_label(-1200, -900) == "1200–900 a. C."


def test_timeline_shows_gaps_and_keeps_unknown_dates():
    events = [
        ProvenanceEvent(event_type="find", date_qualifier=DateQualifier.UNKNOWN),
        ProvenanceEvent(event_type="acquisition", year_start=1950, year_end=1950),
        ProvenanceEvent(event_type="auction", year_start=1987, year_end=1987),
        ProvenanceEvent(event_type="return", year_start=1988, year_end=1988),
    ]
    timeline = provenance_timeline(events)
    kinds = [("gap" if entry.gap else entry.event.event_type) for entry in timeline]
    assert kinds == ["find", "acquisition", "gap", "auction", "return"]
    gap = timeline[2].gap
    assert (gap.after_year, gap.before_year) == (1950, 1987)
