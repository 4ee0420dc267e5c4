from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

code_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9_-]*$",
    _("Use lower-case letters, digits, hyphens and underscores only."),
)
identifier_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9_.-]{1,39}$",
    _("Use capital letters, digits, dots, hyphens and underscores only (e.g. REP-2021-000431)."),
)
