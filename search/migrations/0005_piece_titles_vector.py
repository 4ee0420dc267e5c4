"""Autocomplete on PostgreSQL: the piece's titles in every language (and its catalog number) as
one unstemmed, accent-folded tsvector with its own GIN index, so a prefix query reads titles
only instead of every body that shares the prefix."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_piecetext ADD COLUMN titles tsvector GENERATED ALWAYS AS "
    "(to_tsvector('retorno_nah'::regconfig, title_es || ' ' || title_en || ' ' || title_nah)) "
    "STORED",
    "CREATE INDEX search_piecetext_titles ON search_piecetext USING gin (titles)",
]
BACKWARD = ["ALTER TABLE search_piecetext DROP COLUMN titles"]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0004_content_vectors")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
