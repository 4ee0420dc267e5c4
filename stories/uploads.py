"""Upload checks for a story's recordings and captions: by content, never by the name.

A file called `voz.mp3` may hold anything. The recording's first bytes are read with `filetype`
(the container's magic numbers, as Willow reads an image's) and must be a container browsers
play for that kind (audio or video); its size is capped by STORIES_MEDIA_MAX_UPLOAD_SIZE.
Its duration is read from the container's headers (mutagen). Captions must parse as WebVTT
(webvtt-py reads the header and every cue's timing) and stay under
STORIES_CAPTIONS_MAX_UPLOAD_SIZE.
"""

import filetype
import webvtt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from webvtt.errors import MalformedCaptionError, MalformedFileError

# Containers browsers play in <audio> / <video>, by what their bytes say they are.
AUDIO_TYPES = {"audio/x-wav", "audio/mpeg", "audio/ogg", "audio/x-flac", "audio/mp4",
               "audio/aac", "audio/m4a", "video/webm", "video/mp4", "application/ogg"}  # fmt: skip
VIDEO_TYPES = {"video/mp4", "video/webm", "video/quicktime", "video/x-matroska", "video/ogg",
               "application/ogg"}  # fmt: skip
SNIFF_BYTES = 8192


def _head(file) -> bytes:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(position)
    return head


def _check_size(file, limit: int) -> None:
    if file.size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s); the most is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
        )


def sniffed_type(file) -> str | None:
    """The MIME type the file's own bytes declare (None when they declare none we know)."""
    kind = filetype.guess(_head(file))
    return kind.mime if kind else None


def validate_recording(file, *, kind: str) -> str:
    """Refuse a recording too big, or whose content is not an `kind` ("audio"/"video")
    container; returns the sniffed MIME type."""
    _check_size(file, settings.STORIES_MEDIA_MAX_UPLOAD_SIZE)
    mime = sniffed_type(file)
    allowed = AUDIO_TYPES if kind == "audio" else VIDEO_TYPES
    if mime not in allowed:
        raise ValidationError(
            _("This file's content is not an audio recording a browser can play.")
            if kind == "audio"
            else _("This file's content is not a video a browser can play.")
        )
    return mime


def validate_captions(file) -> None:
    """Refuse captions too big or that are not WebVTT (header, cue timings)."""
    _check_size(file, settings.STORIES_CAPTIONS_MAX_UPLOAD_SIZE)
    file.seek(0)
    raw = file.read()
    file.seek(0)
    try:
        text = raw.decode("utf-8-sig")
        captions = webvtt.from_string(text)
    except (UnicodeDecodeError, MalformedFileError, MalformedCaptionError, ValueError) as error:
        raise ValidationError(_("These captions are not a WebVTT file.")) from error
    if not captions.captions:
        raise ValidationError(_("These captions are not a WebVTT file."))


def recording_duration(file) -> float | None:
    """Seconds of a recording, read from its container's headers by mutagen (WAV, MP3, OGG,
    FLAC, MP4/M4A, AAC…); None when they do not say (mutagen reads no WebM or Matroska) or the
    file is damaged: the editor is asked for it (stories.models.StoryMedia.clean)."""
    import mutagen

    file.seek(0)
    try:
        found = mutagen.File(file)
        seconds = float(found.info.length) if found is not None else 0.0
    except (mutagen.MutagenError, ValueError, OSError, EOFError, AttributeError):
        seconds = 0.0
    finally:
        file.seek(0)
    return round(seconds, 2) if seconds > 0 else None
