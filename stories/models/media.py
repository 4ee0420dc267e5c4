"""A story's recordings: wagtailmedia's media library, with what oral history needs on top —
a transcript and WebVTT captions in each language (modeltranslation columns), and uploads
checked by content and size (stories.uploads)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtailmedia.models import AbstractMedia

from core.i18n import localized_names
from core.models import IllustrativeMixin


class StoryMedia(IllustrativeMixin, AbstractMedia):
    """An audio or video recording (WAGTAILMEDIA["MEDIA_MODEL"]). Public only while a public,
    consented story shows it (stories.media)."""

    transcript = models.TextField(
        _("transcript"), blank=True,
        help_text=_("Everything said, as text on the page: searchable and printable."),
    )  # fmt: skip
    captions = models.FileField(
        _("captions (WebVTT)"), upload_to="story_captions", blank=True,
        help_text=_("A .vtt file timed to the recording."),
    )  # fmt: skip

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "duration",
        "width",
        "height",
        "thumbnail",
        "tags",
        "is_illustrative",
        *localized_names("transcript"),
        *localized_names("captions"),
    )

    class Meta(AbstractMedia.Meta):
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")

    def clean(self, *args, **kwargs):
        from stories.uploads import recording_duration, validate_captions, validate_recording

        super().clean(*args, **kwargs)
        errors = {}
        upload = self.file.file if self.file and not self.file._committed else None
        if upload is not None:
            try:
                validate_recording(upload, kind=self.type)
            except ValidationError as error:
                errors["file"] = error
            else:
                if not self.duration:
                    self.duration = recording_duration(upload) or 0
                if not self.duration:
                    errors["duration"] = ValidationError(
                        _("This file does not say how long it lasts: enter it in seconds.")
                    )
        for name in localized_names("captions"):
            captions = getattr(self, name)
            if captions and not captions._committed:
                try:
                    validate_captions(captions.file)
                except ValidationError as error:
                    errors[name] = error
        if errors:
            raise ValidationError(errors)

    def caption_files(self) -> dict[str, models.fields.files.FieldFile]:
        """{language: captions file} for the languages that have captions."""
        from core.i18n import language_codes, localized_name

        found = {}
        for code in language_codes():
            captions = getattr(self, localized_name("captions", code))
            if captions:
                found[code] = captions
        return found
