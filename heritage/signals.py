"""Events the catalog announces; other apps (search, opendata) subscribe, the catalog knows none
of them.

Wagtail's own `published` and `unpublished` signals cover publishing; `visibility_changed`
covers what changes a record's public visibility without publishing: restriction, case moves,
and bulk writes. `record_changed` funnels all of them into one announcement, so the list of
"events that change what the public sees of a piece or a case" is written once, here
(connect_record_changes), and every copy of the public catalog — the search index, the
OAI-PMH change log — follows the same events.
"""

from django.dispatch import Signal

# sender: the model class; instances: list of the model's instances (already saved)
visibility_changed = Signal()

# sender: Piece or RecoveryCase; ids: the records' primary keys; deleted: True when the rows
# are gone (the records' related rows may be gone too).
record_changed = Signal()


def _changed(sender, instance, **kwargs) -> None:
    record_changed.send(sender=sender, ids=[instance.pk], deleted=False)


def _deleted(sender, instance, **kwargs) -> None:
    record_changed.send(sender=sender, ids=[instance.pk], deleted=True)


def _visibility_changed(sender, instances, **kwargs) -> None:
    record_changed.send(sender=sender, ids=[instance.pk for instance in instances], deleted=False)


def connect_record_changes() -> None:
    """Send `record_changed` on every event that changes a piece's or a case's public face:
    published, unpublished, deleted (one by one or in bulk), `visibility_changed`."""
    from django.db.models.signals import post_delete
    from wagtail.signals import published, unpublished

    from heritage.models import Piece, RecoveryCase

    for model in (Piece, RecoveryCase):
        name = model.__name__
        published.connect(_changed, sender=model, dispatch_uid=f"record-published-{name}")
        unpublished.connect(_changed, sender=model, dispatch_uid=f"record-unpublished-{name}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"record-deleted-{name}")
    visibility_changed.connect(_visibility_changed, dispatch_uid="record-visibility")
