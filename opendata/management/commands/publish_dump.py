from pathlib import Path

from django.core.management.base import BaseCommand

from opendata.dumps import release_list_public, release_publish


class Command(BaseCommand):
    help = (
        "Write a dated release of the public catalog (CSV, Linked Art NDJSON, datapackage.json, "
        "SHA256SUMS, change list) under OPENDATA_ROOT/<version>/ and record it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, help="Folder the release folders go in (default: OPENDATA_ROOT)."
        )
        parser.add_argument(
            "--if-none",
            action="store_true",
            help="Only when no release exists yet (the demo set-up, tools/setup_site.sh).",
        )

    def handle(self, *args, **options):
        if options["if_none"] and release_list_public().exists():
            self.stdout.write("a release exists already: nothing written")
            return
        release = release_publish(root=options["output"])
        counts = ", ".join(f"{count} {name}" for name, count in release.counts.items())
        changes = ", ".join(f"{count} {name}" for name, count in release.changes.items())
        self.stdout.write(f"release {release.version} in {release.directory}: {counts}")
        self.stdout.write(
            f"changes since {release.previous_version or 'nothing (first release)'}: {changes}"
        )
        self.stdout.write(self.style.SUCCESS(f"published release {release.version}"))
