import sys

from django.core.management.base import BaseCommand, CommandError

from heritage.management.commands.import_pieces import progress_bar
from search.engines import SearchUnavailable, get_engine


class Command(BaseCommand):
    help = "Build a fresh search index in bulk, then swap the alias to it atomically."

    def handle(self, *args, **options):
        engine = get_engine()
        try:
            result = engine.rebuild(
                progress=progress_bar(sys.stderr) if options["verbosity"] else None
            )
        except SearchUnavailable as error:
            raise CommandError(f"search server unavailable: {error}") from error
        if result["index"] is None:
            self.stdout.write("database search: nothing to build (queries read the catalog)")
            return
        rate = result["documents"] / result["seconds"] if result["seconds"] else 0
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['documents']} documents in {result['seconds']} s ({rate:.0f}/s) → "
                f"{result['index']} behind alias {engine.alias}"
            )
        )
