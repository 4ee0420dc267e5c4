import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from heritage.exporting import catalog_export


class Command(BaseCommand):
    help = "Export the catalog in the import format (CSV, XLSX or JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")
        parser.add_argument(
            "--include-restricted",
            action="store_true",
            help="Include restricted pieces and the find-spot columns (handle with care).",
        )

    def handle(self, *args, **options):
        data = catalog_export(
            file_format=options["format"], include_restricted=options["include_restricted"]
        )
        write_export(self, data, options["output"])


def write_export(command: BaseCommand, data: bytes, output: Path | None) -> None:
    """The export to `output`, or to stdout as bytes (export_cases, export_provenance too)."""
    if output:
        output.write_bytes(data)
        command.stderr.write(f"wrote {output} ({len(data)} bytes)")
    else:
        sys.stdout.buffer.write(data)
