"""The search contract: the pinned query body and the requests it refuses."""

import json
from pathlib import Path

import pytest

from heritage.catalog import CatalogQuery, InvalidQuery
from search.query import (
    build_content_search,
    build_search,
    build_suggest,
)

PINNED = Path(__file__).with_name("expected_query_combined.json")
PINNED_SMALL = Path(__file__).with_name("expected_queries_small.json")


def test_combined_query_body_is_exactly_the_pinned_json():
    request = CatalogQuery(
        text="vasija",
        language="en",
        filters={"culture": ("maya",), "method": ("seizure", "donation")},
        date_from=-500,
        date_to=700,
        page_size=20,
    )
    assert build_search(request, "retorno-pieces").to_dict() == json.loads(PINNED.read_text())


def test_a_page_of_a_counted_filter_set_asks_for_no_counts():
    """search.service keeps a filter set's counts and total: its other pages are asked without
    aggregations and without counting the hits; the rest of the body is the pinned one."""
    request = CatalogQuery(text="vasija", language="en", filters={"culture": ("maya",)},
                           date_from=-500, date_to=700, with_facets=False)  # fmt: skip
    body = build_search(request, "retorno-pieces", total=False).to_dict()
    pinned = json.loads(PINNED.read_text())
    del pinned["aggs"]
    pinned["track_total_hits"] = False
    pinned["post_filter"] = {"bool": {"filter": [{"terms": {"culture": ["maya"]}}]}}
    assert body == pinned


@pytest.mark.parametrize(
    ("kwargs", "parameter"),
    [
        ({"date_from": 700, "date_to": -500}, "date_from"),
        ({"filters": {"colour": ("red",)}}, "colour"),
        ({"page_size": 101}, "page_size"),
        ({"sort": "random"}, "sort"),
        ({"language": "fr"}, "lang"),
    ],
)
def test_bad_requests_name_the_parameter(kwargs, parameter):
    with pytest.raises(InvalidQuery) as error:
        CatalogQuery(**kwargs)
    assert error.value.parameter == parameter


def test_autocomplete_and_content_query_bodies_are_exactly_the_pinned_json():
    bodies = {
        "suggest_nah": build_suggest("teoti", "nah", "retorno-pieces", 8).to_dict(),
        "content_en": build_content_search("codex", "en", "retorno-pages", 5).to_dict(),
    }
    assert bodies == json.loads(PINNED_SMALL.read_text())
