"""The harvest log follows the catalog's record_changed funnel: a piece once public is a
record for ever, a withdrawn one a tombstone, a returning one live again with a new date."""

import importlib
import io

import pytest
from django.apps import apps

from heritage.models import Piece
from heritage.services import pieces_set_restricted
from opendata.models import HarvestRecord
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db


def logged() -> dict[str, HarvestRecord]:
    return {row.catalog_number: row for row in HarvestRecord.objects.all()}


def test_a_published_piece_is_logged_with_its_sets_and_private_ones_never(catalog):
    case = make_case("CASE-OAI-1")
    make_piece("REP-OAI-1", case=case)
    make_piece("REP-OAI-2", restricted=True)
    make_piece("REP-OAI-3", publish=False)
    make_case("CASE-OAI-2", publish=False)
    make_piece("REP-OAI-4", case=case.__class__.objects.get(code="CASE-OAI-2"))

    rows = logged()
    assert sorted(rows) == ["REP-OAI-1", "REP-OAI-4"]
    assert rows["REP-OAI-1"].sets.split() == ["method:seizure", "case:CASE-OAI-1", "culture:maya"]
    assert not rows["REP-OAI-1"].deleted
    # A draft case gives its pieces neither its code nor its method.
    assert rows["REP-OAI-4"].sets.split() == ["culture:maya"]


def test_unpublished_restricted_and_deleted_pieces_turn_into_tombstones(
    catalog, django_capture_on_commit_callbacks
):
    first, second, third = (make_piece(f"REP-OAI-{n}") for n in (1, 2, 3))
    before = logged()

    first.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        pieces_set_restricted(pieces=[second], restricted=True, reason="Under review")
    third.delete()

    after = logged()
    assert {number: row.deleted for number, row in after.items()} == {
        "REP-OAI-1": True,
        "REP-OAI-2": True,
        "REP-OAI-3": True,
    }
    assert all(after[number].datestamp > before[number].datestamp for number in after)
    assert after["REP-OAI-3"].sets == before["REP-OAI-3"].sets  # still in its sets

    # Published again: live, with a new datestamp.
    first.save_revision().publish()
    again = logged()["REP-OAI-1"]
    assert not again.deleted and again.datestamp > after["REP-OAI-1"].datestamp


def test_a_renumbered_piece_leaves_a_tombstone_under_its_old_number(catalog):
    piece = make_piece("REP-OAI-1")
    piece.catalog_number = "REP-OAI-9"
    piece.save()
    piece.save_revision().publish()

    rows = logged()
    assert rows["REP-OAI-1"].deleted and not rows["REP-OAI-9"].deleted
    assert rows["REP-OAI-1"].piece_id == rows["REP-OAI-9"].piece_id == piece.pk


def test_unpublishing_a_case_redates_its_pieces_and_takes_them_out_of_its_sets(catalog):
    case = make_case("CASE-OAI-1")
    make_piece("REP-OAI-1", case=case)
    before = logged()["REP-OAI-1"]

    case.unpublish()

    after = logged()["REP-OAI-1"]
    assert after.sets.split() == ["culture:maya"] and not after.deleted
    assert after.datestamp > before.datestamp


@pytest.mark.parametrize("count", [2, 40])
def test_a_bulk_restriction_writes_the_log_in_constant_sql(
    catalog, count, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    culture = make_piece("REP-OAI-0").culture
    Piece.objects.bulk_create(
        Piece(catalog_number=f"REP-BULK-{n}", title=f"Pieza {n}", title_es=f"Pieza {n}",
              culture=culture, live=True)
        for n in range(count)
    )  # fmt: skip
    pieces = list(Piece.objects.filter(catalog_number__startswith="REP-BULK-"))
    HarvestRecord.objects.all().delete()
    from heritage.signals import visibility_changed

    # The funnel's subscribers: the log (three queries), the search index (after commit).
    with django_assert_max_num_queries(3):
        visibility_changed.send(sender=Piece, instances=pieces)
    assert HarvestRecord.objects.filter(deleted=False).count() == count

    with django_capture_on_commit_callbacks(execute=False):
        Piece.objects.filter(pk__in=[piece.pk for piece in pieces]).update(restricted=True)
        with django_assert_max_num_queries(3):
            visibility_changed.send(sender=Piece, instances=pieces)
    assert HarvestRecord.objects.filter(deleted=True).count() == count


def test_the_migration_seeds_the_log_with_the_public_pieces(catalog):
    make_piece("REP-OAI-1")
    make_piece("REP-OAI-2", restricted=True)
    HarvestRecord.objects.all().delete()

    importlib.import_module("opendata.migrations.0002_harvest_log").seed(apps, None)

    assert list(logged()) == ["REP-OAI-1"]


def test_reconcile_repairs_writes_that_sent_no_signal(catalog):
    from django.core.management import call_command

    make_piece("REP-OAI-1")
    make_piece("REP-OAI-2")
    untouched = logged()["REP-OAI-2"].datestamp
    Piece.objects.filter(catalog_number="REP-OAI-1").update(restricted=True)  # no signal
    HarvestRecord.objects.filter(catalog_number="REP-OAI-2").delete()

    out = io.StringIO()
    call_command("oai_reconcile", stdout=out)

    assert "2 pieces out of step" in out.getvalue()
    rows = logged()
    assert rows["REP-OAI-1"].deleted and not rows["REP-OAI-2"].deleted
    assert rows["REP-OAI-2"].datestamp > untouched
    before = {number: row.datestamp for number, row in rows.items()}
    call_command("oai_reconcile", stdout=io.StringIO())
    assert {number: row.datestamp for number, row in logged().items()} == before  # in step
