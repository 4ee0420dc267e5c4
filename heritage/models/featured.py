"""The pieces curators put at the home page's door, in their order (a setting of each site).

The curation stays in the catalog: the home page (core) only offers a place for a section, and
heritage.home fills it with these pieces — or with the most recently returned ones when none
is chosen. Only published, unrestricted pieces are ever shown; a chosen piece that is later
restricted or unpublished simply drops out."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="pick")
class FeaturedPiecesSettings(ClusterableModel, BaseSiteSetting):
    panels = [
        InlinePanel(
            "featured_pieces",
            heading=_("Featured pieces"),
            label=_("Featured piece"),
            help_text=_(
                "Shown in this order on the home page. With none chosen, the home page shows "
                "the pieces most recently returned. Restricted or unpublished pieces never show."
            ),
        )  # fmt: skip
    ]

    class Meta:
        verbose_name = _("featured pieces")


class FeaturedPiece(Orderable):
    setting = ParentalKey(
        FeaturedPiecesSettings, related_name="featured_pieces", on_delete=models.CASCADE
    )
    piece = models.ForeignKey("heritage.Piece", verbose_name=_("piece"), on_delete=models.CASCADE)

    panels = [FieldPanel("piece")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured piece")
        verbose_name_plural = _("featured pieces")
