"""What a recording's player shows in the reader's language: caption tracks, the transcript."""

from django import template
from django.utils.translation import get_language, get_language_info

from core.i18n import localized_name, source_language

register = template.Library()


@register.simple_tag
def caption_tracks(media) -> list[dict]:
    """A <track> per language with captions; the reader's language (or the first) is default."""
    current = get_language()
    tracks = [
        {"code": code, "label": get_language_info(code)["name_local"], "url": file.url,
         "default": code == current}
        for code, file in media.caption_files().items()
    ]  # fmt: skip
    if tracks and not any(track["default"] for track in tracks):
        tracks[0]["default"] = True
    return tracks


@register.simple_tag
def transcript(media) -> dict | None:
    """The transcript in the reader's language, or the one it falls back to ({text, lang,
    fallback}); None when the recording has none."""
    current = get_language()
    lang = source_language(media, "transcript", current)
    if lang is None:
        return None
    return {"text": getattr(media, localized_name("transcript", lang)), "lang": lang,
            "fallback": lang != current,
            "language_name": get_language_info(lang)["name_local"]}  # fmt: skip


@register.filter
def clock(seconds) -> str:
    """1:05 for 65 seconds, 1:01:05 past an hour."""
    total = int(round(float(seconds or 0)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
