"""The curators' vocabulary of story themes (migration, work, family, …)."""

from django.utils.translation import gettext_lazy as _

from culture.models.vocabularies import ProgramTerm


class StoryTheme(ProgramTerm):
    """A theme a story speaks of; a code and its label in each language, like the programs'
    vocabularies (culture.models.vocabularies.ProgramTerm)."""

    class Meta(ProgramTerm.Meta):
        verbose_name = _("story theme")
        verbose_name_plural = _("story themes")
