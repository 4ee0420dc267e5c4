"""Which story files the public may see: core.media's guards.

A file of a recording (and its thumbnail and captions) is served only while a public, consented
story shows the recording (stories.selectors.recordings_public): a draft's, a withdrawn story's
or an unused recording's answer 404 like a missing file, and so do files in the recordings'
folders no record owns. An image stories use — a cover, an image or gallery in a story's body,
a photo a visitor contributed — is served only while a public story's live content shows it
(what a draft adds is not served before it is published), or while something other than a
story uses it (a piece or a page, under their own rules)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex, Revision

from core.i18n import localized_names
from heritage.media import IMAGE_FOLDERS, image_owning
from stories.selectors import recordings_public, story_images_public

FOLDERS = ("media/", "media_thumbnails/", "story_captions/")


def recording_owning(name: str) -> int | None:
    from stories.models import StoryMedia

    match = Q(file=name) | Q(thumbnail=name)
    for column in localized_names("captions"):
        match |= Q(**{column: name})
    return StoryMedia.objects.filter(match).values_list("pk", flat=True).first()


def media_file_hidden(name: str) -> bool:
    if not name.startswith(FOLDERS):
        return False
    owner = recording_owning(name)
    return owner is None or owner not in recordings_public()


def image_hidden(image_id: int) -> bool:
    """True when stories use the image (Wagtail's reference index, which reads drafts too:
    covers and body blocks; or a visitor contributed it) and neither the live content of a
    public story (stories.selectors.story_images_public) nor anything else shows it."""
    from stories.models import StoryContribution, StoryPage

    if image_id in story_images_public():
        return False
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_image_model()),
        to_object_id=str(image_id),
    ).values_list("content_type_id", flat=True)
    story_types = {
        content_type.pk
        for content_type in ContentType.objects.get_for_models(
            StoryPage, StoryContribution
        ).values()
    }
    users = set(references)
    if users - story_types:
        return False  # something other than a story uses it, under its own rule
    if users or StoryContribution.objects.filter(photo_id=image_id).exists():
        return True
    return image_id in images_in_story_drafts()


def images_in_story_drafts() -> set[int]:
    """The images stories' unpublished drafts hold (each story's latest revision while it has
    changes not yet published: the reference index does not read them), as heritage.media does
    for pieces; read only for an image nothing else accounts for."""
    import json

    from stories.models import StoryPage
    from stories.selectors import body_chosen

    def raw(content: dict, name: str) -> list:
        value = content.get(name) or []
        return json.loads(value) if isinstance(value, str) else value

    drafts = Revision.objects.filter(
        pk__in=StoryPage.objects.filter(has_unpublished_changes=True).values("latest_revision_id")
    )
    image_model = get_image_model()
    found: set[int] = set()
    for content in drafts.values_list("content", flat=True):
        content = content or {}
        if isinstance(content.get("cover"), int):
            found.add(content["cover"])
        found |= body_chosen(lambda name, content=content: raw(content, name), image_model)
    return found


def image_file_hidden(name: str) -> bool:
    """core.media's guard for the files (originals, renditions) of the images stories use."""
    if not name.startswith(IMAGE_FOLDERS):
        return False
    owner = image_owning(name)
    return owner is not None and image_hidden(owner)
