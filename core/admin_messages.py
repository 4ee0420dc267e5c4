"""Wagtail's admin messages that Spanish gets wrong for our records, translated again here.

Wagtail's Spanish catalogue puts a masculine article and participle around any model name: "El
pieza no puede ser creado", "pieza 'Vasija' creado". Our catalogue (LOCALE_PATHS) comes before
Wagtail's, so these msgids are translated again in locale/es without a gendered word next to the
model name ("No se pudo crear (pieza): …", "Se creó «Vasija» (pieza)."). They are listed here so
that `make messages` keeps them in our catalogue; nothing calls this module.
"""

from django.utils.translation import gettext_noop

WAGTAIL_MESSAGES = (
    gettext_noop("%(model_name)s '%(object)s' created."),
    gettext_noop("%(model_name)s '%(object)s' updated."),
    gettext_noop("%(model_name)s '%(object)s' created and published."),
    gettext_noop("%(model_name)s '%(object)s' updated and published."),
    gettext_noop("%(model_name)s '%(object)s' created and scheduled for publishing."),
    gettext_noop("%(model_name)s '%(object)s' has been replaced with version from %(timestamp)s."),
    gettext_noop("%(model_name)s '%(object)s' deleted."),
    gettext_noop("The %(model_name)s could not be created due to errors."),
    gettext_noop("The %(model_name)s could not be saved due to errors."),
    # The chooser widgets' buttons (heritage.choosers.SnippetChooser).
    gettext_noop("Choose %(object)s"),
    gettext_noop("Choose another %(object)s"),
    gettext_noop("Edit this %(object)s"),
)
