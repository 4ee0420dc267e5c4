"""Once the search vectors of three fixed languages, made here in SQL.

They follow settings.LANGUAGES now, so search.schema keeps them after every migrate (it drops
and remakes what this migration made in a database migrated before). Kept empty so that the
migration graph of existing databases holds.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0003_content_text")]

    operations = []
