from django.core.management.base import BaseCommand

from opendata.records import records_drift, records_sync


class Command(BaseCommand):
    help = (
        "Repair drift in the OAI-PMH harvest log: date the pieces whose public face changed "
        "without a signal, turn rows of pieces no longer public into deleted records."
    )

    def handle(self, *args, **options):
        drift = records_drift()
        records_sync(piece_ids=drift)
        self.stdout.write(f"OAI-PMH log: {len(drift)} pieces out of step brought up to date")
