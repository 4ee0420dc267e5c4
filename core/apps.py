from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from core import pagecache, signals

        signals.connect()
        pagecache.connect()
        pagecache.keep_site_root_paths()
        from wagtail.models import get_page_models

        for model in get_page_models():
            if model._meta.app_label != "wagtailcore":
                pagecache.cache_child_routes(model)
                pagecache.cache_view_restrictions(model)
