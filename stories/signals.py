"""Consent rules every door must follow, whichever door wrote the change: a consent record
saved that no longer allows the public web (admin, shell, an import) unpublishes its story,
and a story published without such a consent (a scheduled or bulk publish) is taken back.
Saved stories also refresh what the cache knows of their links (stories.cache)."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from stories.models import StoryConsent, StoryPage


def _consent_saved(sender, instance: StoryConsent, **kwargs) -> None:
    from stories.services import story_enforce_consent

    story_enforce_consent(story=instance.story)


def _story_published(sender, instance: StoryPage, **kwargs) -> None:
    from stories.services import story_enforce_consent

    story_enforce_consent(story=instance)


def _links_changed(sender, **kwargs) -> None:
    from stories import cache

    cache.links.changed()


def connect() -> None:
    for signal in (post_save, post_delete, page_published, page_unpublished):
        signal.connect(_links_changed, sender=StoryPage, dispatch_uid=f"stories-links-{id(signal)}")
    post_save.connect(_consent_saved, sender=StoryConsent, dispatch_uid="stories-consent")
    page_published.connect(_story_published, sender=StoryPage, dispatch_uid="stories-publish")
