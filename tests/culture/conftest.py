"""Fixtures of the programs' tests: a venue in Chicago and a published program index."""

import pytest

from tests.culture.factories import make_chicago_venue, make_programs_index


@pytest.fixture
def venue():
    return make_chicago_venue()


@pytest.fixture
def programs_index(home):
    return make_programs_index(home)
