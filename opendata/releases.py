"""Releases of the open-data dump: what `publish_dump` wrote, where, and what changed.

A release is public by nature (it holds only what the public catalog shows), so its record is
the Open data page's list: the files with their sizes and SHA-256 checksums, the counts, and the
change list against the release before it.
"""

from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    version = models.CharField(_("version"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("created at"))
    license = models.CharField(_("licence"), max_length=64)
    # {"pieces": 120, "cases": 10, "provenance": 300, "vocabularies": 80}
    counts = models.JSONField(_("counts"), default=dict)
    # [{"name": "pieces.csv", "bytes": 1234, "sha256": "…", "mediatype": "text/csv"}, …]
    files = models.JSONField(_("files"), default=list)
    # {"added": 3, "changed": 1, "withdrawn": 0}; empty for the first release
    changes = models.JSONField(_("changes"), default=dict)
    previous_version = models.CharField(_("previous version"), max_length=32, blank=True)
    directory = models.CharField(_("directory"), max_length=500)

    class Meta:
        verbose_name = _("open-data release")
        verbose_name_plural = _("open-data releases")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.version

    @property
    def path(self) -> Path:
        return Path(self.directory)

    def file(self, name: str) -> dict | None:
        """The listed file of that name (only listed files are ever served)."""
        return next((item for item in self.files if item["name"] == name), None)
