"""Writes to the catalog: publishing, restriction and case changes (bulk-safe, logged)."""

from collections.abc import Iterable

from django.db import transaction
from wagtail.log_actions import log

from heritage.models import Piece, RecoveryCase
from heritage.signals import visibility_changed


def _patch_latest_revision(obj, **fields) -> None:
    # A pending draft was saved before this change; without this, publishing it later would
    # silently undo the change (e.g. lift a restriction).
    revision = obj.latest_revision
    if revision is not None:
        revision.content.update(fields)
        revision.save(update_fields=["content"])


def piece_publish(*, piece: Piece, user=None) -> Piece:
    """Publish the piece's current state as a new revision."""
    revision = piece.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return piece


def piece_unpublish(*, piece: Piece, user=None) -> Piece:
    piece.unpublish(user=user)
    return piece


@transaction.atomic
def pieces_set_restricted(*, pieces: Iterable[Piece], restricted: bool, user=None) -> int:
    """Restrict or release pieces at once: the live record changes now, drafts keep the change."""
    changed = [piece for piece in pieces if piece.restricted != restricted]
    for piece in changed:
        piece.restricted = restricted
        Piece.objects.filter(pk=piece.pk).update(restricted=restricted)
        _patch_latest_revision(piece, restricted=restricted)
        log(piece, "heritage.restrict" if restricted else "heritage.unrestrict", user=user)
    if changed:
        transaction.on_commit(lambda: visibility_changed.send(sender=Piece, instances=changed))
    return len(changed)


@transaction.atomic
def pieces_add_to_case(*, pieces: Iterable[Piece], case: RecoveryCase, user=None) -> int:
    changed = [piece for piece in pieces if piece.case_id != case.pk]
    for piece in changed:
        piece.case = case
        Piece.objects.filter(pk=piece.pk).update(case=case)
        _patch_latest_revision(piece, case=case.pk)
        log(piece, "heritage.add_to_case", user=user, data={"case": case.code})
    if changed:
        transaction.on_commit(lambda: visibility_changed.send(sender=Piece, instances=changed))
    return len(changed)
