"""Data migrations of the catalog, run on a real database (review of issue 14, item 5): 0009
turns the "date uncertain" box into the qualifier and back, keeping what it can."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("heritage", "0008_date_start_help")]
AFTER = [("heritage", "0009_piece_date_qualifier")]


@pytest.fixture
def migrator(transactional_db):
    """Migrates the database to a state and, at the end, back to the latest."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()

    def migrate(targets):
        executor.loader.build_graph()
        executor.migrate(targets)
        return executor.loader.project_state(targets).apps

    yield migrate
    migrate(latest)


def _piece_with_revisions(apps, number: str, ticked: bool, *boxes: bool):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    Piece = apps.get_model("heritage", "Piece")
    piece_type, _ = ContentType.objects.get_or_create(app_label="heritage", model="piece")
    piece = Piece.objects.create(catalog_number=number, title_es=number, title=number,
                                 date_start=600, date_end=900, date_uncertain=ticked)  # fmt: skip
    for box in boxes:
        revision = Revision.objects.create(
            content_type=piece_type, base_content_type=piece_type, object_id=str(piece.pk),
            created_at=timezone.now(), object_str=number,
            content={"pk": piece.pk, "catalog_number": number, "date_uncertain": box},
        )  # fmt: skip
        Piece.objects.filter(pk=piece.pk).update(latest_revision=revision)
    return piece.pk


def _state(apps, pk):
    Piece = apps.get_model("heritage", "Piece")
    Revision = apps.get_model("wagtailcore", "Revision")
    piece = Piece.objects.get(pk=pk)
    contents = (
        Revision.objects.filter(object_id=str(pk)).order_by("pk").values_list("content", flat=True)
    )
    return piece, [{key: content.get(key) for key in ("date_uncertain", "date_qualifier")
                    if key in content} for content in contents]  # fmt: skip


def test_the_box_becomes_the_qualifier_and_comes_back_as_far_as_it_can(migrator):
    apps = migrator(BEFORE)
    ticked = _piece_with_revisions(apps, "REP-1", True, False, True)
    plain = _piece_with_revisions(apps, "REP-2", False, False)
    apps = migrator(AFTER)
    piece, revisions = _state(apps, ticked)
    assert piece.date_qualifier == "uncertain"
    assert revisions == [{"date_qualifier": "exact"}, {"date_qualifier": "uncertain"}]
    assert _state(apps, plain)[0].date_qualifier == "exact"

    # A curator makes the date "circa", in the piece and its latest revision; then back and forth.
    Piece, Revision = apps.get_model("heritage", "Piece"), apps.get_model("wagtailcore", "Revision")
    Piece.objects.filter(pk=ticked).update(date_qualifier="circa")
    latest = Revision.objects.get(pk=Piece.objects.get(pk=ticked).latest_revision_id)
    latest.content["date_qualifier"] = "circa"
    latest.save()
    apps = migrator(BEFORE)
    piece, revisions = _state(apps, ticked)
    assert piece.date_uncertain is True  # the box says only "not exact"
    assert revisions == [{"date_qualifier": "exact", "date_uncertain": False},
                         {"date_qualifier": "circa", "date_uncertain": True}]  # fmt: skip
    assert _state(apps, plain)[0].date_uncertain is False
    apps = migrator(AFTER)
    piece, revisions = _state(apps, ticked)
    assert piece.date_qualifier == "circa"  # kept by its latest revision
    assert revisions == [{"date_qualifier": "exact"}, {"date_qualifier": "circa"}]


def test_0011_writes_the_spans_it_was_written_with_whatever_the_seed_says_now(db, monkeypatch):
    import importlib

    from django.apps import apps

    from heritage import vocabulary_seed
    from heritage.models import Culture

    migration = importlib.import_module("heritage.migrations.0011_culture_documented_spans")
    for code, start in (("maya", None), ("tolteca", None), ("olmeca", -1200)):  # -1200: a curator's
        Culture.objects.update_or_create(
            code=code, defaults={"label_es": code, "label": code, "start_year": start,
                                 "end_year": None if start is None else -400},
        )  # fmt: skip
    changed = [(code, es, en, 1, 2) for code, es, en, _start, _end in vocabulary_seed.CULTURES]
    monkeypatch.setattr(vocabulary_seed, "CULTURES", changed)  # the seed, edited later
    for operation in migration.Migration.operations:
        operation.code(apps, None)
    spans = dict(Culture.objects.values_list("code", "start_year"))
    assert (spans["maya"], spans["tolteca"], spans["olmeca"]) == (-1000, 900, -1200)
