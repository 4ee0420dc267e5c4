"""A recovery case: one repatriation event with its method, place, authorities and sources."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from core.i18n import localized_names, translated_row, translated_sections
from heritage.choices import HolderType, LegalBasis, SourceKind
from heritage.models.mixins import (
    EditorialMixin,
    revisions_relation,
    select,
    workflow_states_relation,
)
from heritage.models.vocabularies import AuthorityType, Country, RecoveryMethod
from heritage.validators import identifier_validator


class RecoveryCase(EditorialMixin, index.Indexed, ClusterableModel):
    code = models.CharField(
        _("case code"),
        max_length=40,
        unique=True,
        help_text=_("Stable, human-readable identifier, e.g. CASE-2021-007."),
        validators=[identifier_validator],
    )
    title = models.CharField(_("title"), max_length=255)
    title.required_on_save = True  # a draft is listed and announced by its title
    summary = models.TextField(_("story"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    method = models.ForeignKey(
        RecoveryMethod, verbose_name=_("recovery method"), on_delete=models.PROTECT
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country recovered from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.CharField(_("city recovered from"), max_length=120, blank=True)
    holder_type = models.CharField(
        _("holder type"), max_length=32, choices=HolderType.choices, blank=True
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=32, choices=LegalBasis.choices, blank=True
    )
    date_reported = models.DateField(_("reported"), null=True, blank=True)
    date_handed_over = models.DateField(_("handed over"), null=True, blank=True)
    date_received = models.DateField(_("received in Mexico"), null=True, blank=True)

    reader_fields = ("title", "summary")

    revisions = revisions_relation("recovery_case")
    workflow_states = workflow_states_relation("recovery_case")

    panels = [
        FieldRowPanel(["code", select("method")]),
        translated_row("title", _("Title")),
        *translated_sections("summary", _("Story")),
        MultiFieldPanel(
            [
                FieldRowPanel([select("country"), "city"]),
                FieldRowPanel(["holder_type", "legal_basis"]),
                FieldRowPanel(["date_reported", "date_handed_over", "date_received"]),
            ],
            heading=_("Where and when"),
        ),
        InlinePanel("authorities", heading=_("Intervening authorities"), label=_("Authority")),
        InlinePanel("sources", heading=_("Sources"), label=_("Source")),
        translated_row("notes", _("Notes")),
        FieldPanel("is_illustrative"),
    ]
    search_fields = [
        index.SearchField("code"),
        index.AutocompleteField("code"),
        *(index.SearchField(name) for name in localized_names("title")),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("recovery case")
        verbose_name_plural = _("recovery cases")
        ordering = ["-date_received", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.date_reported
            and self.date_handed_over
            and self.date_handed_over < self.date_reported
        ):
            errors["date_handed_over"] = _("The hand-over cannot come before the report.")
        if (
            self.date_handed_over
            and self.date_received
            and self.date_received < self.date_handed_over
        ):
            errors["date_received"] = _("Mexico cannot receive the pieces before the hand-over.")
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "heritage/recovery_case.html"

    def get_preview_context(self, request, mode_name):
        return {"case": self, "pieces": [], **self.preview_base_context()}


class CaseAuthority(Orderable):
    case = ParentalKey(RecoveryCase, related_name="authorities", on_delete=models.CASCADE)
    authority_type = models.ForeignKey(
        AuthorityType, verbose_name=_("authority type"), on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=255)
    role = models.CharField(_("role"), max_length=255, blank=True)

    panels = [FieldRowPanel([select("authority_type"), "name"]), "role"]

    class Meta(Orderable.Meta):
        verbose_name = _("intervening authority")
        verbose_name_plural = _("intervening authorities")

    def __str__(self) -> str:
        return self.name


class CaseSource(Orderable):
    case = ParentalKey(RecoveryCase, related_name="sources", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=32, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=255)
    url = models.URLField(_("URL"), blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    panels = [FieldRowPanel(["kind", "date"]), "title", "url"]

    class Meta(Orderable.Meta):
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.title
