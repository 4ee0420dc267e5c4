"""Writes on stories: consent and what it allows (keyword-only, each change logged)."""

import logging
from datetime import date

from django.db import transaction
from django.utils import timezone

from stories.models import StoryConsent, StoryPage

logger = logging.getLogger(__name__)


def story_may_be_published(*, story: StoryPage) -> bool:
    """Only a story consented for the public web, and not withdrawn, may be published."""
    consent = StoryConsent.objects.filter(story_id=story.pk).first() if story.pk else None
    return bool(consent and consent.allows_public_web)


def story_enforce_consent(*, story: StoryPage, user=None) -> bool:
    """Unpublish a live story its consent no longer allows on the public web (withdrawn, scope
    narrowed, or never given); Wagtail's unpublish signal takes it out of every channel
    (search, sitemaps, cached pages). Returns whether it was unpublished."""
    story = StoryPage.objects.get(pk=story.pk)  # the stored state, not a caller's copy
    if not story.live or story_may_be_published(story=story):
        return False
    story.unpublish(user=user, log_action=True)
    logger.info("story %s unpublished: its consent does not allow the public web", story.pk)
    return True


@transaction.atomic
def consent_withdraw(*, consent: StoryConsent, on: date | None = None, user=None) -> StoryConsent:
    """Record a withdrawal of consent (today unless `on`) and unpublish the story at once."""
    consent.withdrawn_on = on or timezone.localdate()
    consent.save(update_fields=["withdrawn_on"])
    story_enforce_consent(story=consent.story, user=user)
    return consent
