"""The stories' admin: their theme vocabulary and consent records."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.i18n import localized_names
from heritage.choosers import ChooserViewSetMixin
from stories.models import StoryConsent, StoryTheme


class StoryThemeViewSet(ChooserViewSetMixin, SnippetViewSet):
    model = StoryTheme
    icon = "tag"
    list_display = ["label", "code"]
    search_fields = ["code", *localized_names("label")]


class StoryConsentViewSet(SnippetViewSet):
    """Consent records: saved at once (no drafts), so a withdrawal unpublishes the story when
    it is recorded (stories.signals)."""

    model = StoryConsent
    icon = "lock"
    list_display = ["story", "given_by", "given_on", "scope", "withdrawn_on"]
    list_filter = ["scope"]
    search_fields = ["given_by"]
    panels = ["story", "given_by", "given_on", "scope", "withdrawn_on", "notes"]


class StoriesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Stories")
    menu_icon = "openquote"
    menu_order = 220
    items = (StoryConsentViewSet, StoryThemeViewSet)
