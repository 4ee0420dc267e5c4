"""modeltranslation registrations of the catalog: the site's language (Spanish) is required where
a field is."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register, translator

from heritage.models import (
    VOCABULARIES,
    CaseAuthority,
    CatalogIndexPage,
    FiguresPage,
    Piece,
    PieceImage,
    ProvenanceEvent,
    RecoveryCase,
)


class VocabularyTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = (settings.LANGUAGE_CODE,)


translator.register(VOCABULARIES, VocabularyTranslation)


@register(RecoveryCase)
class RecoveryCaseTranslation(TranslationOptions):
    fields = ("title", "summary", "notes")
    required_languages = {settings.LANGUAGE_CODE: ("title",)}


@register(CaseAuthority)
class CaseAuthorityTranslation(TranslationOptions):
    fields = ("role",)


@register(Piece)
class PieceTranslation(TranslationOptions):
    fields = ("title", "description", "inscription", "condition", "date_display")
    required_languages = {settings.LANGUAGE_CODE: ("title",)}


@register(PieceImage)
class PieceImageTranslation(TranslationOptions):
    fields = ("alt_text", "caption")
    required_languages = {settings.LANGUAGE_CODE: ("alt_text",)}


@register(ProvenanceEvent)
class ProvenanceEventTranslation(TranslationOptions):
    fields = ("description",)


@register(CatalogIndexPage)
class CatalogIndexPageTranslation(TranslationOptions):
    fields = ()  # inherits core.BasePage's intro and body


@register(FiguresPage)
class FiguresPageTranslation(TranslationOptions):
    fields = ()
