"""The index definition is pinned as exact JSON; documents carry public data only."""

import json
from pathlib import Path

import pytest

from search.documents import content_index, piece_index
from search.indexing import piece_document
from tests.utils import make_case, make_piece

EXPECTED = Path(__file__).with_name("expected_piece_index.json")
EXPECTED_CONTENT = Path(__file__).with_name("expected_content_index.json")


def test_piece_index_definition_is_exactly_the_pinned_json():
    assert piece_index("pinned").to_dict() == json.loads(EXPECTED.read_text())


def test_content_index_definition_is_exactly_the_pinned_json():
    assert content_index("pinned").to_dict() == json.loads(EXPECTED_CONTENT.read_text())


@pytest.mark.django_db
def test_piece_document_holds_codes_languages_and_the_signed_date_range():
    import datetime

    case = make_case(
        "CASE-1",
        legal_basis="unesco_1970",
        holder_type="auction_house",
        date_received=datetime.date(2021, 9, 14),
    )
    piece = make_piece(
        "REP-1",
        case=case,
        title_es="Vasija de Teotihuacán",
        title_en="",
        description_es="Cerámica",
        date_start=-300,
        date_end=250,
        find_site="Sitio oculto",
        restriction_reason="nada",
    )
    document = piece_document(piece).to_dict(include_meta=True)
    assert document["_id"] == piece.pk
    source = document["_source"]
    assert source["dates"] == {"gte": -300, "lte": 250}
    assert source["period"] == ["clasico-tardio", "clasico"]  # with its broader period
    # every facet of heritage.catalog.FACETS, as codes
    assert {
        name: source.get(name)
        for name in ("culture", "method", "country", "case", "legal_basis", "holder_type")
    } == {
        "culture": ["maya"],
        "method": ["seizure"],
        "country": ["us"],
        "case": ["CASE-1"],
        "legal_basis": ["unesco_1970"],
        "holder_type": ["auction_house"],
    }
    assert (source["authenticity"], source["recovered"]) == (["under_study"], 2021)
    assert "title_en" not in source  # empty translations are not indexed as text
    assert source["fallback"] == "Vasija de Teotihuacán Cerámica"
    assert "Sitio oculto" not in json.dumps(source, ensure_ascii=False)
    assert "nada" not in json.dumps(source, ensure_ascii=False)
