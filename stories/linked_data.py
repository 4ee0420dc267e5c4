"""schema.org data for story pages: a CreativeWork with its recordings as AudioObject /
VideoObject (each with its `transcript` and caption files), `license`, `inLanguage`, the people
it is about and the places it happens in. Every URL absolute through core.links."""

from django.utils.translation import get_language

from core.links import absolute_url, page_url
from stories.choices import LICENCE_URLS, Licence
from stories.templatetags.stories_tags import transcript

OBJECT_TYPES = {"audio": "AudioObject", "video": "VideoObject"}


def _duration(seconds) -> str | None:
    total = int(round(float(seconds or 0)))
    return f"PT{total // 60}M{total % 60}S" if total else None


def recording_object(media, *, request) -> dict:
    said = transcript(media)
    data = {
        "@type": OBJECT_TYPES.get(media.type, "MediaObject"),
        "name": media.title,
        "contentUrl": absolute_url(media.file.url, request),
        "encodingFormat": media.file.name.rsplit(".", 1)[-1].lower(),
        "caption": [
            {"@type": "MediaObject", "contentUrl": absolute_url(file.url, request),
             "encodingFormat": "text/vtt", "inLanguage": code}
            for code, file in media.caption_files().items()
        ],
    }  # fmt: skip
    if duration := _duration(media.duration):
        data["duration"] = duration
    if said:
        data["transcript"] = said["text"]
        data["inLanguage"] = said["lang"]
    if media.thumbnail:
        data["thumbnailUrl"] = absolute_url(media.thumbnail.url, request)
    return data


def story_json_ld(story, context: dict, *, request) -> dict:
    """`context` is what the page shows (stories.selectors.story_context)."""
    language = get_language()
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": page_url(story, request),
        "url": page_url(story, request),
        "name": story.title,
        "abstract": story.teaser,
        "inLanguage": language,
        "license": LICENCE_URLS.get(story.licence) or str(Licence(story.licence).label),
        "creditText": story.credit_line,
        "datePublished": story.first_published_at.date().isoformat()
        if story.first_published_at
        else None,
        "keywords": [str(theme) for theme in context["themes"]],
        "about": [{"@type": "Person", "name": person.name} for person in context["people"]],
        "contentLocation": [
            {"@type": "Place", "name": str(place),
             "address": {"@type": "PostalAddress", "addressLocality": place.city,
                         "addressRegion": place.state, "addressCountry": place.country}}
            for place in context["places"]
        ],
        "associatedMedia": [
            recording_object(media, request=request) for media in context["recordings"].values()
        ],
    }  # fmt: skip
    if story.is_illustrative:
        data["disambiguatingDescription"] = "Illustrative demo data"
    return {key: value for key, value in data.items() if value not in (None, "", [])}
