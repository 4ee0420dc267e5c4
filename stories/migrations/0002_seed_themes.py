from django.db import migrations

from stories.vocabulary_seed import seed


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_stories")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
