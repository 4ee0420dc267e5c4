from django.core.management.base import BaseCommand, CommandError

from search.engines import SearchUnavailable, engine_label, maintained_engines
from search.kinds import KINDS


class Command(BaseCommand):
    help = "Repair drift: index public records missing from each index, remove the others."

    def handle(self, *args, **options):
        for kind in KINDS.values():
            for engine in maintained_engines(kind.name):
                try:
                    indexed = engine.indexed_ids()
                    public = set(kind.public().values_list("pk", flat=True))
                    drift = sorted((public - indexed) | (indexed - public))
                    for start in range(0, len(drift), 1000):
                        engine.sync(drift[start : start + 1000])
                except SearchUnavailable as error:
                    raise CommandError(f"search server unavailable: {error}") from error
                self.stdout.write(
                    f"{engine_label(engine)} ({kind.plural}): "
                    f"{len(public - indexed)} missing documents indexed, "
                    f"{len(indexed - public)} stale documents removed"
                )
