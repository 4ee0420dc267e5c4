"""Fixtures of the stories' tests: a published stories index under the test home page."""

import pytest

from tests.stories.factories import make_stories_index


@pytest.fixture
def stories_index(home):
    return make_stories_index(home)
