from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import Fallback, fallbacks


class ReaderTranslationMixin:
    """A record a reader sees: which of its translated fields fall back to another language."""

    reader_fields: tuple[str, ...] = ()

    def reader_fallbacks(self, lang: str | None = None) -> list[Fallback]:
        return fallbacks(self, self.reader_fields, lang)


class IllustrativeMixin(models.Model):
    """Demo and synthetic records say so, on the site and in the admin."""

    is_illustrative = models.BooleanField(
        _("illustrative content"),
        default=False,
        help_text=_(
            "Invented for demonstration: the site and the admin label it as illustrative, "
            "never as a real record."
        ),
    )

    class Meta:
        abstract = True
