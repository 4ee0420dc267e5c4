from django.core.management.base import BaseCommand, CommandError

from search.engines import SearchUnavailable, engine_label, maintained_engines
from search.kinds import KINDS


class Command(BaseCommand):
    help = "Compare each search index with the public records; exit 1 on any drift."

    def handle(self, *args, **options):
        drifted = []
        for kind in KINDS.values():
            public = set(kind.public().values_list("pk", flat=True))
            for engine in maintained_engines(kind.name):
                try:
                    indexed = engine.indexed_ids()
                except SearchUnavailable as error:
                    raise CommandError(f"search server unavailable: {error}") from error
                missing, stale = len(public - indexed), len(indexed - public)
                where = f"{engine_label(engine)} ({kind.plural})"
                self.stdout.write(
                    f"{where}: {len(indexed)} indexed, {len(public)} public; "
                    f"{missing} missing, {stale} stale"
                )
                if missing or stale:
                    drifted.append(where)
        if drifted:
            raise CommandError(f"drift in {', '.join(drifted)}: run manage.py search_reconcile")
