from heritage.management.commands.import_pieces import Command as ImportCommand


class Command(ImportCommand):
    help = "Import provenance events (a piece's rows replace its events; all or nothing)."
    sheet_kind = "provenance"
