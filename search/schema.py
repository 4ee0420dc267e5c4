"""The database engine's search vectors, kept in step with settings.LANGUAGES.

The text tables' columns (search.models) are model fields, one pair per language, so a new
language arrives by `makemigrations` like every translated field. What Django cannot declare
follows the same languages here, after every `migrate` (post_migrate, search.apps):

- PostgreSQL: a text search configuration per language, `retorno_<code>` (`unaccent`, then the
  language's Snowball stemmer from settings.SEARCH_STEMMERS, or none), plus `retorno_folded`
  (folded, never stemmed) for autocomplete; per text table and language a generated `tsvector`
  column `vector_<code>` (title weighted A, body B) with a GIN index; on the piece table a
  generated `titles` vector of every language's title, for autocomplete; a GIN index on the
  piece rows' facet codes (`jsonb_path_ops`: containment only).
- SQLite: an FTS5 table per text table whose columns are the text columns, holding the text
  folded and stemmed in Python (search.text); its rowid is the text row's key.

`sync()` adds what a new language needs, drops what a removed one left, rebuilds what a changed
stemmer made stale, and does nothing (a few catalog reads) when all is in place.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import connections

from core.i18n import language_codes, localized_name
from search.models import TEXT_FIELDS, text_columns
from search.text import analysis_name, normalized

FOLDED = "retorno_folded"
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
WORD_TOKENS = "asciiword, asciihword, hword_asciipart, hword, hword_part, word"


config_name = analysis_name  # a language's PostgreSQL text search configuration


def vector_column(code: str) -> str:
    return localized_name("vector", code)


@dataclass(frozen=True)
class TextTable:
    """A text table, its FTS5 twin on SQLite, and how a query reaches them."""

    table: str
    fts: str
    key: str  # the text table's column the FTS5 rowid equals
    join: str | None  # SQL joining the searched table to the text table (None: it is the same)
    fts_key: str  # what the FTS5 rowid equals in a query
    titles: bool  # whether it has the autocomplete `titles` vector


PIECE_TEXT = TextTable(
    "search_piecetext",
    "search_piecetext_fts",
    "piece_id",
    "search_piecetext.piece_id = heritage_piece.id",
    "heritage_piece.id",
    titles=True,
)
CONTENT_TEXT = TextTable(
    "search_contenttext", "search_contenttext_fts", "id", None, "search_contenttext.id", False
)
TABLES = (PIECE_TEXT, CONTENT_TEXT)


def fts_row(key: int, texts: dict[str, str]) -> list:
    """An FTS5 row: the key, then each text column folded and stemmed in its language."""
    return [key] + [
        normalized(texts[localized_name(field, code)], code)
        for code in language_codes()
        for field in TEXT_FIELDS
    ]


def fts_insert(cursor, table: TextTable, rows: list[list]) -> None:
    columns = text_columns()
    cursor.executemany(
        f"INSERT INTO {table.fts} (rowid, {', '.join(columns)}) "
        f"VALUES (%s, {', '.join(['%s'] * len(columns))})",
        rows,
    )


# ---- PostgreSQL ----------------------------------------------------------------------------
def _wanted_configs() -> dict[str, str | None]:
    stemmers = settings.SEARCH_STEMMERS
    return {**{config_name(code): stemmers.get(code) for code in language_codes()}, FOLDED: None}


def _config_statements(name: str, stemmer: str | None) -> list[str]:
    dictionary = f"{stemmer}_stem" if stemmer else "simple"
    return [
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE",
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{stemmer or 'simple'})",
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR {WORD_TOKENS} "
        f"WITH unaccent, {dictionary}",
        f"COMMENT ON TEXT SEARCH CONFIGURATION {name} IS 'retorno {dictionary}'",
    ]


def _columns(cursor, table: str) -> dict[str, str | None]:
    """The table's columns and their comments."""
    cursor.execute(
        "SELECT a.attname, col_description(a.attrelid, a.attnum) FROM pg_attribute a "
        "WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped",
        [table],
    )
    return dict(cursor.fetchall())


