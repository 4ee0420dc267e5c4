"""The directory (issue 17): a stop's free-text services become its service note (the known words
become terms in 0007) and a venue's free-text opening hours its hours note, in every language."""

from django.db import migrations

RENAMES = (("routestop", "services", "service_note"), ("venue", "opening_hours", "hours_note"))
# Frozen: the languages whose columns existed when this ran (a language added later gets its
# columns, under the new names, from its own migration).
SUFFIXES = ("", "_es", "_en", "_nah")


class Migration(migrations.Migration):
    dependencies = [("culture", "0004_session_moved_from")]

    operations = [
        migrations.RenameField(model_name=model, old_name=old + suffix, new_name=new + suffix)
        for model, old, new in RENAMES
        for suffix in SUFFIXES
    ]
