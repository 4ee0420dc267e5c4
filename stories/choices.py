"""The stories' fixed choices: a person's generation, consent scopes and licences."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Generation(models.TextChoices):
    FIRST = "first", _("First generation")
    SECOND = "second", _("Second generation")
    LATER = "later", _("Third generation or later")


class ConsentScope(models.TextChoices):
    PUBLIC_WEB = "public-web", _("Public web")
    EDUCATION = "education", _("Education only")
    ARCHIVE = "archive", _("Archive only")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY 4.0")
    CC_BY_NC = "cc-by-nc", _("CC BY-NC 4.0")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
}
# Licences under which a visitor may download a story's recordings.
DOWNLOADABLE = {Licence.CC_BY, Licence.CC_BY_NC}
