"""The database engine's own text table: one row per public piece, kept by the same sync as
the Elasticsearch/OpenSearch index.

The columns hold each language's text as written (title; description and vocabulary labels as
the body). The search vectors live beside them in the database itself, created by migration:
on PostgreSQL, generated `tsvector` columns per language (unaccent + the language's stemmer)
with GIN indexes; on SQLite, an FTS5 table of the same text folded and stemmed in Python.
"""

from django.db import models

from heritage.models import Piece


class LanguageText(models.Model):
    """A record's title and body in each language, as written."""

    title_es = models.TextField(default="", blank=True)
    body_es = models.TextField(default="", blank=True)
    title_en = models.TextField(default="", blank=True)
    body_en = models.TextField(default="", blank=True)
    title_nah = models.TextField(default="", blank=True)
    body_nah = models.TextField(default="", blank=True)

    class Meta:
        abstract = True


class PieceText(LanguageText):
    piece = models.OneToOneField(
        Piece, primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=True
    )

    class Meta:
        verbose_name = "piece search text"
        default_permissions = ()

    def __str__(self):
        return f"search text of piece {self.piece_id}"


class ContentText(LanguageText):
    """The same, for the other public records found by the site-wide search: recovery cases and
    pages (programs join them). `kind` says which; `object_id` is the record's id."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = "content search text"
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_content_unique")
        ]

    def __str__(self):
        return f"search text of {self.kind} {self.object_id}"
