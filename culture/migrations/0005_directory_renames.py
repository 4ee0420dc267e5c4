"""The directory (issue 17): a stop's free-text services become its service note (the known words
become terms in 0007) and a venue's free-text opening hours its hours note, in every language."""

from django.conf import settings
from django.db import migrations

RENAMES = (("routestop", "services", "service_note"), ("venue", "opening_hours", "hours_note"))
SUFFIXES = ("", *(f"_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES))


class Migration(migrations.Migration):
    dependencies = [("culture", "0004_session_moved_from")]

    operations = [
        migrations.RenameField(model_name=model, old_name=old + suffix, new_name=new + suffix)
        for model, old, new in RENAMES
        for suffix in SUFFIXES
    ]
