from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import health
from config.api import api
from core import views as core_views
from core.media import serve_media
from core.sitemaps import PageSitemap
from heritage.sitemaps import CaseSitemap, PieceSitemap
from opendata import downloads as opendata_downloads

SITEMAPS = {"pages": PageSitemap, "pieces": PieceSitemap, "cases": CaseSitemap}
SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8"

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("", include("opendata.urls")),
    path("id/", include("heritage.records")),  # stable record URIs, language-neutral
    path(
        "sitemap.xml",
        sitemap_views.index,
        {
            "sitemaps": SITEMAPS,
            "sitemap_url_name": "sitemap-section",
            "content_type": SITEMAP_CONTENT_TYPE,
        },
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS, "content_type": SITEMAP_CONTENT_TYPE},
        name="sitemap-section",
    ),
    path(
        "opendata/releases/<str:version>/<str:name>",
        opendata_downloads.release_file,
        name="opendata-release-file",
    ),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("style/", core_views.style_guide, name="style-guide"),  # 404 unless DEBUG
    path("", include("heritage.iiif.urls")),
    # Every media file through one guarded view, in every mode (core/media.py).
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", serve_media, name="media"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Every public page carries its language: /es/…, /en/…, /nah/…; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("stories.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
