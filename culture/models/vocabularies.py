"""The programs' vocabularies: categories, audiences and the languages spoken at a program."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import site_name, translated_row


class ProgramTerm(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    label = models.CharField(_("label"), max_length=200)

    panels = ["code", translated_row("label", _("Label"))]

    class Meta:
        abstract = True
        ordering = [site_name("label")]

    def __str__(self) -> str:
        return self.label or self.code


class ProgramCategory(ProgramTerm):
    class Meta(ProgramTerm.Meta):
        verbose_name = _("program category")
        verbose_name_plural = _("program categories")


class Audience(ProgramTerm):
    class Meta(ProgramTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class ProgramLanguage(ProgramTerm):
    """A language spoken at a program; `code` is its ISO 639 code (es, en, nah, mix, zap…)."""

    indigenous = models.BooleanField(_("indigenous language of Mexico"), default=False)

    panels = [*ProgramTerm.panels, "indigenous"]

    class Meta(ProgramTerm.Meta):
        verbose_name = _("program language")
        verbose_name_plural = _("program languages")


PROGRAM_VOCABULARIES = (ProgramCategory, Audience, ProgramLanguage)
