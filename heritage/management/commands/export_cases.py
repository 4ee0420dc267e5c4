from heritage.exporting import cases_export
from heritage.management.commands.export_pieces import Command as ExportCommand


class Command(ExportCommand):
    help = (
        "Export the recovery cases in the import format (CSV, XLSX or JSON): re-importing is a "
        "no-op."
    )
    private_option = ("--include-notes", "Include the curators' notes, which no public page shows.")

    def export(self, options) -> bytes:
        return cases_export(file_format=options["format"], include_notes=options["include_notes"])
