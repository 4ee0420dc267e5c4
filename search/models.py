"""The database engine's own text tables: one row per public record, kept by the same sync as
the Elasticsearch/OpenSearch index.

The columns hold each language's text as written (`title_<code>`, and as `body_<code>` the
description and vocabulary labels), one pair per language of settings.LANGUAGES, as
modeltranslation makes the catalog's own columns: a new language is a migration like theirs.
The search vectors beside them (PostgreSQL text search configurations, generated `tsvector`
columns with GIN indexes; SQLite FTS5 tables of the text folded and stemmed in Python) follow
the same languages; search.schema keeps them after every migrate.
"""

from django.db import models

from core.i18n import language_codes, localized_name
from heritage.models import Piece

TEXT_FIELDS = ("title", "body")


def text_columns() -> list[str]:
    """The text columns, language by language: title_es, body_es, title_en, …"""
    return [localized_name(field, code) for code in language_codes() for field in TEXT_FIELDS]


# A record's title and body in each language, as written.
LanguageText = type(
    "LanguageText",
    (models.Model,),
    {
        "__module__": __name__,
        "__doc__": "A record's title and body in each language of the site, as written.",
        "Meta": type("Meta", (), {"abstract": True}),
        **{column: models.TextField(default="", blank=True) for column in text_columns()},
    },
)


class PieceText(LanguageText):
    """A public piece as the database engine reads it: its text, and what the researcher's
    search filters and counts on (search.indexing.piece_facts, the same declarations as the
    index documents): every facet's codes by facet name (a period with its broader periods;
    a GIN index on PostgreSQL, search.schema), the same codes as one flat list of `name:code`
    (quicker to count), each year range's bounds and the catalog number (the pages' order).
    Counts, filters and the order of the hits then read this one table, next to the text
    vectors, not the catalog's (search.database)."""

    piece = models.OneToOneField(
        Piece, primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=True
    )
    facets = models.JSONField(default=dict, blank=True)
    codes = models.JSONField(default=list, blank=True)
    date_start = models.IntegerField(null=True, blank=True)
    date_end = models.IntegerField(null=True, blank=True)
    recovered = models.IntegerField(null=True, blank=True)
    catalog_number = models.CharField(max_length=40, default="", blank=True)

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
