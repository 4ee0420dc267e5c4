from django.core.management.base import BaseCommand, CommandError

from search.engines import SearchUnavailable, get_engine
from search.indexing import searchable_pieces


class Command(BaseCommand):
    help = "Compare the search index with the catalog's public pieces; exit 1 on any drift."

    def handle(self, *args, **options):
        engine = get_engine()
        public = set(searchable_pieces().values_list("pk", flat=True))
        try:
            indexed = engine.indexed_ids()
        except SearchUnavailable as error:
            raise CommandError(f"search server unavailable: {error}") from error
        missing, stale = len(public - indexed), len(indexed - public)
        self.stdout.write(
            f"{engine.alias or 'database'}: {len(indexed)} indexed, {len(public)} public pieces; "
            f"{missing} missing, {stale} stale"
        )
        if missing or stale:
            raise CommandError("the index has drifted: run manage.py search_reconcile")
