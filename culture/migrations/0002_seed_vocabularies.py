from django.db import migrations

from culture.vocabulary_seed import seed_program_terms


class Migration(migrations.Migration):
    dependencies = [("culture", "0001_programs")]

    operations = [migrations.RunPython(seed_program_terms, migrations.RunPython.noop)]
