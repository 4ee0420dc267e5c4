from core.models.mixins import IllustrativeMixin, ReaderTranslationMixin
from core.models.navigation import FooterLink, MainMenuLink, NavigationSettings
from core.models.pages import BasePage, HomePage, StandardPage
from core.models.versions import SiteVersion

__all__ = [
    "BasePage",
    "FooterLink",
    "HomePage",
    "IllustrativeMixin",
    "MainMenuLink",
    "ReaderTranslationMixin",
    "NavigationSettings",
    "SiteVersion",
    "StandardPage",
]
