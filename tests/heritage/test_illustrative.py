"""Illustrative data a researcher would not laugh at: each seeded culture has its documented
span, and every demo and synthetic piece is dated inside its culture's and its period's spans,
made of what that culture made."""

import random

import pytest
from django.core.management import call_command

from heritage.illustrative import WORKS, PlausiblePieces, Work
from heritage.models import Culture, Period, Piece
from heritage.synthetic import generate_catalog, synthetic_rows
from heritage.vocabulary_seed import CULTURES, MATERIALS, OBJECT_TYPES, TECHNIQUES

pytestmark = pytest.mark.django_db

METALS = {"oro", "cobre"}


def codes(rows) -> set[str]:
    return {row[0] for row in rows}


def test_the_span_table_covers_every_seeded_culture_and_the_database_holds_it():
    assert len(codes(CULTURES)) == len(CULTURES)
    for code, _es, _en, start, end in CULTURES:
        assert -2500 <= start < end <= 1700, code
    seeded = {code: (start, end) for code, _es, _en, start, end in CULTURES}
    stored = {
        culture.code: (culture.start_year, culture.end_year)
        for culture in Culture.objects.filter(code__in=seeded)
    }
    assert stored == seeded  # migration 0011 filled them


def test_the_spans_of_the_issues_examples():
    spans = {code: (start, end) for code, _es, _en, start, end in CULTURES}
    assert spans["olmeca"] == (-1500, -400)
    assert spans["occidente"] == (-300, 600)
    assert spans["tolteca"] == (900, 1150)
    assert spans["mexica"] == (1325, 1521)


def test_every_culture_has_works_written_with_seeded_codes():
    assert set(WORKS) == codes(CULTURES)
    for culture, works in WORKS.items():
        assert works, culture
        for work in works:
            assert work.object_type in codes(OBJECT_TYPES), (culture, work)
            assert set(work.materials) <= codes(MATERIALS), (culture, work)
            assert set(work.techniques) <= codes(TECHNIQUES), (culture, work)


def test_no_metal_before_mesoamerican_metallurgy_and_every_work_can_be_dated():
    spans = {code: (start, end) for code, _es, _en, start, end in CULTURES}
    plausible = PlausiblePieces()
    for culture, works in WORKS.items():
        start, end = spans[culture]
        choices = plausible.choices[Culture.objects.get(code=culture)]
        drawable = {choice.object_type.code for choice in choices}
        for work in works:
            earliest = max(start, work.since or start)
            assert earliest < end, (culture, work)
            assert work.object_type in drawable, (culture, work)
            if METALS & set(work.materials):
                assert earliest >= 600, (culture, work)  # West Mexico, ca. 600–800 CE


def _fits(work: Work, object_type: str, materials: set[str], techniques: set[str], start: int):
    return (
        work.object_type == object_type
        and materials <= set(work.materials)
        and techniques <= set(work.techniques)
        and (work.since is None or start >= work.since)
    )


def assert_plausible(culture: str, period, start: int, end: int, object_type: str,
                     materials: set[str], techniques: set[str]):  # fmt: skip
    """Inside the culture's span and the period's; a work the culture made, in its materials."""
    spans = {code: (low, high) for code, _es, _en, low, high in CULTURES}
    low, high = spans[culture]
    where = (culture, period.code, start, end, object_type, materials)
    assert low <= start < end <= high, where
    assert period.parent_id is not None, where  # a subperiod: the finer claim
    assert period.start_year <= start and end <= period.end_year, where
    assert max(low, period.start_year) < min(high, period.end_year), where  # they overlap
    assert 0 not in (start, end), where  # there is no year 0
    assert materials, where
    assert any(_fits(work, object_type, materials, techniques, start) for work in WORKS[culture]), (
        where
    )


def assert_pieces_plausible(pieces) -> None:
    pieces = pieces.select_related("culture", "period", "object_type").prefetch_related(
        "materials", "techniques"
    )
    for piece in pieces:
        assert piece.is_illustrative, piece.catalog_number
        assert_plausible(
            piece.culture.code,
            piece.period,
            piece.date_start,
            piece.date_end,
            piece.object_type.code,
            {term.code for term in piece.materials.all()},
            {term.code for term in piece.techniques.all()},
        )


def test_every_demo_piece_is_dated_inside_its_culture_and_period_and_made_plausibly(
    settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo = Piece.objects.filter(catalog_number__startswith="DEMO-")
    assert demo.count() == 80
    assert set(demo.values_list("culture__code", flat=True)) == codes(CULTURES)
    assert_pieces_plausible(demo)
    mask = demo.filter(object_type__code="mascara").first()
    assert "(ilustrativo)" in mask.title_es and "(illustrative)" in mask.title_en


def test_a_synthetic_catalog_is_plausible_too():
    generate_catalog(pieces=2000, seed=11)
    pieces = Piece.objects.filter(catalog_number__startswith="SYN-11-")
    assert pieces.count() == 2000
    assert_pieces_plausible(pieces)
    assert set(pieces.values_list("culture__code", flat=True)) == codes(CULTURES)


def test_synthetic_import_rows_are_plausible_and_the_same_for_a_seed():
    rows = synthetic_rows(count=500, seed=3)
    assert rows == synthetic_rows(count=500, seed=3)
    assert rows != synthetic_rows(count=500, seed=4)
    periods = {period.code: period for period in Period.objects.all()}
    for row in rows:
        assert_plausible(
            row["culture"],
            periods[row["period"]],
            int(row["date_start"]),
            int(row["date_end"]),
            row["object_type"],
            set(row["materials"].split("|")),
            set(filter(None, row["techniques"].split("|"))),
        )


def test_drawing_a_piece_asks_the_database_nothing(django_assert_num_queries):
    plausible = PlausiblePieces()
    rng = random.Random(5)  # noqa: S311 - test data
    with django_assert_num_queries(0):
        drawn = [plausible.draw(rng) for _ in range(500)]
    assert len({piece.culture.code for piece in drawn}) == len(CULTURES)


def test_a_culture_without_a_span_is_left_out_of_the_drawing():
    Culture.objects.filter(code="olmeca").update(start_year=None, end_year=None)
    Culture.objects.create(code="paquime", label="Paquimé", start_year=1200, end_year=1450)
    cultures = {culture.code for culture in PlausiblePieces().cultures}
    assert cultures == codes(CULTURES) - {"olmeca"}  # Paquimé has no works declared
