import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from heritage.exporting import catalog_export


class Command(BaseCommand):
    """Also the base of export_cases and export_provenance: each names its private option and
    what it exports."""

    help = "Export the catalog in the import format (CSV, XLSX or JSON)."
    private_option = (
        "--include-restricted",
        "Include restricted pieces and the find-spot columns (handle with care).",
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["csv", "xlsx", "json"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write (default: stdout).")
        flag, text = self.private_option
        parser.add_argument(flag, action="store_true", help=text)

    def export(self, options) -> bytes:
        return catalog_export(
            file_format=options["format"], include_restricted=options["include_restricted"]
        )

    def handle(self, *args, **options):
        data = self.export(options)
        output: Path | None = options["output"]
        if output:
            output.write_bytes(data)
            self.stderr.write(f"wrote {output} ({len(data)} bytes)")
        else:
            sys.stdout.buffer.write(data)
