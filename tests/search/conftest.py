import os
import uuid

import pytest

from search.engines import get_engine

ENGINES = ("database", "opensearch", "elasticsearch")


def live_url() -> str:
    return os.environ.get("TEST_OPENSEARCH_URL", "")


def _node_engine(settings, kind: str):
    """The engine on a live node, under a prefix of its own; skips (or fails in CI) without
    one."""
    if kind == "opensearch":
        url = live_url()
        reason = "no live OpenSearch node: set TEST_OPENSEARCH_URL (make test starts one)"
        if not url and os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the live search tests: {reason}")
    else:
        url = os.environ.get("ELASTICSEARCH_URL", "")
        reason = "no Elasticsearch 8 node: set ELASTICSEARCH_URL to run these against one"
    if not url:
        pytest.skip(reason)
    settings.OPENSEARCH_URL = url if kind == "opensearch" else ""
    settings.ELASTICSEARCH_URL = url if kind == "elasticsearch" else ""
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    return get_engine()


def _drop_all() -> None:
    """Every index of the test's prefix, whatever kind of record it holds."""
    from search.kinds import KINDS

    for kind in KINDS:
        get_engine(kind).drop()


@pytest.fixture
def live_engine(settings):
    """The search engine on a live OpenSearch node."""
    engine = _node_engine(settings, "opensearch")
    yield engine
    _drop_all()


@pytest.fixture(params=ENGINES)
def engine(request, settings, db):
    """Each engine in turn: the contract is the same on all of them."""
    if request.param == "database":
        yield get_engine()
        return
    engine = _node_engine(settings, request.param)
    yield engine
    _drop_all()
