from django.db import migrations

# The seeded cultures get their documented spans, as heritage.vocabulary_seed.CULTURES gave them
# when this migration was written (its sources are named there). The rows are frozen here: a
# later change to the seed must not change what this migration did; a culture a curator added,
# or one whose years a curator set, is left as it is.
SPANS = (
    ("mexica", 1325, 1521),
    ("maya", -1000, 1697),
    ("zapoteca", -500, 1521),
    ("mixteca", -500, 1521),
    ("olmeca", -1500, -400),
    ("teotihuacana", -100, 650),
    ("huasteca", -1000, 1521),
    ("totonaca", 800, 1521),
    ("purepecha", 1300, 1530),
    ("occidente", -300, 600),
    ("tolteca", 900, 1150),
    ("mezcala", -700, 1000),
    ("chupicuaro", -600, 250),
)


def seed_spans(apps, schema_editor):
    Culture = apps.get_model("heritage", "Culture")
    for code, start, end in SPANS:
        Culture.objects.filter(code=code, start_year__isnull=True, end_year__isnull=True).update(
            start_year=start, end_year=end
        )


class Migration(migrations.Migration):
    dependencies = [("heritage", "0010_culture_years")]

    operations = [migrations.RunPython(seed_spans, migrations.RunPython.noop)]
