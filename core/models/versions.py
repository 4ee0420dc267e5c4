"""One counter in the database that any change to a visible record moves (core.pagecache):
what lets each process keep its own copy of the site's routes and know when it went stale."""

from django.db import models


class SiteVersion(models.Model):
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "site version"

    def __str__(self) -> str:
        return str(self.value)
