"""modeltranslation registrations of the opendata app."""

from modeltranslation.translator import TranslationOptions, register

from opendata.models import OpenDataPage


@register(OpenDataPage)
class OpenDataPageTranslation(TranslationOptions):
    fields = ()  # inherits core.BasePage's intro and body
