"""How the catalog's own actions read in a record's history (Wagtail log entries).

Each bulk action logs one entry per record with what it did in the entry's data; one table
(LOGGED) says how each reads: its label, its message with the data's values, and the message
when the data lacks the value it names. Messages are read in the reader's language at display
time.
"""

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

from heritage.models import Piece


def _set_field_values(data: dict) -> dict:
    """A set-field entry's field by its name in the reader's language, its values or "(none)"."""
    try:
        field = capfirst(Piece._meta.get_field(data.get("field", "")).verbose_name)
    except FieldDoesNotExist:
        field = data.get("field", "")
    return {"field": field, "old": data.get("old") or gettext("(none)"),
            "new": data.get("new") or gettext("(none)")}  # fmt: skip


# action: (label, message with the data's values, message without `needs`, needs, values)
LOGGED = {
    "heritage.restrict": (
        _("Restrict"), _("Withheld from the public. Reason: %(reason)s"),
        _("Withheld from the public"), "reason", None,
    ),
    "heritage.unrestrict": (_("Lift restriction"), _("Made public again"), None, None, None),
    "heritage.add_to_case": (
        _("Add to case"), _("Moved to the recovery case %(case)s"),
        _("Moved to a recovery case"), "case", None,
    ),
    "heritage.set_field": (
        _("Set a field"), _("%(field)s changed: %(old)s → %(new)s"), None, None, _set_field_values,
    ),
}  # fmt: skip


class CatalogFormatter(LogFormatter):
    """An entry of one of LOGGED's actions, worded from its data."""

    message = bare = needs = values = None

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if self.needs and not data.get(self.needs):
            return str(self.bare)
        values = self.values(data) if self.values else data
        return str(self.message) % values if values else str(self.message)


def register(actions) -> None:
    """The register_log_actions hook's body."""
    for action, (label, message, bare, needs, values) in LOGGED.items():
        attributes = {"label": label, "message": message, "bare": bare, "needs": needs,
                      "values": staticmethod(values) if values else None}  # fmt: skip
        actions.register_action(action)(type("CatalogFormatter", (CatalogFormatter,), attributes))
