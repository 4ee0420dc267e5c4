"""Language helpers: fallback chains, which language a translated field really shows, admin panels.

Translations live in columns (`title_es`, `title_en`, …, one per settings.LANGUAGES) managed
by modeltranslation,
which silently falls back when a column is empty. The reader must be told when that happens, so
the helpers here answer "which language does this text actually come from?".
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import get_language, get_language_info
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel, TitleFieldPanel


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def is_draft_language(lang: str | None = None) -> bool:
    """Whether `lang` (the active language by default) has a draft interface translation,
    awaiting review by its speakers (settings.RETORNO_DRAFT_LANGUAGES)."""
    return (lang or get_language()) in settings.RETORNO_DRAFT_LANGUAGES


def fallback_chain(lang: str) -> list[str]:
    """The languages to try, in order, for a reader of `lang` (the language itself first)."""
    chain = settings.RETORNO_FALLBACKS.get(lang, settings.RETORNO_DEFAULT_FALLBACK)
    ordered = [lang]
    for code in chain:
        if code not in ordered:
            ordered.append(code)
    return ordered


def localized_name(field: str, lang: str) -> str:
    return f"{field}_{lang.replace('-', '_')}"


def localized_names(*fields: str) -> list[str]:
    """Each field's column in every language, field by field: title_es, title_en, …"""
    return [localized_name(field, code) for field in fields for code in language_codes()]


def site_name(field: str) -> str:
    """A translated field's column in the site's language (the one that is required)."""
    return localized_name(field, settings.LANGUAGE_CODE)


def has_value(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    try:
        return len(value) > 0  # StreamValue, RichText lists
    except TypeError:
        return True


def source_language(obj, field: str, lang: str | None = None) -> str | None:
    """The language whose column supplies `obj.<field>` for a reader of `lang`, or None."""
    lang = lang or get_language() or settings.LANGUAGE_CODE
    for code in fallback_chain(lang):
        if has_value(getattr(obj, localized_name(field, code), None)):
            return code
    return None


@dataclass(frozen=True)
class Fallback:
    field: str
    language: str  # the language the text is shown in instead

    @property
    def language_name(self) -> str:
        return get_language_info(self.language)["name_local"]


def fallbacks(obj, fields: Iterable[str], lang: str | None = None) -> list[Fallback]:
    """The fields of `obj` that a reader of `lang` sees in another language."""
    lang = lang or get_language() or settings.LANGUAGE_CODE
    found = []
    for field in fields:
        source = source_language(obj, field, lang)
        if source is not None and source != lang:
            found.append(Fallback(field=field, language=source))
    return found


def language_label(code: str) -> str:
    info = get_language_info(code)
    return f"{info['name_local']} ({code})"


def translated_row(field: str, heading: str, panel: type[FieldPanel] = FieldPanel) -> Panel:
    """One row holding a short translated field in every language, side by side (each in a
    `panel`: a FieldPanel or a subclass of it)."""
    return FieldRowPanel(
        [
            panel(localized_name(field, code), heading=language_label(code))
            for code in language_codes()
        ],
        heading=heading,
    )


def title_row(heading: str) -> Panel:
    """The page title in every language, side by side, each one filling its own slug."""
    return FieldRowPanel(
        [
            TitleFieldPanel(
                localized_name("title", code),
                heading=language_label(code),
                targets=[localized_name("slug", code)],
                classname="title",
            )
            for code in language_codes()
        ],
        heading=heading,
    )


def translated_sections(field: str, heading: str) -> list[Panel]:
    """A long translated field (rich text, StreamField): one collapsible section per language."""
    return [
        MultiFieldPanel(
            [FieldPanel(localized_name(field, code), heading=language_label(code))],
            heading=format_lazy("{} · {}", heading, language_label(code)),
            classname="collapsed" if index else "",
        )
        for index, code in enumerate(language_codes())
    ]
