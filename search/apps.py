from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from heritage import catalog
        from search import matching, schema, service, signals

        signals.connect()
        matching.connect()
        post_migrate.connect(schema.sync_after_migrate, sender=self)
        catalog.register_engine(service.search_pieces)
        catalog.register_admin_matcher(matching.admin_match)
