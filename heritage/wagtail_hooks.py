"""Registers the catalog's admin: viewsets, bulk actions, guards for restricted records."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from heritage.bulk_actions import BULK_ACTIONS
from heritage.models import Piece
from heritage.viewsets import CatalogViewSetGroup, VocabularyViewSetGroup, can_see_restricted

register_snippet(CatalogViewSetGroup)
register_snippet(VocabularyViewSetGroup)

for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def guard_restricted_pieces(request, instance):
    """Restricted pieces exist only for users with the dedicated permission."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        if isinstance(obj, Piece) and obj.restricted and not can_see_restricted(request.user):
            raise PermissionDenied


@hooks.register("register_log_actions")
def register_catalog_log_actions(actions):
    actions.register_action("heritage.restrict", _("Restrict"), _("Withheld from the public"))
    actions.register_action("heritage.unrestrict", _("Lift restriction"), _("Made public again"))
    actions.register_action("heritage.add_to_case", _("Add to case"), _("Moved to a recovery case"))
