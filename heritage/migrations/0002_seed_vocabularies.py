from django.db import migrations

from heritage.vocabulary_seed import seed


class Migration(migrations.Migration):
    dependencies = [("heritage", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
