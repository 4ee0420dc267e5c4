"""A story's consent record: who gave it, when, for what, and whether it was withdrawn.

Kept outside the page's revisions on purpose: a withdrawal takes effect when it is recorded,
not when a draft is published (stories.services.consent_withdraw unpublishes the story).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from stories.choices import ConsentScope


class StoryConsent(models.Model):
    story = models.OneToOneField(
        "stories.StoryPage", verbose_name=_("story"), related_name="consent",
        on_delete=models.CASCADE,
    )  # fmt: skip
    given_by = models.CharField(
        _("given by"), max_length=200,
        help_text=_("Who consented (the person or their representative), as named by them."),
    )  # fmt: skip
    given_on = models.DateField(_("given on"))
    scope = models.CharField(
        _("scope"), max_length=20, choices=ConsentScope.choices, default=ConsentScope.PUBLIC_WEB
    )
    withdrawn_on = models.DateField(
        _("withdrawn on"), null=True, blank=True,
        help_text=_("Recording a withdrawal unpublishes the story at once."),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{self.story} — {self.given_by}"

    @property
    def allows_public_web(self) -> bool:
        return self.scope == ConsentScope.PUBLIC_WEB and self.withdrawn_on is None


def consent_allows_q(prefix: str = ""):
    """The stories whose consent lets them be on the public web (scope public web, not
    withdrawn): the one rule pages, media and every other channel share."""
    from django.db.models import Q

    return Q(**{f"{prefix}consent__scope": ConsentScope.PUBLIC_WEB,
                f"{prefix}consent__withdrawn_on__isnull": True})  # fmt: skip
