"""Bulk actions on pieces: publish, unpublish, restrict, release, add to a case, set a field.

Each action writes through heritage.services, which logs one history entry per piece.
"""

from django import forms
from django.utils.text import capfirst
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

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

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


class RestrictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for restriction"),
        max_length=Piece._meta.get_field("restriction_reason").max_length,
        help_text=_("Kept on each piece and shown in its history."),
    )


class RestrictPiecesBulkAction(PieceBulkAction):
    display_name = _("Restrict")
    action_type = "restrict_pieces"
    aria_label = _("Withhold the selected pieces from the public")
    action_priority = 30
    form_class = RestrictForm
    restricted = True

    def check_perm(self, snippet):
        return super().check_perm(snippet) and self.request.user.has_perm(RESTRICTED_PERMISSION)

    def get_execution_context(self):
        reason = self.cleaned_form.cleaned_data.get("reason", "")
        return {**super().get_execution_context(), "reason": reason}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", **kwargs):
        count = services.pieces_set_restricted(
            pieces=objects, restricted=cls.restricted, reason=reason, user=user
        )
        return count, 0


class ReleasePiecesBulkAction(RestrictPiecesBulkAction):
    display_name = _("Lift restriction")
    action_type = "release_pieces"
    aria_label = _("Make the selected pieces public again")
    action_priority = 40
    form_class = forms.Form
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


def _field_label(name: str) -> str:
    return capfirst(Piece._meta.get_field(name).verbose_name)


class SetFieldForm(forms.Form):
    """The field to set, its new value (one drop-down per field), and whether the curator has
    seen what changes: the first submission shows the changes, the second applies them."""

    field = forms.ChoiceField(
        label=_("Field to change"),
        choices=[(name, _field_label(name)) for name in services.BULK_SETTABLE_FIELDS],
        widget=forms.RadioSelect,
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in services.BULK_SETTABLE_FIELDS:
            model_field = Piece._meta.get_field(name)
            queryset = model_field.related_model.objects.all()
            if name == "case":
                queryset = queryset.order_by("code")
            self.fields[name] = forms.ModelChoiceField(
                label=_field_label(name), queryset=queryset, required=False
            )

    def clean(self):
        cleaned_data = super().clean()
        field = cleaned_data.get("field")
        if field and cleaned_data.get(field) is None:
            self.add_error(field, _("Choose the new value."))
        return cleaned_data

    @property
    def value_fields(self):
        return [self[name] for name in services.BULK_SETTABLE_FIELDS]


class SetFieldBulkAction(PieceBulkAction):
    display_name = _("Set a field")
    action_type = "set_piece_field"
    aria_label = _("Set the custodian, period, case or object type of the selected pieces")
    action_priority = 60
    form_class = SetFieldForm
    template_name = "heritage/bulk_actions/set_field.html"

    def check_perm(self, snippet):
        # A piece locked by someone else cannot be edited, in bulk no more than in its editor.
        lock = snippet.get_lock()
        return super().check_perm(snippet) and not (lock and lock.for_user(self.request.user))

    def form_valid(self, form):
        if form.cleaned_data["confirmed"]:
            return super().form_valid(form)
        objects, _without_access = self.get_actionable_objects()
        field = form.cleaned_data["field"]
        changes = services.pieces_plan_set_field(
            pieces=objects, field=field, value=form.cleaned_data[field]
        )
        return self.render_to_response(
            self.get_context_data(
                form=form, changes=changes, field_label=_field_label(field), confirming=True
            )
        )

    def get_execution_context(self):
        field = self.cleaned_form.cleaned_data["field"]
        value = self.cleaned_form.cleaned_data[field]
        return {**super().get_execution_context(), "field": field, "value": value}

    @classmethod
    def execute_action(cls, objects, user=None, field=None, value=None, **kwargs):
        return services.pieces_set_field(pieces=objects, field=field, value=value, user=user), 0


BULK_ACTIONS = [
    PublishPiecesBulkAction,
    UnpublishPiecesBulkAction,
    RestrictPiecesBulkAction,
    ReleasePiecesBulkAction,
    AddToCaseBulkAction,
    SetFieldBulkAction,
]
