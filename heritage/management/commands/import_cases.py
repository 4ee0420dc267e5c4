from heritage.management.commands.import_pieces import Command as ImportCommand


class Command(ImportCommand):
    help = "Import recovery cases from a CSV or XLSX file (upsert by code; all or nothing)."
    sheet_kind = "cases"
