"""The index on a live OpenSearch node: analysis, sync with the catalog, rebuild, repair."""

import threading

import pytest
from django.core.management import CommandError, call_command
from elasticsearch_dsl import Q, Search

from heritage import services
from tests.utils import make_piece

pytestmark = pytest.mark.django_db


def hits(engine, query) -> set[str]:
    engine.refresh()
    body = Search().query(query).source(["catalog_number"]).extra(size=100).to_dict()
    response = engine.client.search(engine.alias, body)
    return {hit["_source"]["catalog_number"] for hit in response["hits"]["hits"]}


def text(query: str, language: str = "es") -> Q:
    return Q(
        "multi_match",
        query=query,
        fields=[f"title_{language}", f"description_{language}", "fallback"],
    )


def test_publishing_indexes_and_analysis_is_language_aware(live_engine):
    make_piece("REP-1", title_es="Vasija de Teotihuacán", title_en="Teotihuacan vessel")
    make_piece("REP-2", title_es="Figurilla", title_en="Figurine", date_start=-1200, date_end=-900)
    assert hits(live_engine, text("teotihuacan")) == {"REP-1"}  # accents ignored
    assert hits(live_engine, text("vasijas")) == {"REP-1"}  # Spanish stemming
    assert hits(live_engine, text("vessels", "en")) == {"REP-1"}  # English stemming
    overlap = Q("range", dates={"gte": -1000, "lte": -950, "relation": "intersects"})
    assert hits(live_engine, Q("bool", filter=[overlap])) == {"REP-2"}  # BCE overlap


def test_unpublish_restrict_and_delete_remove_documents(
    live_engine, django_capture_on_commit_callbacks
):
    first = make_piece("REP-1", title_es="Uno")
    second = make_piece("REP-2", title_es="Dos")
    third = make_piece("REP-3", title_es="Tres")
    make_piece("REP-4", title_es="Borrador", publish=False)
    assert live_engine.indexed_ids() == {first.pk, second.pk, third.pk}
    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        services.pieces_set_restricted(pieces=[second], restricted=True)
    with django_capture_on_commit_callbacks(execute=True):
        third.delete()
    assert live_engine.indexed_ids() == set()


def test_rebuild_swaps_the_alias_while_searches_keep_answering(live_engine):
    for number in range(30):
        make_piece(f"REP-{number:03d}", title_es=f"Vasija {number}")
    before = live_engine.client.alias_targets(live_engine.alias)
    failures, answers = [], []
    stop = threading.Event()

    def search_until_stopped():
        while not stop.is_set():
            try:
                answers.append(len(hits(live_engine, text("vasija"))))
            except Exception as error:  # any failure during the swap is what we look for
                failures.append(error)

    reader = threading.Thread(target=search_until_stopped)
    reader.start()
    try:
        result = live_engine.rebuild()
    finally:
        stop.set()
        reader.join()
    after = live_engine.client.alias_targets(live_engine.alias)
    assert result["documents"] == 30
    assert after == [result["index"]] and after != before
    assert live_engine.client.indices(f"{live_engine.alias}-*") == after  # old index dropped
    assert failures == [] and answers and min(answers) == 30


def test_status_reports_drift_and_reconcile_repairs_it(live_engine, capsys):
    kept = make_piece("REP-1", title_es="Uno")
    gone = make_piece("REP-2", title_es="Dos")
    from heritage.models import Piece

    Piece.objects.filter(pk=gone.pk).update(restricted=True)  # bypasses the events on purpose
    make_piece("REP-3", title_es="Tres", upkeep=False)  # its commit hooks never ran
    live_engine.refresh()
    with pytest.raises(CommandError):
        call_command("search_status")
    call_command("search_reconcile")
    live_engine.refresh()
    call_command("search_status")
    assert "1 missing documents indexed, 1 stale documents removed" in capsys.readouterr().out
    assert live_engine.indexed_ids() == {kept.pk, Piece.objects.get(catalog_number="REP-3").pk}


def test_an_unreachable_server_never_blocks_publishing(
    settings, django_capture_on_commit_callbacks
):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        piece = make_piece("REP-1", title_es="Se guarda igual")
    piece.refresh_from_db()
    assert piece.live


def test_a_search_before_any_index_answers_empty_and_makes_the_index(live_engine):
    from heritage.catalog import CatalogQuery

    assert live_engine.client.alias_targets(live_engine.alias) == []
    result = live_engine.search(CatalogQuery(text="vasija"))
    assert result.total == 0 and result.hits == []
    assert live_engine.client.alias_targets(live_engine.alias) != []
