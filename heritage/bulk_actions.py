"""Bulk actions on pieces: publish, unpublish, restrict, release, add to a case."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from heritage import services
from heritage.models import RESTRICTED_PERMISSION, Piece, RecoveryCase


class PieceBulkAction(SnippetBulkAction):
    models = [Piece]
    template_name = "heritage/bulk_actions/confirm.html"

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", snippet
        )

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d piece updated.", "%(count)d pieces updated.", num_parent_objects
        ) % {"count": num_parent_objects}


class PublishPiecesBulkAction(PieceBulkAction):
    display_name = _("Publish")
    action_type = "publish_pieces"
    aria_label = _("Publish the selected pieces")
    action_priority = 10

    def check_perm(self, snippet):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "publish", snippet
        )

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for piece in objects:
            services.piece_publish(piece=piece, user=user)
        return len(objects), 0


class UnpublishPiecesBulkAction(PublishPiecesBulkAction):
    display_name = _("Unpublish")
    action_type = "unpublish_pieces"
    aria_label = _("Unpublish the selected pieces")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        live = [piece for piece in objects if piece.live]
        for piece in live:
            services.piece_unpublish(piece=piece, user=user)
        return len(live), 0


class RestrictPiecesBulkAction(PieceBulkAction):
    display_name = _("Restrict")
    action_type = "restrict_pieces"
    aria_label = _("Withhold the selected pieces from the public")
    action_priority = 30
    restricted = True

    def check_perm(self, snippet):
        return super().check_perm(snippet) and self.request.user.has_perm(RESTRICTED_PERMISSION)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        count = services.pieces_set_restricted(pieces=objects, restricted=cls.restricted, user=user)
        return count, 0


class ReleasePiecesBulkAction(RestrictPiecesBulkAction):
    display_name = _("Lift restriction")
    action_type = "release_pieces"
    aria_label = _("Make the selected pieces public again")
    action_priority = 40
    restricted = False


class AddToCaseForm(forms.Form):
    case = forms.ModelChoiceField(
        label=_("Recovery case"), queryset=RecoveryCase.objects.order_by("code")
    )


class AddToCaseBulkAction(PieceBulkAction):
    display_name = _("Add to case")
    action_type = "add_pieces_to_case"
    aria_label = _("Move the selected pieces to a recovery case")
    action_priority = 50
    form_class = AddToCaseForm

    def get_execution_context(self):
        return {**super().get_execution_context(), "case": self.cleaned_form.cleaned_data["case"]}

    @classmethod
    def execute_action(cls, objects, user=None, case=None, **kwargs):
        return services.pieces_add_to_case(pieces=objects, case=case, user=user), 0


BULK_ACTIONS = [
    PublishPiecesBulkAction,
    UnpublishPiecesBulkAction,
    RestrictPiecesBulkAction,
    ReleasePiecesBulkAction,
    AddToCaseBulkAction,
]
