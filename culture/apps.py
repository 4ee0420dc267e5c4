from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CultureConfig(AppConfig):
    name = "culture"
    label = "culture"
    verbose_name = _("Cultural programs")

    def ready(self) -> None:
        from culture import signals

        signals.connect()
