from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from heritage import catalog
        from search import service, signals

        signals.connect()
        catalog.register_engine(service.search_pieces)
