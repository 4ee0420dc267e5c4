"""The search contract: the pinned query body and the requests it refuses."""

import json
from pathlib import Path

import pytest

from search.query import InvalidSearch, SearchRequest, build_search

PINNED = Path(__file__).with_name("expected_query_combined.json")


def test_combined_query_body_is_exactly_the_pinned_json():
    request = SearchRequest(
        text="vasija",
        language="en",
        filters={"culture": ("maya",), "method": ("seizure", "donation")},
        date_from=-500,
        date_to=700,
        page_size=20,
    )
    assert build_search(request, "retorno-pieces").to_dict() == json.loads(PINNED.read_text())


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
    with pytest.raises(InvalidSearch) as error:
        SearchRequest(**kwargs)
    assert error.value.parameter == parameter
