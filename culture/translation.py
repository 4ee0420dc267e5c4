"""modeltranslation registrations of the programs: Spanish is required where a field is."""

from modeltranslation.translator import TranslationOptions, register, translator

from culture.models import (
    PROGRAM_VOCABULARIES,
    Organizer,
    ProgramIndexPage,
    ProgramPage,
    ProgramSession,
    Venue,
)


class TermTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ("es",)


translator.register(PROGRAM_VOCABULARIES, TermTranslation)


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "accessibility", "opening_hours")
    required_languages = {"es": ("name",)}


@register(Organizer)
class OrganizerTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"es": ("name",)}


@register(ProgramIndexPage)
class ProgramIndexPageTranslation(TranslationOptions):
    fields = ()


@register(ProgramPage)
class ProgramPageTranslation(TranslationOptions):
    fields = ("summary", "cost_note")


@register(ProgramSession)
class ProgramSessionTranslation(TranslationOptions):
    fields = ("notice",)
