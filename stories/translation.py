"""modeltranslation registrations of the stories (a theme's label is required in the site's
language, as the programs' vocabularies)."""

from modeltranslation.translator import TranslationOptions, register, translator

from culture.translation import TermTranslation
from stories.models import StoryIndexPage, StoryMedia, StoryPage, StoryTheme

translator.register(StoryTheme, TermTranslation)


@register(StoryIndexPage)
class StoryIndexPageTranslation(TranslationOptions):
    fields = ()


@register(StoryPage)
class StoryPageTranslation(TranslationOptions):
    fields = ("teaser", "cover_alt")


@register(StoryMedia)
class StoryMediaTranslation(TranslationOptions):
    fields = ("transcript", "captions")
