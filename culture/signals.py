"""Keeps the programs' cache honest: what changes a listing or feed bumps its version."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from culture import cache
from culture.models import ProgramPage, Venue


def _changed(sender, **kwargs) -> None:
    cache.changed()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(_changed, sender=ProgramPage, dispatch_uid=f"culture-{id(signal)}")
    for model in (Venue, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(_changed, sender=model,
                           dispatch_uid=f"culture-{model.__name__}-{id(signal)}")  # fmt: skip
