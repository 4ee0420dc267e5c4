from core.models.mixins import IllustrativeMixin, ReaderTranslationMixin
from core.models.navigation import FooterLink, MainMenuLink, NavigationSettings
from core.models.pages import BasePage, HomePage, StandardPage

__all__ = [
    "BasePage",
    "FooterLink",
    "HomePage",
    "IllustrativeMixin",
    "MainMenuLink",
    "ReaderTranslationMixin",
    "NavigationSettings",
    "StandardPage",
]
