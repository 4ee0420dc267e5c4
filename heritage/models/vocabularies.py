"""Curator-managed vocabularies: a stable code, translated labels, an optional authority URI."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from core.i18n import site_name, translated_row
from heritage.dates import YEAR_ORDER_ERROR, years_out_of_order
from heritage.validators import code_validator


class VocabularyTerm(models.Model):
    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        validators=[code_validator],
        help_text=_("Stable identifier used by imports, exports, search facets and URLs."),
    )
    label = models.CharField(_("label"), max_length=200)
    authority_uri = models.URLField(
        _("authority URI"),
        blank=True,
        help_text=_("Getty AAT/TGN, PeriodO or Wikidata URI for the same concept."),
    )

    panels = ["code", translated_row("label", _("Label")), "authority_uri"]

    class Meta:
        abstract = True
        ordering = [site_name("label")]

    def __str__(self) -> str:
        return self.label or self.code


class DatedTerm(VocabularyTerm):
    """A term with the span of years it covers, in signed years; either end may be unknown."""

    start_year = models.IntegerField(
        _("start year"), null=True, blank=True, help_text=_("Signed year: -1200 is 1200 BCE.")
    )
    end_year = models.IntegerField(_("end year"), null=True, blank=True)

    class Meta(VocabularyTerm.Meta):
        abstract = True

    def clean(self):
        super().clean()
        if years_out_of_order(self.start_year, self.end_year):
            raise ValidationError({"end_year": YEAR_ORDER_ERROR})


class Culture(DatedTerm):
    """A culture, with the span its documented material covers (heritage.vocabulary_seed names
    the sources of the seeded spans): the piece editor warns about years outside it, and the
    illustrative pieces are dated inside it."""

    panels = [
        *VocabularyTerm.panels,
        "start_year",
        FieldPanel(
            "end_year",
            help_text=_("A piece dated outside the culture's span is saved with a warning."),
        ),
    ]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("culture")
        verbose_name_plural = _("cultures")


class Period(DatedTerm):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subperiods",
    )

    panels = [*VocabularyTerm.panels, "parent", "start_year", "end_year"]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        ordering = ["start_year", site_name("label")]


class Material(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")


class Technique(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("technique")
        verbose_name_plural = _("techniques")


class ObjectType(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("object type")
        verbose_name_plural = _("object types")


class RecoveryMethod(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("recovery method")
        verbose_name_plural = _("recovery methods")


class Country(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Institution(VocabularyTerm):
    city = models.CharField(_("city"), max_length=120, blank=True)

    panels = [*VocabularyTerm.panels, "city"]

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")


class AuthorityType(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("authority type")
        verbose_name_plural = _("authority types")


VOCABULARIES = [
    Culture,
    Period,
    Material,
    Technique,
    ObjectType,
    RecoveryMethod,
    Country,
    Institution,
    AuthorityType,
]
