"""modeltranslation registrations of the core app: the site's language (Spanish) is required, the
others optional."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register

from core.models import (
    BasePage,
    FooterLink,
    HomePage,
    MainMenuLink,
    NavigationSettings,
    StandardPage,
)


@register(BasePage)
class BasePageTranslation(TranslationOptions):
    fields = ("intro", "body")


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ()  # inherits BasePage's


@register(StandardPage)
class StandardPageTranslation(TranslationOptions):
    fields = ()


@register(NavigationSettings)
class NavigationSettingsTranslation(TranslationOptions):
    fields = ("footer_text",)


@register(MainMenuLink)
class MainMenuLinkTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = (settings.LANGUAGE_CODE,)


@register(FooterLink)
class FooterLinkTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = (settings.LANGUAGE_CODE,)
