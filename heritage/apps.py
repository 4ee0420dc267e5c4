from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HeritageConfig(AppConfig):
    name = "heritage"
    label = "heritage"
    verbose_name = _("Heritage")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import published, unpublished

        from heritage.models import VOCABULARIES, Piece, RecoveryCase
        from heritage.selectors import facets_invalidate
        from heritage.signals import visibility_changed

        # Cached facet counts follow every change to what the public catalog shows.
        for model in (Piece, RecoveryCase):
            published.connect(facets_invalidate, sender=model, dispatch_uid=f"facets-pub-{model}")
            unpublished.connect(facets_invalidate, sender=model, dispatch_uid=f"facets-unp-{model}")
            post_delete.connect(facets_invalidate, sender=model, dispatch_uid=f"facets-del-{model}")
        for model in VOCABULARIES:
            post_save.connect(facets_invalidate, sender=model, dispatch_uid=f"facets-voc-{model}")
        visibility_changed.connect(facets_invalidate, dispatch_uid="facets-visibility")

        # /media/ answers 404 for the files of images only private pieces use (heritage.media).
        from core.media import register_media_guard
        from heritage.media import media_file_hidden

        register_media_guard(media_file_hidden)
