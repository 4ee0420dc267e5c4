"""Stories the public shares: each becomes a draft story under the stories index, in the
*Community stories* moderation workflow the *Community editors* group reviews, edits and
publishes in Wagtail's admin. Nothing a visitor sends is public before an editor publishes it:
the story is a draft, its recording is served only while a public story shows it
(stories.media) and its photo likewise (stories.media.image_hidden, a core.media guard).

The contributor gets a reference (80 random bits, shown once, only its digest stored) and may
ask for the story's withdrawal with that reference alone: `contribution_withdraw` records the
withdrawal of consent, which unpublishes the story at once and stops its moderation.
"""

import hashlib
import logging
import secrets

from django.apps import apps as django_apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.i18n import localized_name

logger = logging.getLogger(__name__)

COMMUNITY_EDITORS = "Community editors"
WORKFLOW_NAME = "Community stories"
TASK_NAME = "Community editors review"
# Unambiguous letters and digits (no 0/O, 1/I): read aloud or copied by hand without mistakes.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 16  # 16 × 5 bits = 80 bits
REFERENCE_PREFIX = "HC"
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MODEL_PERMISSIONS = {
    ("wagtailadmin", "admin"): ("access_admin",),
    ("wagtailimages", "image"): ("add_image", "change_image", "choose_image"),
    ("stories", "storymedia"): ("add_media", "change_media", "choose_media"),
}


# --- references --------------------------------------------------------------------------------
def reference_new() -> str:
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return "-".join([REFERENCE_PREFIX, *(raw[i : i + 4] for i in range(0, REFERENCE_LENGTH, 4))])


def reference_digest(reference: str) -> str:
    """The stored form of a reference, whatever case, spaces or dashes it was typed with."""
    raw = "".join(ch for ch in reference.upper() if ch.isalnum())
    raw = raw.removeprefix(REFERENCE_PREFIX)
    return hashlib.sha256(raw.encode()).hexdigest()


# --- moderation set-up -------------------------------------------------------------------------
def _content_type(apps, app_label: str, model: str):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    return content_types.get_or_create(app_label=app_label, model=model)[0]


def _permission(apps, app_label: str, model: str, codename: str):
    content_type = _content_type(apps, app_label, model)
    permission, _created = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return permission


def community_moderation_setup(apps=django_apps):
    """The *Community editors* group and the *Community stories* workflow (one review task by
    that group), given to every stories index: the group may add, edit and publish stories
    there. Idempotent; run by the data migration with its historical `apps`, and by
    `contribution_receive` so an index made later is covered too. Returns the workflow."""
    group_model = apps.get_model("auth", "Group")
    group, _created = group_model.objects.get_or_create(name=COMMUNITY_EDITORS)
    for (app_label, model), codenames in MODEL_PERMISSIONS.items():
        for codename in codenames:
            group.permissions.add(_permission(apps, app_label, model, codename))
    task_model = apps.get_model("wagtailcore", "GroupApprovalTask")
    task = task_model.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = task_model.objects.create(
            name=TASK_NAME, active=True,
            content_type=_content_type(apps, "wagtailcore", "groupapprovaltask"),
        )  # fmt: skip
    task.groups.add(group)
    workflow, _created = apps.get_model("wagtailcore", "Workflow").objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    apps.get_model("wagtailcore", "WorkflowTask").objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    index_type = _content_type(apps, "stories", "storyindexpage")
    grants = apps.get_model("wagtailcore", "GroupPagePermission").objects
    for index in apps.get_model("wagtailcore", "Page").objects.filter(content_type=index_type):
        apps.get_model("wagtailcore", "WorkflowPage").objects.get_or_create(
            page=index, defaults={"workflow": workflow}
        )
        for codename in PAGE_PERMISSIONS:
            grants.get_or_create(
                group=group, page=index,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )  # fmt: skip
    return workflow


# --- receiving and withdrawing -----------------------------------------------------------------
def _paragraph(text: str) -> list[dict]:
    from django.utils.html import escape

    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    html = "".join(
        f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs if part
    )
    return [{"type": "paragraph", "value": html}]


