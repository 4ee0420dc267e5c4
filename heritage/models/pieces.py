"""A catalog record: one repatriated piece."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.i18n import (
    language_codes,
    localized_name,
    localized_names,
    translated_row,
    translated_sections,
)
from heritage.choices import PIECE_DATE_QUALIFIERS, Authenticity, DateQualifier, ImageLicense
from heritage.dates import YEAR_ORDER_ERROR, date_text, years_out_of_order
from heritage.models.cases import RecoveryCase
from heritage.models.mixins import (
    EditorialMixin,
    revisions_relation,
    workflow_states_relation,
)
from heritage.models.vocabularies import (
    Culture,
    Institution,
    Material,
    ObjectType,
    Period,
    Technique,
)
from heritage.panels import GeneratedDatePanel
from heritage.validators import identifier_validator
from heritage.widgets import SignedYearWidget

YEAR_VALIDATORS = [MinValueValidator(-10000), MaxValueValidator(2100)]
POSITIVE = [MinValueValidator(Decimal("0.01"))]
RESTRICTED_PERMISSION = "heritage.view_restricted"


def _measure(label):
    return models.DecimalField(
        label, max_digits=9, decimal_places=2, null=True, blank=True, validators=POSITIVE
    )


class Piece(EditorialMixin, index.Indexed, ClusterableModel):
    catalog_number = models.CharField(
        _("catalog number"),
        max_length=40,
        unique=True,
        validators=[identifier_validator],
        help_text=_("Unique and stable (e.g. REP-2021-000431); the key of imports."),
    )
    title = models.CharField(_("title"), max_length=255)
    title.required_on_save = True  # a draft is listed and announced by its title
    description = models.TextField(_("description"), blank=True)
    inscription = models.TextField(_("inscription or marks"), blank=True)
    condition = models.TextField(_("condition"), blank=True)

    culture = models.ForeignKey(
        Culture, verbose_name=_("culture"), null=True, blank=True, on_delete=models.PROTECT
    )
    period = models.ForeignKey(
        Period, verbose_name=_("period"), null=True, blank=True, on_delete=models.PROTECT
    )
    date_start = models.IntegerField(
        _("date from"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("The year and its era: 1200 BCE, 600 CE."),
    )
    date_end = models.IntegerField(_("date to"), null=True, blank=True, validators=YEAR_VALIDATORS)
    date_qualifier = models.CharField(
        _("date qualifier"),
        max_length=10,
        choices=[(qualifier.value, qualifier.label) for qualifier in PIECE_DATE_QUALIFIERS],
        default=DateQualifier.EXACT,
    )
    date_display = models.CharField(
        _("date as displayed"),
        max_length=120,
        blank=True,
        help_text=_(
            "Leave empty to use the generated text (shown in the empty box); write here only "
            "to word the date otherwise."
        ),
    )

    object_type = models.ForeignKey(
        ObjectType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.PROTECT
    )
    materials = ParentalManyToManyField(Material, verbose_name=_("materials"), blank=True)
    techniques = ParentalManyToManyField(Technique, verbose_name=_("techniques"), blank=True)

    height_cm = _measure(_("height (cm)"))
    width_cm = _measure(_("width (cm)"))
    depth_cm = _measure(_("depth (cm)"))
    diameter_cm = _measure(_("diameter (cm)"))
    weight_g = _measure(_("weight (g)"))

    custodian = models.ForeignKey(
        Institution,
        verbose_name=_("current custodian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    authenticity = models.CharField(
        _("authenticity"),
        max_length=20,
        choices=Authenticity.choices,
        default=Authenticity.UNDER_STUDY,
    )
    case = models.ForeignKey(
        RecoveryCase,
        verbose_name=_("recovery case"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pieces",
    )

    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_("Withheld from the public: pages, search, API, exports and feeds."),
    )
    restriction_reason = models.CharField(_("reason for restriction"), max_length=255, blank=True)
    find_site = models.CharField(_("find-spot (site)"), max_length=255, blank=True)
    find_lat = models.DecimalField(
        _("find-spot latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    find_lon = models.DecimalField(
        _("find-spot longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    find_spot_released = models.BooleanField(
        _("find-spot released to the public"),
        default=False,
        help_text=_("Find-spots are never public unless a curator releases them here."),
    )

    reader_fields = ("title", "description", "inscription", "date_display", "condition")

    revisions = revisions_relation("piece")
    workflow_states = workflow_states_relation("piece")

    panels = [
        FieldPanel("catalog_number"),
        FieldPanel("case"),
        translated_row("title", _("Title")),
        *translated_sections("description", _("Description")),
        translated_row("inscription", _("Inscription or marks")),
        MultiFieldPanel(
            [
                FieldRowPanel(["culture", "period", "object_type"]),
                FieldRowPanel(
                    [
                        "date_qualifier",
                        FieldPanel("date_start", widget=SignedYearWidget),
                        FieldPanel("date_end", widget=SignedYearWidget),
                    ]
                ),
                translated_row("date_display", _("Date as displayed"), panel=GeneratedDatePanel),
                FieldRowPanel(["materials", "techniques"]),
            ],
            heading=_("Classification and date"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(["height_cm", "width_cm", "depth_cm"]),
                FieldRowPanel(["diameter_cm", "weight_g"]),
                translated_row("condition", _("Condition")),
            ],
            heading=_("Dimensions and condition"),
        ),
        FieldRowPanel(["custodian", "authenticity"]),
        InlinePanel("images", heading=_("Images"), label=_("Image")),
        InlinePanel("provenance_events", heading=_("Provenance"), label=_("Event")),
        # The permission sits on each field: wagtail-modeltranslation rebuilds composed panels
        # without their `permission`.
        MultiFieldPanel(
            [
                FieldPanel(name, permission=RESTRICTED_PERMISSION)
                for name in (
                    "restricted",
                    "restriction_reason",
                    "find_site",
                    "find_lat",
                    "find_lon",
                    "find_spot_released",
                )
            ],
            heading=_("Restrictions and find-spot"),
        ),
        FieldPanel("is_illustrative"),
    ]
    search_fields = [
        index.SearchField("catalog_number"),
        index.AutocompleteField("catalog_number"),
        *(index.SearchField(name) for name in localized_names("title")),
        index.FilterField("live"),
        index.FilterField("restricted"),
    ]

    class Meta:
        verbose_name = _("piece")
        verbose_name_plural = _("pieces")
        ordering = ["catalog_number"]
        permissions = [
            ("view_restricted", _("Can see and edit restricted pieces and find-spots")),
        ]

    def __str__(self) -> str:
        return f"{self.catalog_number} — {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if years_out_of_order(self.date_start, self.date_end):
            errors["date_end"] = YEAR_ORDER_ERROR
        if (self.find_lat is None) != (self.find_lon is None):
            errors["find_lon"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def date_label(self) -> str:
        """The curator's text in the reader's language (or its fallback) if written, else the
        text generated from the years and the qualifier in the reader's language."""
        return date_text(self.date_start, self.date_end, self.date_qualifier,
                         written=self.written_dates())  # fmt: skip

    def written_dates(self) -> dict[str, str]:
        """The curator's date texts by language code (`date_display_<code>`)."""
        return {code: getattr(self, localized_name("date_display", code)) or ""
                for code in language_codes()}  # fmt: skip

    @property
    def find_spot_is_public(self) -> bool:
        return self.find_spot_released and not self.restricted

    def get_preview_template(self, request, mode_name):
        return "heritage/piece.html"

    def get_preview_context(self, request, mode_name):
        from heritage.selectors import piece_context

        # The preview shows the form's unsaved images and events, not the database's.
        self.is_preview_instance = True
        return {**piece_context(piece=self), **self.preview_base_context()}


class PieceImage(Orderable):
    piece = ParentalKey(Piece, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=255)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    credit = models.CharField(_("credit line"), max_length=255)
    license = models.CharField(
        _("license"), max_length=32, choices=ImageLicense.choices, default=ImageLicense.ALL_RIGHTS
    )

    panels = [
        "image",
        translated_row("alt_text", _("Alternative text")),
        translated_row("caption", _("Caption")),
        FieldRowPanel(["credit", "license"]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("piece image")
        verbose_name_plural = _("piece images")
