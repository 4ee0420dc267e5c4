import sys

from django.core.management.base import BaseCommand, CommandError

from heritage.management.commands.import_pieces import progress_bar
from search.engines import SearchUnavailable, engine_label, maintained_engines


class Command(BaseCommand):
    help = (
        "Rebuild the database's search text, then (with a search server) a fresh index in bulk "
        "with the alias swapped to it atomically."
    )

    def handle(self, *args, **options):
        for engine in maintained_engines():
            try:
                result = engine.rebuild(
                    progress=progress_bar(sys.stderr) if options["verbosity"] else None
                )
            except SearchUnavailable as error:
                raise CommandError(f"search server unavailable: {error}") from error
            rate = result["documents"] / result["seconds"] if result["seconds"] else 0
            where = (
                "database search text"
                if result["index"] == "database"
                else f"{result['index']} behind alias {engine_label(engine)}"
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result['documents']} documents in {result['seconds']} s ({rate:.0f}/s) → "
                    f"{where}"
                )
            )
