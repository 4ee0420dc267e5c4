from django.db import migrations

from culture.vocabulary_seed import seed


class Migration(migrations.Migration):
    dependencies = [("culture", "0001_programs")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
