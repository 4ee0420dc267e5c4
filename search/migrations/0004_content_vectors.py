"""Search vectors of the content text table, as 0002 made them for pieces: generated tsvector
columns with GIN indexes on PostgreSQL (the text search configurations exist already), an FTS5
table on SQLite whose rowid is the content row's id."""

from django.db import migrations

POSTGRES_FORWARD = []
POSTGRES_BACKWARD = []
for language in ("es", "en", "nah"):
    name = f"retorno_{language}"
    POSTGRES_FORWARD += [
        f"ALTER TABLE search_contenttext ADD COLUMN vector_{language} tsvector GENERATED ALWAYS "
        f"AS (setweight(to_tsvector('{name}'::regconfig, title_{language}), 'A') || "
        f"setweight(to_tsvector('{name}'::regconfig, body_{language}), 'B')) STORED",
        f"CREATE INDEX search_contenttext_vector_{language} ON search_contenttext "
        f"USING gin (vector_{language})",
    ]
    POSTGRES_BACKWARD.append(f"ALTER TABLE search_contenttext DROP COLUMN vector_{language}")

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_contenttext_fts USING fts5(title_es, body_es, title_en, "
    "body_en, title_nah, body_nah, tokenize = 'unicode61 remove_diacritics 2')"
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_contenttext_fts"]


def run(statements: dict):
    def operation(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_content_text")]

    operations = [
        migrations.RunPython(
            run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