def _recording(upload, *, title: str):
    from stories.models import StoryMedia

    media = StoryMedia(title=title, file=upload, type="audio")
    try:
        media.full_clean(exclude=["collection"])  # the content check, and the duration
    except ValidationError as error:
        # A container that does not say how long it lasts (WebM) is still taken: the editors
        # enter the duration when they review it (the recording's editor asks for it).
        if set(error.message_dict) != {"duration"}:
            raise
    media.save()
    return media


def _photo(upload, *, title: str):
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, file=upload)
    image.save()
    return image


@transaction.atomic
def contribution_receive(*, index, data: dict, language: str):
    """A draft story made of the form's `data` (stories.forms.StoryContributionForm), with its
    consent record, in the moderation workflow. Returns (contribution, reference): the reference
    is the contributor's to keep, and is not stored."""
    from stories.choices import ConsentScope
    from stories.models import StoryConsent, StoryContribution, StoryPage, StoryPerson, StoryPlace

    workflow = community_moderation_setup()
    title, name, text = data["title"], data["name"], data["text"]
    slug = f"{slugify(title)[:40] or 'historia'}-{get_random_string(6).lower()}"
    body = _paragraph(text)
    recording = _recording(data["recording"], title=title) if data.get("recording") else None
    if recording is not None:
        body.append({"type": "audio", "value": {"media": recording.pk, "heading": ""}})
    photo = _photo(data["photo"], title=title) if data.get("photo") else None
    story = StoryPage(live=False, credit_line=name, cover=photo)
    # The contributor's language, and the default one a page must have (editors translate).
    for code in dict.fromkeys((language, settings.LANGUAGE_CODE)):
        setattr(story, localized_name("title", code), title)
        setattr(story, localized_name("slug", code), slug)
    setattr(story, localized_name("teaser", language), text[:280])
    setattr(story, localized_name("body", language), body)
    if photo is not None:
        setattr(story, localized_name("cover_alt", language), data.get("photo_description", ""))
    story.people = [StoryPerson(name=name, community=data.get("community", ""),
                                generation=data.get("generation", ""),
                                place=data.get("city", ""))]  # fmt: skip
    if data.get("city") or data.get("state"):
        story.places = [StoryPlace(city=data.get("city", ""), state=data.get("state", ""))]
    story.languages.set(data.get("languages") or [])
    index.add_child(instance=story)
    story.save_revision()
    StoryConsent.objects.create(
        story=story, given_by=name, given_on=timezone.localdate(), scope=ConsentScope.PUBLIC_WEB,
        notes=_("Given through the public form."),
    )  # fmt: skip
    reference = reference_new()
    contribution = StoryContribution.objects.create(
        story=story, reference_digest=reference_digest(reference), language=language,
        email=data.get("email", ""), photo=photo, recording=recording,
    )  # fmt: skip
    workflow.start(story, user=None)
    logger.info("story %s received through the public form (contribution %s)", story.pk,
                contribution.pk)  # fmt: skip
    return contribution, reference


def contribution_find(*, reference: str):
    from stories.models import StoryContribution

    return (
        StoryContribution.objects.filter(reference_digest=reference_digest(reference))
        .select_related("story")
        .first()
    )


@transaction.atomic
def contribution_withdraw(*, contribution) -> None:
    """The contributor withdrew their consent: recorded on the consent record (which unpublishes
    the story, stories.services.consent_withdraw) and the story's moderation cancelled."""
    from stories.models import StoryConsent
    from stories.services import consent_withdraw

    contribution.withdrawal_requested_at = timezone.now()
    contribution.save(update_fields=["withdrawal_requested_at"])
    story = contribution.story
    if story is None:
        return
    consent = StoryConsent.objects.filter(story=story).first()
    if consent is not None and consent.withdrawn_on is None:
        consent_withdraw(consent=consent)
    state = story.specific.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    logger.info("story %s: its contributor withdrew it", story.pk)
