"""Sitemap of the public pages, in every language with hreflang alternates.

Locations are paths: Django's sitemap views put the request's scheme and host in front (with
no django.contrib.sites, RequestSite), so a sitemap lists the host that serves it.
"""

from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from core.links import page_path


class LanguageSitemap(Sitemap):
    """Each item once per language (Django's i18n sitemaps), with the other languages as
    alternates. Subclasses give `items()` and `path_in_language(item)`."""

    i18n = True
    alternates = True
    x_default = False  # Django would strip the /es/ prefix; pages carry their own x-default

    def location(self, item) -> str:
        return self.path_in_language(item, translation.get_language())


class PageSitemap(LanguageSitemap):
    changefreq = "weekly"

    def items(self):
        # public() leaves out pages under a view restriction (password, login, groups).
        return Page.objects.live().public().filter(depth__gte=2).specific().order_by("path")

    def path_in_language(self, page, lang: str) -> str:
        with translation.override(lang):
            return page_path(page) or ""

    def lastmod(self, page):
        return page.last_published_at
