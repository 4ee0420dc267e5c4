"""The admin's model forms: a draft keeps what the database needs to store it twice.

Wagtail lets "Save draft" skip required text fields (FieldPanel defers every required CharField
and TextField), and Django leaves an empty, non-required field out of the unique check. A unique
identifier left blank is then stored as "" once, and the next blank draft breaks the unique
constraint: a server error, and the curator's typed form is gone. So a draft keeps its unique
fields required, with an error that says why a draft needs them. (What names a record in lists
and messages, such as a piece's title, the model marks `required_on_save`: Wagtail's own marker,
as on a page's title, which FieldPanel never defers.)
"""

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

DRAFT_NEEDS_IT = _("A draft needs this too: it identifies the record.")


def identifies_record(model, field_name: str) -> bool:
    """Whether `field_name` is unique in `model` (so a blank draft could be stored only once)."""
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:  # a form-only field: the model does not constrain it
        return False
    return bool(getattr(field, "unique", False))


class DraftIdentityMixin:
    """Keeps a draft's unique fields required while Wagtail defers the other required ones."""

    def defer_required_fields(self):
        super().defer_required_fields()
        model = self._meta.model
        for name in [n for n in self.deferred_required_fields if identifies_record(model, n)]:
            self.deferred_required_fields.remove(name)
            field = self.fields[name]
            field.required = True
            field.error_messages = {**field.error_messages, "required": DRAFT_NEEDS_IT}


class ScopedChoicesMixin:
    """Many-to-many fields whose widget knows what each user may choose (`widget.scope_for(user)`
    gives a queryset: heritage.choosers.MultipleChooser, a user's choosable records) take that
    scope as their queryset, so a key posted outside it is refused as the dialog never offers
    it. Links already made to records outside the user's scope (a restricted piece a moderator
    linked) are kept as they are: the user neither sees them nor drops them unseen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scoped_fields = []
        for name, field in self.fields.items():
            scope_for = getattr(field.widget, "scope_for", None)
            if scope_for and self.for_user and isinstance(field, forms.ModelMultipleChoiceField):
                field.queryset = scope_for(self.for_user)
                self.scoped_fields.append(name)

    def clean(self):
        data = super().clean()
        for name in self.scoped_fields:
            if name not in data or not self.instance.pk:
                continue
            linked = list(getattr(self.instance, name).all())
            shown = set(
                self.fields[name]
                .queryset.filter(pk__in=[record.pk for record in linked])
                .values_list("pk", flat=True)
            )
            unseen = [record for record in linked if record.pk not in shown]
            if unseen:
                data[name] = [*data[name], *unseen]
        return data


class AdminModelForm(ScopedChoicesMixin, DraftIdentityMixin, WagtailAdminModelForm):
    """The base form of snippets with drafts (their `base_form_class`)."""


class AdminPageForm(ScopedChoicesMixin, WagtailAdminPageForm):
    """The base form of our pages (core.models.BasePage's `base_form_class`)."""
