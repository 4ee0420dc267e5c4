"""The catalog's own actions in a record's history (heritage/log_actions.py): each reads from
its entry's data, in the reader's language."""

import pytest
from django.utils import translation
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry


def _message(action: str, data: dict, language: str) -> tuple[str, str]:
    entry = ModelLogEntry(action=action, data=data)
    with translation.override(language):
        formatter = registry.get_formatter(entry)
        return str(formatter.label), formatter.format_message(entry)


@pytest.mark.parametrize(
    ("action", "data", "language", "label", "message"),
    [
        ("heritage.restrict", {"reason": "Litigio"}, "es", "Restringir",
         "Retirada del público. Motivo: Litigio"),
        ("heritage.restrict", {"reason": "Litigation"}, "en", "Restrict",
         "Withheld from the public. Reason: Litigation"),
        ("heritage.restrict", {}, "en", "Restrict", "Withheld from the public"),
        ("heritage.unrestrict", {}, "en", "Lift restriction", "Made public again"),
        ("heritage.add_to_case", {"case": "CASE-1"}, "en", "Add to case",
         "Moved to the recovery case CASE-1"),
        ("heritage.add_to_case", {}, "en", "Add to case", "Moved to a recovery case"),
        ("heritage.set_field", {"field": "custodian", "old": "", "new": "INAH"}, "en",
         "Set a field", "Current custodian changed: (none) → INAH"),
        ("heritage.set_field", {"field": "gone", "old": "A", "new": "B"}, "en", "Set a field",
         "gone changed: A → B"),
    ],
)  # fmt: skip
def test_each_catalog_action_reads_from_its_data(action, data, language, label, message):
    assert _message(action, data, language) == (label, message)
