"""The admin's text matcher (heritage.catalog.admin_search): every record, not only public ones.

The engines (search.database, search.engines) answer for public records from text tables and
indexes that hold nothing else. Curators also need drafts and restricted pieces, so the admin
listings and the sidebar's search areas match the records' own columns instead, in one SQL
condition (a listing costs the same few queries however many records match):

- the words are read and folded by search.text (`WORD`, `fold`) and stemmed by `terms` in every
  language, the rule the engines index with; a word matches a column that contains it or any of
  its stems, so "mascara" finds "Máscaras" and "vasijas" finds "vasija";
- the columns are folded in the database by the same rule: on SQLite by `search.text.fold`
  itself, registered as the SQL function `retorno_fold`; on PostgreSQL by `unaccent(lower(…))`,
  what the engine's `retorno_<code>` text search configurations fold with;
- a word matches inside a column, so "000431", "rep-2021-000431" and "REP 2021 000431" all
  find REP-2021-000431 (every word must match, each in any of the fields).
"""

from collections.abc import Sequence

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, QuerySet, TextField
from django.db.models.lookups import Contains

from core.i18n import language_codes
from search.text import WORD, fold, terms

SQLITE_FOLD = "retorno_fold"


class Folded(Func):
    """A column lower-cased without accents, as search.text.fold does."""

    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function=SQLITE_FOLD, **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="unaccent(lower(%(expressions)s))", **extra
        )


def _fold_or_none(text):
    return None if text is None else fold(str(text))


def register_sqlite_fold(sender=None, connection=None, **kwargs) -> None:
    """`retorno_fold` on every SQLite connection (connection_created, search.apps)."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FOLD, 1, _fold_or_none, deterministic=True)


def connect() -> None:
    connection_created.connect(register_sqlite_fold, dispatch_uid="search-sqlite-fold")


def word_forms(text: str) -> list[set[str]]:
    """Each word of the text as typed (folded) and its stem in every language."""
    words = WORD.findall(fold(text or ""))
    stems = [terms(text, code) for code in language_codes()]
    return [
        {word, *(stemmed[index] for stemmed in stems if index < len(stemmed))}
        for index, word in enumerate(words)
    ]


def admin_match(queryset: QuerySet, text: str, fields: Sequence[str]) -> QuerySet:
    """heritage.catalog.admin_search: the records whose fields hold every word of the text."""
    forms = word_forms(text)
    if not forms:  # punctuation, symbols or emoji only: nothing to match
        return queryset.none() if text.strip() else queryset
    if connection.vendor == "sqlite":  # a connection opened before the signal was connected
        connection.ensure_connection()
        register_sqlite_fold(connection=connection)
    folded = [Folded(F(name)) for name in fields]
    condition = Q()
    for alternatives in forms:
        any_field = Q()
        for column in folded:
            for form in sorted(alternatives):
                any_field |= Contains(column, form)
        condition &= any_field
    return queryset.filter(condition)
