from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    label = "stories"
    verbose_name = _("Community voices")

    def ready(self) -> None:
        from core.media import register_media_guard
        from stories import media, signals

        signals.connect()
        register_media_guard(media.media_file_hidden)
        register_media_guard(media.image_file_hidden)
