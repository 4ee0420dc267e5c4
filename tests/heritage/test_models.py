"""Catalog validation and the computed parts of a record (date texts, provenance gaps)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from heritage.choices import DateQualifier, ProvenanceEventType
from heritage.dates import date_text, year_range_label
from heritage.models import Period, Piece, ProvenanceEvent, RecoveryCase, provenance_timeline
from tests.utils import make_piece

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


# Nahuatl dates keep the era abbreviations (a. C., d. C.) and "ca." of Spanish; "before" and
# "after" are its own words (the draft catalogue, issue 15 item 4).
NAHUATL_WORDS = {"antes de": "achtopa", "después de": "zatepan"}


@pytest.mark.parametrize(
    ("start", "end", "qualifier", "spanish", "english"),
    [
        (600, 900, "exact", "600–900 d. C.", "600–900 CE"),
        (600, 900, "circa", "ca. 600–900 d. C.", "ca. 600–900 CE"),
        (-1200, -900, "exact", "1200–900 a. C.", "1200–900 BCE"),
        (-1200, -900, "circa", "ca. 1200–900 a. C.", "ca. 1200–900 BCE"),
        (-300, 250, "exact", "300 a. C. – 250 d. C.", "300 BCE – 250 CE"),
        (-300, 250, "uncertain", "300 a. C. – 250 d. C. (?)", "300 BCE – 250 CE (?)"),
        (None, 1521, "before", "antes de 1521", "before 1521"),
        (-500, None, "after", "después de 500 a. C.", "after 500 BCE"),
        (1519, 1521, "circa", "ca. 1519–1521", "ca. 1519–1521"),
        (None, None, "circa", "", ""),
    ],
)
def test_date_texts_generated_in_each_language(start, end, qualifier, spanish, english):
    nahuatl = spanish
    for spanish_words, nahuatl_word in NAHUATL_WORDS.items():
        nahuatl = nahuatl.replace(spanish_words, nahuatl_word)
    texts = {"es": spanish, "en": english, "nah": nahuatl}
    for language, text in texts.items():
        assert date_text(start, end, qualifier, language=language) == text
    with translation.override("en"):  # the active language when none is named
        assert date_text(start, end, qualifier) == english


def test_the_date_label_is_the_curators_text_in_the_readers_language_else_generated():
    piece = make_piece("REP-2021-000010", date_start=600, date_end=900, date_qualifier="circa",
                       date_display_es="finales del Clásico", date_display_en="")  # fmt: skip
    labels = {}
    for language in ("es", "en", "nah"):
        with translation.override(language):
            labels[language] = piece.date_label
    # English falls back to Spanish (the project's modeltranslation fallback), as Nahuatl does.
    assert labels == {"es": "finales del Clásico", "en": "finales del Clásico",
                      "nah": "finales del Clásico"}  # fmt: skip
    piece.date_display_en = "Late Classic"
    piece.date_display_es = ""
    with translation.override("en"):
        assert piece.date_label == "Late Classic"
    with translation.override("es"):
        assert piece.date_label == "Late Classic"  # Spanish falls back to English
    piece.date_display_en = ""
    for language, generated in (("es", "ca. 600–900 d. C."), ("en", "ca. 600–900 CE"),
                                ("nah", "ca. 600–900 d. C.")):  # fmt: skip
        with translation.override(language):
            assert piece.date_label == generated


def test_provenance_events_word_their_dates_as_pieces_do():
    event = ProvenanceEvent(event_type="sale", date_qualifier=DateQualifier.CIRCA, year_start=1950)
    unknown = ProvenanceEvent(event_type="find", date_qualifier=DateQualifier.UNKNOWN)
    with translation.override("es"):
        assert (event.year_label, unknown.year_label) == ("ca. 1950", "fecha desconocida")
    with translation.override("en"):
        assert (event.year_label, unknown.year_label) == ("ca. 1950", "date unknown")


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
