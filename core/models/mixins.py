from django.db import models
from django.utils.translation import gettext_lazy as _


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
