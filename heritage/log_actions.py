"""How the catalog's own actions read in a record's history (Wagtail log entries).

Each bulk action logs one entry per record with what it did in the entry's data; these
formatters turn that data into the row's message, in the reader's language at display time.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from heritage.models import Piece


class RestrictFormatter(LogFormatter):
    label = _("Restrict")

    def format_message(self, log_entry):
        reason = (log_entry.data or {}).get("reason")
        if not reason:
            return gettext("Withheld from the public")
        return gettext("Withheld from the public. Reason: %(reason)s") % {"reason": reason}


class AddToCaseFormatter(LogFormatter):
    label = _("Add to case")

    def format_message(self, log_entry):
        case = (log_entry.data or {}).get("case")
        if not case:
            return gettext("Moved to a recovery case")
        return gettext("Moved to the recovery case %(case)s") % {"case": case}


class SetFieldFormatter(LogFormatter):
    label = _("Set a field")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        try:
            field = capfirst(Piece._meta.get_field(data.get("field", "")).verbose_name)
        except FieldDoesNotExist:
            field = data.get("field", "")
        return gettext("%(field)s changed: %(old)s → %(new)s") % {
            "field": field,
            "old": data.get("old") or gettext("(none)"),
            "new": data.get("new") or gettext("(none)"),
        }


def register(actions) -> None:
    """The register_log_actions hook's body."""
    actions.register_action("heritage.restrict")(RestrictFormatter)
    actions.register_action("heritage.unrestrict", _("Lift restriction"), _("Made public again"))
    actions.register_action("heritage.add_to_case")(AddToCaseFormatter)
    actions.register_action("heritage.set_field")(SetFieldFormatter)
