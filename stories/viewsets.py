"""The stories' admin: their theme vocabulary, consent records and the contributions visitors
sent (a list for the Community editors, read-only)."""

import django_filters
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    BooleanColumn,
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    TitleColumn,
)
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from core.i18n import localized_names
from heritage.choosers import ChooserViewSetMixin
from stories import selectors
from stories.contributions import COMMUNITY_EDITORS
from stories.models import StoryConsent, StoryContribution, StoryTheme


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


class ContributionPermissionPolicy(ModelPermissionPolicy):
    """Contributions are listed to the Community editors and superusers, and changed by nobody
    here: the story is edited in the page editor, its consent in the consent records."""

    def user_has_permission(self, user, action) -> bool:
        if action != "view" or not (user.is_active and user.is_authenticated):
            return False
        if user.is_superuser:
            return True
        if not hasattr(user, "_community_editor"):
            user._community_editor = user.groups.filter(name=COMMUNITY_EDITORS).exists()
        return user._community_editor

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(StoryContribution, ContributionPermissionPolicy(StoryContribution))

STATE_LABELS = {
    "in_review": _("In review"),
    "published": _("Published"),
    "draft": _("Draft"),
    "withdrawn": _("Withdrawal asked"),
}
CONSENT_LABELS = {"none": _("No consent record"), "withdrawn": _("Withdrawn")}
WORKFLOW_LABELS = {
    "in_progress": _("In review"),
    "approved": _("Approved"),
    "needs_changes": _("Changes asked"),
    "cancelled": _("Cancelled"),
}


class ContributionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=list(STATE_LABELS.items()), method="by_state", empty_label=None
    )
    language = django_filters.ChoiceFilter(
        label=_("Language spoken"), choices=[], method="by_language", empty_label=None
    )

    class Meta:
        model = StoryContribution
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        from culture.models import ProgramLanguage

        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = [
            (language.code, str(language)) for language in ProgramLanguage.objects.all()
        ]

    def by_state(self, queryset, name, value):
        return selectors.contribution_filter(queryset, state=value or None)

    def by_language(self, queryset, name, value):
        return selectors.contribution_filter(queryset, language=value or None)


class ContributionIndexView(IndexView):
    @cached_property
    def columns(self):
        # No bulk actions: nothing is changed from this list.
        return [column for column in super().columns
                if not isinstance(column, BulkActionsCheckboxColumn)]  # fmt: skip


def _story_edit_url(contribution) -> str | None:
    return (
        reverse("wagtailadmin_pages:edit", args=[contribution.story_id])
        if contribution.story_id
        else None
    )


def _languages(contribution) -> str:
    story = contribution.story
    return ", ".join(str(language) for language in story.languages.all()) if story else ""


def _consent(contribution) -> str:
    from stories.choices import ConsentScope

    consent = getattr(contribution.story, "consent", None) if contribution.story else None
    if consent is None:
        return CONSENT_LABELS["none"]
    if consent.withdrawn_on:
        return f"{CONSENT_LABELS['withdrawn']} ({consent.withdrawn_on:%Y-%m-%d})"
    return str(ConsentScope(consent.scope).label)


def _moderation(contribution) -> str:
    status = WORKFLOW_LABELS.get(contribution.workflow_status or "", "")
    if contribution.workflow_status == "in_progress" and contribution.workflow_task:
        return f"{status}: {contribution.workflow_task}"
    return str(status)


def _published(contribution) -> str:
    story = contribution.story
    return str(STATE_LABELS["published"] if story and story.live else STATE_LABELS["draft"])


class ContributionViewSet(SnippetViewSet):
    """What visitors sent through the public form, newest first: the editors' to-do list. The
    contributor's e-mail address stays out of it (it is for answering, not for listing)."""

    model = StoryContribution
    icon = "mail"
    menu_label = _("Contributions")
    index_view_class = ContributionIndexView
    filterset_class = ContributionFilterSet
    inspect_view_enabled = False

    def get_queryset(self, request):
        return selectors.contribution_list()

    list_per_page = 50
    list_display = [
        DateColumn("received_at", label=_("Received")),
        TitleColumn("title", label=_("Story"), accessor="story.title", get_url=_story_edit_url),
        Column("languages", label=_("Languages spoken"), accessor=_languages),
        BooleanColumn(
            "has_recording",
            label=_("Recording"),
            accessor=lambda item: item.recording_id is not None,
        ),
        Column("consent", label=_("Consent"), accessor=_consent),
        Column("page_state", label=_("Page"), accessor=_published),
        Column("moderation", label=_("Moderation"), accessor=_moderation),
        DateColumn("withdrawal_requested_at", label=_("Withdrawal asked")),
    ]


class StoriesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Stories")
    menu_icon = "openquote"
    menu_order = 220
    items = (ContributionViewSet, StoryConsentViewSet, StoryThemeViewSet)
