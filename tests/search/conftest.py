import os
import uuid

import pytest

from search.engines import get_engine


def live_url() -> str:
    return os.environ.get("TEST_OPENSEARCH_URL", "")


@pytest.fixture
def live_engine(settings):
    """The search engine on a live OpenSearch node, under a prefix of its own."""
    url = live_url()
    if not url:
        reason = "no live OpenSearch node: set TEST_OPENSEARCH_URL (make test starts one)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the live search tests: {reason}")
        pytest.skip(reason)
    settings.OPENSEARCH_URL = url
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    engine = get_engine()
    yield engine
    engine.drop()
