"""Sitemaps of public pieces and cases (restricted and unpublished records never appear)."""

from django.utils import translation

from core.links import page_path
from core.sitemaps import LanguageSitemap
from heritage.models import Piece, RecoveryCase
from heritage.models.pages import case_route, piece_route
from heritage.selectors import catalog_page_public, piece_public_q


class CatalogSitemap(LanguageSitemap):
    limit = 15000  # × 3 languages stays under the 50,000 URLs a sitemap file may hold

    def __init__(self):
        super().__init__()
        self.page = catalog_page_public()
        self._bases: dict[str, str] = {}

    def base(self, lang: str) -> str:
        if lang not in self._bases:
            with translation.override(lang):
                self._bases[lang] = (page_path(self.page) if self.page else None) or ""
        return self._bases[lang]


class PieceSitemap(CatalogSitemap):
    changefreq = "monthly"

    def items(self):
        if self.page is None:
            return Piece.objects.none()
        return (
            Piece.objects.filter(piece_public_q())
            .only("catalog_number", "last_published_at")
            .order_by("catalog_number")
        )

    def path_in_language(self, piece, lang: str) -> str:
        return self.base(lang) + piece_route(piece.catalog_number)

    def lastmod(self, piece):
        return piece.last_published_at


class CaseSitemap(CatalogSitemap):
    changefreq = "monthly"

    def items(self):
        if self.page is None:
            return RecoveryCase.objects.none()
        return (
            RecoveryCase.objects.filter(live=True)
            .only("code", "last_published_at")
            .order_by("code")
        )

    def path_in_language(self, case, lang: str) -> str:
        return self.base(lang) + case_route(case.code)

    def lastmod(self, case):
        return case.last_published_at
