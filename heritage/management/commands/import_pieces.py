import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from heritage.services import catalog_import


def progress_bar(stream):
    def draw(done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        stream.write(f"\r  [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return draw


def write_report(command, report) -> None:
    out = command.stdout
    verb = "would be" if report.dry_run or not report.applied else "were"
    out.write(f"rows read: {report.rows}")
    out.write(f"created {verb}: {len(report.created)}")
    out.write(f"updated {verb}: {len(report.updated)}")
    out.write(f"unchanged: {report.unchanged}")
    if report.new_terms:
        out.write(f"new vocabulary terms: {', '.join(report.new_terms)}")
    for key, columns in list(report.updated.items())[:50]:
        out.write(f"  ~ {key}: {', '.join(columns)}")
    if report.errors:
        command.stderr.write(f"{len(report.errors)} bad row(s); nothing was written:")
        for error in report.errors:
            where = f"{error.sheet}:" if error.sheet else ""
            column = f" [{error.column}]" if error.column else ""
            command.stderr.write(f"  {where}row {error.row}{column}: {error.message}")


class Command(BaseCommand):
    help = (
        "Import pieces from a CSV (UTF-8, `,` or `;`) or XLSX file (sheets pieces, cases, "
        "provenance). All or nothing; see docs/import-format.md."
    )
    sheet_kind: str | None = None

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Report, write nothing.")
        parser.add_argument(
            "--create-missing-terms",
            action="store_true",
            help="Create vocabulary terms that the file names but the catalog lacks.",
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish new records (default: drafts)."
        )

    def _writing(self, count: int) -> None:
        sys.stderr.write(f"writing {count} piece(s) in one transaction…\n")
        sys.stderr.flush()

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        report = catalog_import(
            data=path.read_bytes(),
            filename=path.name,
            dry_run=options["dry_run"],
            create_missing_terms=options["create_missing_terms"],
            publish_new=options["publish"],
            progress=progress_bar(sys.stderr) if options["verbosity"] > 0 else None,
            sheet_kind=self.sheet_kind,
            writing=self._writing if options["verbosity"] > 0 else None,
        )
        write_report(self, report)
        if report.errors:
            raise CommandError("import refused: fix the rows above and run it again")
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING("dry run: nothing was written"))
        else:
            self.stdout.write(self.style.SUCCESS("import complete"))
