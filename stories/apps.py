from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    label = "stories"
    verbose_name = _("Community voices")

    def ready(self) -> None:
        from stories import signals

        signals.connect()
