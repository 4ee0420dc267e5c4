"""The database engine's search vectors, per database.

PostgreSQL: text search configurations per language (Spanish and English stemmers after
`unaccent`; Nahuatl folds accents without stemming), generated tsvector columns (title weighted
A, body B) and GIN indexes on them. SQLite: an FTS5 table whose rowid is the piece id; its text
is folded and stemmed in Python (search.text) before it is written, and queries are too.
"""

from django.db import migrations

CONFIGS = {"es": ("spanish", "spanish_stem"), "en": ("english", "english_stem"),
           "nah": ("simple", "simple")}  # fmt: skip

POSTGRES_FORWARD = ["CREATE EXTENSION IF NOT EXISTS unaccent"]
POSTGRES_BACKWARD = []
for language, (parser_copy, dictionary) in CONFIGS.items():
    name = f"retorno_{language}"
    POSTGRES_FORWARD += [
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name} CASCADE",
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{parser_copy})",
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR asciiword, asciihword, "
        f"hword_asciipart, hword, hword_part, word WITH unaccent, {dictionary}",
        f"ALTER TABLE search_piecetext ADD COLUMN vector_{language} tsvector GENERATED ALWAYS AS "
        f"(setweight(to_tsvector('{name}'::regconfig, title_{language}), 'A') || "
        f"setweight(to_tsvector('{name}'::regconfig, body_{language}), 'B')) STORED",
        f"CREATE INDEX search_piecetext_vector_{language} ON search_piecetext "
        f"USING gin (vector_{language})",
    ]
    POSTGRES_BACKWARD += [
        f"ALTER TABLE search_piecetext DROP COLUMN vector_{language}",
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
    ]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_piecetext_fts USING fts5(title_es, body_es, title_en, body_en, "
    "title_nah, body_nah, tokenize = 'unicode61 remove_diacritics 2')"
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_piecetext_fts"]


def run(statements: dict):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_piece_text")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