def _sync_postgresql(cursor) -> list[str]:
    done = []
    cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    cursor.execute(
        "SELECT c.cfgname, obj_description(c.oid, 'pg_ts_config') FROM pg_ts_config c "
        "JOIN pg_namespace n ON n.oid = c.cfgnamespace "
        "WHERE n.nspname = current_schema() AND c.cfgname LIKE 'retorno\\_%%'"
    )
    existing = dict(cursor.fetchall())
    wanted = _wanted_configs()
    for name, stemmer in wanted.items():
        dictionary = f"{stemmer}_stem" if stemmer else "simple"
        if existing.get(name, "") != f"retorno {dictionary}":
            for statement in _config_statements(name, stemmer):
                cursor.execute(statement)
            done.append(f"configuration {name}")
    for name in set(existing) - set(wanted):
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION {name} CASCADE")
        done.append(f"dropped configuration {name}")

    codes = language_codes()
    for table in TABLES:
        columns = _columns(cursor, table.table)
        for code in codes:
            column = vector_column(code)
            if column in columns or localized_name("title", code) not in columns:
                continue
            title, body, config = (
                localized_name("title", code), localized_name("body", code), config_name(code)
            )  # fmt: skip
            cursor.execute(
                f"ALTER TABLE {table.table} ADD COLUMN {column} tsvector GENERATED ALWAYS AS "
                f"(setweight(to_tsvector('{config}'::regconfig, {title}), 'A') || "
                f"setweight(to_tsvector('{config}'::regconfig, {body}), 'B')) STORED"
            )
            cursor.execute(
                f"CREATE INDEX {table.table}_{column} ON {table.table} USING gin ({column})"
            )
            done.append(f"{table.table}.{column}")
        wanted_vectors = {vector_column(code) for code in codes}
        for column in columns:
            if column.startswith("vector_") and column not in wanted_vectors:
                cursor.execute(f"ALTER TABLE {table.table} DROP COLUMN {column}")
                done.append(f"dropped {table.table}.{column}")
        if table.titles:
            titles = [localized_name("title", code) for code in codes]
            signature = "retorno " + " ".join(titles)
            joined = " || ' ' || ".join(titles)
            if columns.get("titles", "") != signature:
                cursor.execute(f"ALTER TABLE {table.table} DROP COLUMN IF EXISTS titles")
                cursor.execute(
                    f"ALTER TABLE {table.table} ADD COLUMN titles tsvector GENERATED ALWAYS AS "
                    f"(to_tsvector('{FOLDED}'::regconfig, {joined})) STORED"
                )
                cursor.execute(
                    f"CREATE INDEX {table.table}_titles ON {table.table} USING gin (titles)"
                )
                cursor.execute(f"COMMENT ON COLUMN {table.table}.titles IS %s", [signature])
                done.append(f"{table.table}.titles")
    # the researcher's facet filters, beside the text vectors (search.models.PieceText.facets)
    facets_index = f"{PIECE_TEXT.table}_facets"
    cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [facets_index])
    if not cursor.fetchone():
        cursor.execute(
            f"CREATE INDEX {facets_index} ON {PIECE_TEXT.table} USING gin (facets jsonb_path_ops)"
        )
        done.append(facets_index)
    return done


# ---- SQLite --------------------------------------------------------------------------------
def _sync_sqlite(cursor) -> list[str]:
    done = []
    columns = text_columns()
    for table in TABLES:
        cursor.execute(f"SELECT name FROM pragma_table_info('{table.fts}')")
        if [row[0] for row in cursor.fetchall()] == columns:
            # no row its text table lacks (a flush empties the text table, not this one)
            cursor.execute(
                f"DELETE FROM {table.fts} WHERE rowid NOT IN "
                f"(SELECT {table.key} FROM {table.table})"
            )
            continue
        cursor.execute(f"DROP TABLE IF EXISTS {table.fts}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {table.fts} USING fts5({', '.join(columns)}, "
            f"tokenize = '{FTS_TOKENIZER}')"
        )
        cursor.execute(f"SELECT {table.key}, {', '.join(columns)} FROM {table.table}")
        rows = [
            fts_row(key, dict(zip(columns, texts, strict=True)))
            for key, *texts in cursor.fetchall()
        ]
        fts_insert(cursor, table, rows)
        done.append(f"{table.fts} ({len(rows)} rows)")
    return done


def _missing_columns(connection) -> list[str]:
    """Text columns settings.LANGUAGES asks for that the tables lack (no migration made yet)."""
    tables = set(connection.introspection.table_names())
    missing = []
    with connection.cursor() as cursor:
        for table in TABLES:
            if table.table not in tables:
                missing.append(table.table)
                continue
            described = connection.introspection.get_table_description(cursor, table.table)
            present = {column.name for column in described}
            missing += [f"{table.table}.{c}" for c in text_columns() if c not in present]
    return missing


def sync(using: str = "default") -> list[str]:
    """Make the search vectors match settings.LANGUAGES; what was done, for the log."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return []
    if missing := _missing_columns(connection):
        return [f"not yet: {', '.join(missing)} missing (makemigrations, then migrate)"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _sync_postgresql(cursor)
        if connection.vendor == "sqlite":
            return _sync_sqlite(cursor)
    return []


def sync_after_migrate(sender, using="default", verbosity=1, **kwargs) -> None:
    for line in sync(using):
        if verbosity >= 1:
            print(f"  search vectors: {line}")
