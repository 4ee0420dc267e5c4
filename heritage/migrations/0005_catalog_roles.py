from django.db import migrations


def forwards(apps, schema_editor):
    from heritage.roles import ensure_catalog_roles

    ensure_catalog_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0004_import_job"),
        ("wagtailcore", "0048_add_default_workflows"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
