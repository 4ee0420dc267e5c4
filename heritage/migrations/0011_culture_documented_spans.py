from django.db import migrations

from heritage.vocabulary_seed import seed_culture_spans


# The seeded cultures get their documented spans (heritage.vocabulary_seed names the sources);
# a culture a curator added keeps its years empty until the curator fills them.
class Migration(migrations.Migration):
    dependencies = [("heritage", "0010_culture_years")]

    operations = [migrations.RunPython(seed_culture_spans, migrations.RunPython.noop)]
