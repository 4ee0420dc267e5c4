"""Keeping the engines in line with the catalog: renamed vocabulary terms, retries of a failed
sync with a growing delay, and the last attempt handing over to search_reconcile."""

import logging

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend

from heritage.catalog import CatalogQuery
from heritage.models import Culture
from search.tasks import MAX_ATTEMPTS, RETRY_DELAYS, sync_records
from tests.utils import make_piece

pytestmark = pytest.mark.django_db


def numbers(result) -> list[str]:
    return [hit.catalog_number for hit in result.hits]


def test_renaming_a_term_reindexes_the_pieces_that_use_it(
    engine, django_capture_on_commit_callbacks
):
    olmeca = Culture.objects.get(code="olmeca")
    make_piece("REP-1", title_es="Cabeza colosal", culture=olmeca)
    make_piece("REP-2", title_es="Estela")
    engine.refresh()
    assert numbers(engine.search(CatalogQuery(text="xochipilteca"))) == []
    olmeca.label_es = "Olmeca xochipilteca"
    with django_capture_on_commit_callbacks(execute=True):
        olmeca.save()
    engine.refresh()
    assert numbers(engine.search(CatalogQuery(text="xochipilteca"))) == ["REP-1"]


@pytest.fixture
def deferring_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    yield default_task_backend
    default_task_backend.clear()


def piece_syncs(backend) -> list[list[int]]:
    """The piece ids of each sync queued (the vocabularies a test may seed after another
    test's flush are synced with its first commit, as they would be)."""
    return [
        result.args[1]
        for result in backend.results
        if result.task.module_path == sync_records.module_path and result.args[0] == "piece"
    ]


def test_a_transaction_syncs_each_record_once_however_many_saves_named_it(
    deferring_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pieces = [make_piece(f"REP-{n}", upkeep=False) for n in range(3)]  # saved, published
        for piece in pieces:
            piece.title_es += " (restaurada)"
            piece.save_revision().publish()
    assert piece_syncs(deferring_backend) == [sorted(piece.pk for piece in pieces)]
    # the next transaction has its own
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        pieces[0].save_revision().publish()
    assert piece_syncs(deferring_backend)[1:] == [[pieces[0].pk]]


def test_a_rollback_starts_a_new_batch(deferring_backend, django_capture_on_commit_callbacks):
    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with pytest.raises(Undo), transaction.atomic():
            for number in ("REP-1", "REP-3"):  # two: SQLite may give the next piece one's id
                make_piece(number, upkeep=False)
            raise Undo
        kept = make_piece("REP-2", upkeep=False)
    assert piece_syncs(deferring_backend) == [[kept.pk]]


def test_a_failed_sync_is_retried_later_with_a_growing_delay(deferring_backend, caplog):
    piece = make_piece("REP-1", title_es="Vasija")
    deferring_backend.clear()
    before = timezone.now()
    sync_records.call("piece", [piece.pk])
    retry = deferring_backend.results[-1]
    assert retry.args == ["piece", [piece.pk], 2]
    assert retry.task.run_after >= before + timezone.timedelta(seconds=RETRY_DELAYS[0])
    sync_records.call("piece", [piece.pk], 2)
    later = deferring_backend.results[-1]
    assert later.task.run_after >= before + timezone.timedelta(seconds=RETRY_DELAYS[1])


def test_the_last_attempt_logs_for_reconcile_and_stops(deferring_backend, caplog):
    piece = make_piece("REP-1", title_es="Vasija")
    deferring_backend.clear()
    with caplog.at_level(logging.ERROR, logger="search.tasks"):
        result = sync_records.call("piece", [piece.pk], MAX_ATTEMPTS)
    assert deferring_backend.results == []
    assert result["attempt"] == MAX_ATTEMPTS
    assert any("search_reconcile" in record.message for record in caplog.records)


def test_rebuild_and_status_on_the_database_engine(catalog, capsys):
    from django.core.management import call_command

    from search.database import DatabaseEngine
    from tests.utils import make_piece

    make_piece("REP-1", title_es="Vasija", upkeep=False)  # not in the text yet
    make_piece("REP-2", title_es="Vasija restringida", restricted=True, upkeep=False)
    engine = DatabaseEngine()
    assert numbers(engine.search(CatalogQuery(text="vasija"))) == []
    call_command("search_rebuild", verbosity=0)
    assert numbers(engine.search(CatalogQuery(text="vasija"))) == ["REP-1"]
    call_command("search_status")
    assert "database (pieces): 1 indexed, 1 public; 0 missing, 0 stale" in capsys.readouterr().out
