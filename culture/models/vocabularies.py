"""The programs' vocabularies: categories, audiences and the languages spoken at a program, and
the services the directory lists (culture/models/offering.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import localized_name, site_name, translated_row


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


class Service(ProgramTerm):
    """A service a consulate, an organization or a mobile-consulate stop gives (passport,
    consular ID, legal defence…). Its synonyms are what people type to find it."""

    class Group(models.TextChoices):
        CONSULAR = "consular", _("Consular procedures")
        LEGAL = "legal", _("Legal help and rights")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        OTHER = "other", _("Other services")

    group = models.CharField(_("group"), max_length=12, choices=Group.choices, default=Group.OTHER)
    synonyms = models.CharField(
        _("synonyms"), max_length=500, blank=True,
        help_text=_("Other words people use for it, separated by commas."),
    )  # fmt: skip

    panels = [*ProgramTerm.panels, "group", translated_row("synonyms", _("Synonyms"))]

    class Meta(ProgramTerm.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["group", "pk"]  # as seeded: passport first, "other" last

    def synonym_list(self, lang: str | None = None) -> list[str]:
        """The synonyms in one language (the active one by default), stripped, without blanks."""
        text = getattr(self, localized_name("synonyms", lang)) if lang else self.synonyms
        return [word.strip() for word in (text or "").split(",") if word.strip()]


PROGRAM_VOCABULARIES = (ProgramCategory, Audience, ProgramLanguage)
