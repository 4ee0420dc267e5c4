from django.db import migrations, models


def seed(apps, schema_editor):
    """Every piece public at deploy time gets its row, so `from=` works from the first day."""
    from heritage.selectors import piece_public_q
    from opendata.records import records_sync

    Piece = apps.get_model("heritage", "Piece")
    HarvestRecord = apps.get_model("opendata", "HarvestRecord")
    records_sync(
        piece_ids=Piece.objects.filter(piece_public_q()).values_list("pk", flat=True),
        pieces=Piece.objects,
        records=HarvestRecord.objects,
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("heritage", "0012_featured_pieces"),
        ("opendata", "0001_releases"),
    ]

    operations = [
        migrations.CreateModel(
            name="HarvestRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("catalog_number", models.CharField(max_length=40, unique=True)),
                ("piece_id", models.BigIntegerField(db_index=True)),
                ("datestamp", models.DateTimeField(db_index=True)),
                ("deleted", models.BooleanField(default=False)),
                ("sets", models.CharField(blank=True, max_length=500)),
            ],
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]
