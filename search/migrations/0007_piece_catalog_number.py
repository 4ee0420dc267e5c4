"""The catalog number beside each public piece's text: the order of the hits, read with the
counts from this one table (search.database). Rows written before it are given theirs here."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Piece = apps.get_model("heritage", "Piece")
    PieceText = apps.get_model("search", "PieceText")
    number = Piece.objects.filter(pk=OuterRef("piece_id")).values("catalog_number")[:1]
    PieceText.objects.update(catalog_number=Subquery(number))


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0006_piece_facts"),
    ]

    operations = [
        migrations.AddField(
            model_name="piecetext",
            name="catalog_number",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
