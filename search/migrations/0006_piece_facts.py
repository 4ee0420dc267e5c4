"""The facts the researcher's search filters and counts on, beside each public piece's text.

Rows written before this migration hold none until the next `search_rebuild` (docs/deploy.md
runs it on every release; `make run` on every start). The GIN index on `facets` is made by
search.schema after every migrate on PostgreSQL.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_piece_titles_vector'),
    ]

    operations = [
        migrations.AddField(
            model_name='piecetext',
            name='codes',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='piecetext',
            name='date_end',
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='piecetext',
            name='date_start',
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='piecetext',
            name='facets',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='piecetext',
            name='recovered',
            field=models.IntegerField(blank=True, null=True),
        ),
    ]
