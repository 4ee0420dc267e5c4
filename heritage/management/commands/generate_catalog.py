import sys

from django.core.management.base import BaseCommand

from heritage.management.commands.import_pieces import progress_bar
from heritage.synthetic import generate_catalog


class Command(BaseCommand):
    help = "Create a synthetic, clearly illustrative catalog (SYN- numbers) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--pieces", type=int, default=15000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--events", type=int, default=3, help="Provenance events per piece.")

    def handle(self, *args, **options):
        result = generate_catalog(
            pieces=options["pieces"],
            seed=options["seed"],
            events_per_piece=options["events"],
            progress=progress_bar(sys.stderr) if options["verbosity"] > 0 else None,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['pieces']} synthetic pieces over {result['cases']} cases "
                "(illustrative, SYN- catalog numbers)"
            )
        )
