"""search subscribes to the catalog's events; the catalog knows nothing of search."""

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.signals import published, unpublished

from heritage.models import Culture, Material, ObjectType, Period, Piece, Technique
from heritage.signals import visibility_changed

BATCH = 1000
# Vocabularies whose labels are in a piece's searchable text, and how a piece uses each.
LABELLED = {
    Culture: "culture",
    ObjectType: "object_type",
    Material: "materials",
    Technique: "techniques",
    Period: "period",
}


def _enqueue(ids: list[int]) -> None:
    from search.tasks import sync_pieces

    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        transaction.on_commit(lambda batch=batch: sync_pieces.enqueue(batch))


def on_piece_changed(sender, instance, **kwargs) -> None:
    _enqueue([instance.pk])


def on_visibility_changed(sender, instances, **kwargs) -> None:
    if sender is Piece:
        _enqueue([piece.pk for piece in instances])


def on_term_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A renamed term: reindex the public pieces that use it (a period: and its subperiods')."""
    if created or raw:
        return
    field = LABELLED[sender]
    lookup = Q(**{field: instance})
    if sender is Period:
        lookup |= Q(period__parent=instance) | Q(period__parent__parent=instance)
    ids = Piece.objects.filter(lookup, live=True).values_list("pk", flat=True).distinct()
    _enqueue(list(ids))


def connect() -> None:
    published.connect(on_piece_changed, sender=Piece, dispatch_uid="search-piece-published")
    unpublished.connect(on_piece_changed, sender=Piece, dispatch_uid="search-piece-unpublished")
    post_delete.connect(on_piece_changed, sender=Piece, dispatch_uid="search-piece-deleted")
    visibility_changed.connect(on_visibility_changed, dispatch_uid="search-piece-visibility")
    for model in LABELLED:
        post_save.connect(on_term_saved, sender=model, dispatch_uid=f"search-term-{model.__name__}")
