import sys

from django.core.management.base import BaseCommand, CommandError

from heritage.management.commands.import_pieces import progress_bar
from search.engines import SearchUnavailable, engine_label, maintained_engines
from search.kinds import KINDS


class Command(BaseCommand):
    help = (
        "Rebuild the database's search text, then (with a search server) a fresh index per kind "
        "in bulk, with its alias swapped to it atomically."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", choices=sorted(KINDS), action="append",
                            help="Only these kinds (default: all).")  # fmt: skip

    def handle(self, *args, **options):
        for name in options["kind"] or list(KINDS):
            for engine in maintained_engines(name):
                try:
                    result = engine.rebuild(
                        progress=progress_bar(sys.stderr) if options["verbosity"] else None
                    )
                except SearchUnavailable as error:
                    raise CommandError(f"search server unavailable: {error}") from error
                rate = result["documents"] / result["seconds"] if result["seconds"] else 0
                where = (
                    f"database search text ({KINDS[name].plural})"
                    if result["index"] == "database"
                    else f"{result['index']} behind alias {engine_label(engine)}"
                )
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{result['documents']} documents in {result['seconds']} s "
                        f"({rate:.0f}/s) → {where}"
                    )
                )
