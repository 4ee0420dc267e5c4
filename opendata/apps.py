from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "opendata"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Open data")
