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
        from wagtail.contrib.routable_page.models import RoutablePageMixin
        from wagtail.models import get_page_models

        for model in get_page_models():
            if not issubclass(model, RoutablePageMixin) and model._meta.app_label != "wagtailcore":
                pagecache.cache_child_routes(model)
