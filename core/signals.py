"""Keeps cached navigation in step with the pages and settings it is built from."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from core.models import FooterLink, MainMenuLink, NavigationSettings
from core.navigation import navigation_invalidate


def connect() -> None:
    for model in (NavigationSettings, MainMenuLink, FooterLink):
        post_save.connect(navigation_invalidate, sender=model, dispatch_uid=f"nav-save-{model}")
        post_delete.connect(navigation_invalidate, sender=model, dispatch_uid=f"nav-del-{model}")
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(navigation_invalidate, dispatch_uid=f"nav-{signal}")
