"""Which story files the public may see: core.media's guards.

A file of a recording (and its thumbnail and captions) is served only while a public, consented
story shows the recording (stories.selectors.recordings_public): a draft's, a withdrawn story's
or an unused recording's answer 404 like a missing file, and so do files in the recordings'
folders no record owns. An image stories use — a cover, an image or gallery in a story's body,
a photo a visitor contributed — is served only while a public story shows it, or while
something other than a story uses it (a piece or a page, under their own rules)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from core.i18n import localized_names
from heritage.media import IMAGE_FOLDERS, image_owning
from stories.selectors import recordings_public, story_public_queryset

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
    """True when stories use the image (Wagtail's reference index: covers and body blocks; or
    a visitor contributed it) and no public story nor anything else shows it."""
    from stories.models import StoryContribution, StoryPage

    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_image_model()),
        to_object_id=str(image_id),
    ).values_list("content_type_id", "object_id")
    story_type = ContentType.objects.get_for_model(StoryPage).pk
    stories, others = set(), False
    for content_type, object_id in references:
        if content_type == story_type:
            stories.add(int(object_id))
        else:
            others = True
    if others:
        return False
    if not stories and not StoryContribution.objects.filter(photo_id=image_id).exists():
        return False  # not a story's image
    return not story_public_queryset().filter(pk__in=stories).exists()


def image_file_hidden(name: str) -> bool:
    """core.media's guard for the files (originals, renditions) of the images stories use."""
    if not name.startswith(IMAGE_FOLDERS):
        return False
    owner = image_owning(name)
    return owner is not None and image_hidden(owner)
