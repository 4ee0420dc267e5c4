from django.core.management.base import BaseCommand, CommandError

from search.engines import SearchUnavailable, engine_label, maintained_engines
from search.indexing import searchable_pieces


class Command(BaseCommand):
    help = "Compare each search index with the catalog's public pieces; exit 1 on any drift."

    def handle(self, *args, **options):
        public = set(searchable_pieces().values_list("pk", flat=True))
        drifted = []
        for engine in maintained_engines():
            try:
                indexed = engine.indexed_ids()
            except SearchUnavailable as error:
                raise CommandError(f"search server unavailable: {error}") from error
            missing, stale = len(public - indexed), len(indexed - public)
            self.stdout.write(
                f"{engine_label(engine)}: {len(indexed)} indexed, {len(public)} public pieces; "
                f"{missing} missing, {stale} stale"
            )
            if missing or stale:
                drifted.append(engine_label(engine))
        if drifted:
            raise CommandError(f"drift in {', '.join(drifted)}: run manage.py search_reconcile")
