"""A story a visitor sent through the public form, kept beside the draft story it became.

The contributor's reference is shown once and never stored: only its SHA-256 digest is, so
neither a database copy nor an editor can read it back, and it alone proves who sent the story
when they ask for its withdrawal (stories.contributions). The e-mail address is optional and
only for the editors to answer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoryContribution(models.Model):
    story = models.OneToOneField(
        "stories.StoryPage", verbose_name=_("story"), related_name="contribution",
        null=True, blank=True, on_delete=models.SET_NULL,
    )  # fmt: skip
    reference_digest = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=12)
    email = models.EmailField(_("e-mail address"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    recording = models.ForeignKey(
        "stories.StoryMedia", verbose_name=_("recording"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    withdrawal_requested_at = models.DateTimeField(
        _("withdrawal requested at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return str(self.story) if self.story_id else f"#{self.pk}"
