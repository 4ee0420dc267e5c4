from pathlib import Path

from django.core.management.base import BaseCommand

from heritage.exporting import cases_export
from heritage.management.commands.export_pieces import write_export


class Command(BaseCommand):
    help = (
        "Export the recovery cases in the import format (CSV, XLSX or JSON): re-importing is a "
        "no-op."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")
        parser.add_argument(
            "--include-notes",
            action="store_true",
            help="Include the curators' notes, which no public page shows.",
        )

    def handle(self, *args, **options):
        data = cases_export(file_format=options["format"], include_notes=options["include_notes"])
        write_export(self, data, options["output"])
