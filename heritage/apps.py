from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "heritage"
    label = "heritage"
    verbose_name = _("Heritage")

    def ready(self):
        from django.db.models.signals import post_save

        from heritage.models import VOCABULARIES
        from heritage.selectors import facets_invalidate
        from heritage.signals import connect_record_changes, record_changed

        connect_record_changes()
        # Cached facet counts follow every change to what the public catalog shows.
        record_changed.connect(facets_invalidate, dispatch_uid="facets-records")
        for model in VOCABULARIES:
            post_save.connect(facets_invalidate, sender=model, dispatch_uid=f"facets-voc-{model}")
        # /media/ answers 404 for the files of images only private pieces use (heritage.media).
        from core.media import register_media_guard
        from heritage.media import media_file_hidden

        register_media_guard(media_file_hidden)
