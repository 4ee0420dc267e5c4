"""Which story recordings, thumbnails and captions the public may see: core.media's guard.

A file of a recording is served only while a public, consented story shows the recording
(stories.selectors.recordings_public): a draft's, a withdrawn story's or an unused recording's
answer 404 like a missing file, and so do files in the recordings' folders no record owns."""

from django.db.models import Q

from core.i18n import localized_names
from stories.selectors import recordings_public

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
