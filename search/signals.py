"""search subscribes to the catalog's events; the catalog knows nothing of search."""

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import published, unpublished

from heritage.models import Piece
from heritage.signals import visibility_changed


def _enqueue(ids: list[int]) -> None:
    from search.tasks import sync_pieces

    transaction.on_commit(lambda: sync_pieces.enqueue(sorted(set(ids))))


def on_piece_changed(sender, instance, **kwargs) -> None:
    _enqueue([instance.pk])


def on_visibility_changed(sender, instances, **kwargs) -> None:
    if sender is Piece:
        _enqueue([piece.pk for piece in instances])


def connect() -> None:
    published.connect(on_piece_changed, sender=Piece, dispatch_uid="search-piece-published")
    unpublished.connect(on_piece_changed, sender=Piece, dispatch_uid="search-piece-unpublished")
    post_delete.connect(on_piece_changed, sender=Piece, dispatch_uid="search-piece-deleted")
    visibility_changed.connect(on_visibility_changed, dispatch_uid="search-piece-visibility")
