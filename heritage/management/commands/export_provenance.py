from heritage.exporting import provenance_export
from heritage.management.commands.export_pieces import Command as ExportCommand


class Command(ExportCommand):
    help = (
        "Export the provenance events in the import format (CSV, XLSX or JSON): re-importing is "
        "a no-op."
    )
    private_option = (
        "--include-restricted",
        "Include the events of restricted pieces (handle with care).",
    )

    def export(self, options) -> bytes:
        return provenance_export(
            file_format=options["format"], include_restricted=options["include_restricted"]
        )
