"""Consent rules every door must follow, whichever door wrote the change: a consent record
saved that no longer allows the public web (admin, shell, an import) unpublishes its story,
and a story published without such a consent (a scheduled or bulk publish) is taken back."""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from stories.models import StoryConsent, StoryPage


def _consent_saved(sender, instance: StoryConsent, **kwargs) -> None:
    from stories.services import story_enforce_consent

    story_enforce_consent(story=instance.story)


def _story_published(sender, instance: StoryPage, **kwargs) -> None:
    from stories.services import story_enforce_consent

    story_enforce_consent(story=instance)


def connect() -> None:
    post_save.connect(_consent_saved, sender=StoryConsent, dispatch_uid="stories-consent")
    page_published.connect(_story_published, sender=StoryPage, dispatch_uid="stories-publish")
