from django.db import models

from opendata.pages import OpenDataPage
from opendata.releases import Release

__all__ = ["HarvestRecord", "OpenDataPage", "Release"]


class HarvestRecord(models.Model):
    """One OAI-PMH record per catalog number ever public: when its public face last changed and
    whether it has been withdrawn since (a tombstone, kept for ever: deletedRecord=persistent).
    Written by opendata.records only; shown to no editor."""

    catalog_number = models.CharField(max_length=40, unique=True)
    # A plain number, not a foreign key: the row outlives the piece.
    piece_id = models.BigIntegerField(db_index=True)
    datestamp = models.DateTimeField(db_index=True)
    deleted = models.BooleanField(default=False)
    # The piece's OAI sets when last public, space-delimited (" case:X culture:maya "): a
    # withdrawn record stays in the sets it was harvested from.
    sets = models.CharField(max_length=500, blank=True)

    def __str__(self) -> str:
        return self.catalog_number
