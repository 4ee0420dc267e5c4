from pathlib import Path

from django.core.management.base import BaseCommand

from opendata.dumps import release_publish


class Command(BaseCommand):
    help = (
        "Write a dated release of the public catalog (CSV, Linked Art NDJSON, datapackage.json, "
        "SHA256SUMS, change list) under OPENDATA_ROOT/<version>/ and record it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Folder the release folders go in (default: OPENDATA_ROOT)."
        )

    def handle(self, *args, **options):
        release = release_publish(root=options["output"])
        counts = ", ".join(f"{count} {name}" for name, count in release.counts.items())
        changes = ", ".join(f"{count} {name}" for name, count in release.changes.items())
        self.stdout.write(f"release {release.version} in {release.directory}: {counts}")
        self.stdout.write(
            f"changes since {release.previous_version or 'nothing (first release)'}: {changes}"
        )
        self.stdout.write(self.style.SUCCESS(f"published release {release.version}"))
