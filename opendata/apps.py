from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Open data")

    def ready(self):
        from heritage.signals import record_changed
        from opendata.records import on_record_changed

        record_changed.connect(on_record_changed, dispatch_uid="opendata-records")
