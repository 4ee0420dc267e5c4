"""Choosers for the admin's links between records: searchable dialogs instead of drop-downs.

Every snippet viewset of ours chooses through `ChooserViewSetMixin`:

- the dialog searches through the catalog's contract, heritage.catalog.admin_search, over the
  listing's own `search_fields` and scope (drafts too; restricted pieces only with the
  permission), accent- and case-insensitive as the listings and the sidebar are;
- a viewset that names `chooser_form_fields` gets an "add" tab in the dialog, for users who may
  add that kind of record (the vocabularies: a term is added without leaving the piece);
- `chooser_columns` adds columns beside the name (a period's years, a venue's city).

A foreign key to a snippet gets Wagtail's chooser widget from the chooser viewset; a many-to-many
field takes `MultipleChooser`, which keeps the chosen records as a list and adds through the same
dialog in its multiple-choice mode.
"""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.actions.registry import action_registry
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.forms.models import registry as form_field_overrides
from wagtail.admin.telepath import JSContext
from wagtail.models import DraftStateMixin, Revision, WorkflowMixin, WorkflowState
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.widgets import AdminSnippetChooser

from heritage.catalog import admin_search

CHOOSABLE: set[type[models.Model]] = set()  # the models whose viewsets choose (on_register)


class ChooserSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )

    def __init__(self, *args, search_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.search_fields = search_fields

    def filter(self, objects):
        query = self.cleaned_data.get("q") or ""
        if query.strip():
            self.is_searching, self.search_query = True, query
            objects = admin_search(objects, query, self.search_fields)
        return objects


def with_status(queryset: models.QuerySet) -> models.QuerySet:
    """What Wagtail's `status_string` asks the database for, row by row, asked in the listing's
    own query: the scheduled revision and whether a moderation workflow is in progress."""
    model = queryset.model
    keys = {
        "base_content_type": ContentType.objects.get_for_model(model, for_concrete_model=False),
        "object_id": Cast(OuterRef("pk"), models.CharField()),
    }
    scheduled = Revision.objects.filter(approved_go_live_at__isnull=False, **keys)
    annotations = {"_scheduled_revision_id": Subquery(scheduled.values("pk")[:1])}
    if issubclass(model, WorkflowMixin):
        states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS, **keys)
        annotations["_in_moderation"] = Exists(states)
    return queryset.annotate(**annotations)


def prime_status(record) -> None:
    """Fill the caches `status_string` reads (see with_status), so it asks nothing more."""
    scheduled = record._scheduled_revision_id
    record.__dict__["scheduled_revision"] = Revision(pk=scheduled) if scheduled else None
    if hasattr(record, "_in_moderation"):
        status = WorkflowState.STATUS_IN_PROGRESS if record._in_moderation else None
        record._current_workflow_states = [WorkflowState(status=status)] if status else []


def _keys(model, values) -> list:
    """The given values that can be the model's keys (a tampered one is left out)."""
    keys = []
    for value in values or []:
        try:
            keys.append(model._meta.pk.to_python(value))
        except ValidationError:
            continue
    return keys


def choosable(model, request) -> models.QuerySet:
    """What a user may choose, in every door of the dialog (list, search, chosen, chosen
    several): what the record's listing shows them (restricted pieces only with the
    permission); to a user with no permission on the model (an editor of programs linking
    pieces), only its published records."""
    viewset = model.snippet_viewset
    queryset = viewset.get_queryset(request)
    queryset = model._default_manager.all() if queryset is None else queryset
    if issubclass(model, DraftStateMixin) and not viewset.permission_policy.user_has_any_permission(
        request.user, ["add", "change", "delete", "view"]
    ):
        queryset = queryset.filter(live=True)
    return queryset


class CatalogChooseMixin:
    """The dialog lists what the record's listing lists, searched as the listing searches."""

    @cached_property
    def snippet_viewset(self):
        return self.model.snippet_viewset

    def get_object_list(self):
        queryset = choosable(self.model, self.request)
        if issubclass(self.model, DraftStateMixin):
            queryset = with_status(queryset)
        return queryset

    def get_results_page(self, request):
        page = super().get_results_page(request)
        if issubclass(self.model, DraftStateMixin):
            for record in page.object_list:  # evaluated once; the table reads the same list
                prime_status(record)
        return page

    def get_filter_form(self):
        return ChooserSearchForm(self.request.GET, search_fields=self.snippet_viewset.search_fields)

    @property
    def columns(self):
        return [*super().columns, *self.snippet_viewset.chooser_columns]


class CatalogChooseView(CatalogChooseMixin, ChooseView):
    pass


class CatalogChooseResultsView(CatalogChooseMixin, ChooseResultsView):
    pass


def _named(msgid: str, model) -> str:
    return gettext(msgid) % {"object": model._meta.verbose_name}


_lazy_named = lazy(_named, str)


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser with its button texts read in the request's language: Wagtail
    builds them once, in whichever language the first form was built in (core/admin_messages.py
    retranslates them without a gendered word beside the record's name)."""

    def __init__(self, model=None, **kwargs):
        super().__init__(model, **kwargs)
        self.choose_one_text = _lazy_named("Choose %(object)s", self.model)
        self.choose_another_text = _lazy_named("Choose another %(object)s", self.model)
        self.link_to_chosen_text = _lazy_named("Edit this %(object)s", self.model)


class CatalogChosenView(SnippetChosenView):
    def get_object(self, pk):
        keys = _keys(self.model_class, [pk])
        if not keys:
            raise self.model_class.DoesNotExist
        return choosable(self.model_class, self.request).get(pk=keys[0])


class CatalogChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return choosable(self.model_class, self.request).filter(pk__in=_keys(self.model_class, pks))


class CatalogCreateView(SnippetCreateView):
    """A term added from the dialog's "Add" tab is created as the snippet's own create view
    creates one, through Wagtail's create action: a revision where the model keeps them and a
    `wagtail.create` entry in the history and the site's log, by the user who added it. (The
    dialog itself already checked that the user may add one.)"""

    def save_form(self, form):
        action_class = action_registry.get_action_class(self.model_class, "create")
        action_class(form.instance, user=self.request.user, form=form).execute(
            skip_permission_checks=True
        )
        return form.instance


class CatalogChooserViewSet(SnippetChooserViewSet):
    create_view_class = CatalogCreateView
    chosen_view_class = CatalogChosenView
    chosen_multiple_view_class = CatalogChosenMultipleView
    base_widget_class = SnippetChooser
    choose_view_class = CatalogChooseView
    choose_results_view_class = CatalogChooseResultsView


def _form_field(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # authority URIs are https; Django 6's default
    return field.formfield(**kwargs)


class ChooserViewSetMixin:
    """For a SnippetViewSet: its chooser dialog (see the module's docstring)."""

    chooser_viewset_class = CatalogChooserViewSet
    chooser_form_fields = None
    chooser_columns = ()

    def on_register(self):
        super().on_register()
        CHOOSABLE.add(self.model)

    @property
    def chooser_viewset(self):
        viewset = super().chooser_viewset
        if self.chooser_form_fields is not None:
            viewset.creation_form_class = forms.modelform_factory(
                self.model, fields=self.chooser_form_fields, formfield_callback=_form_field
            )
            viewset.create_action_label = _("Add")
        return viewset


class MultipleChooser(forms.Widget):
    """A many-to-many field as the list of its chosen records, each with a remove button, and
    an add button that opens the records' chooser dialog to pick one or several.

    Without JavaScript nothing can be added, as with Wagtail's own choosers; the posted value is
    the chosen records' keys, as a multiple select posts them. A plain widget, not a select:
    it never lists the field's choices (every piece of the catalog), only the chosen records."""

    template_name = "heritage/widgets/multiple_chooser.html"

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return False  # nothing posted is "none chosen", as with a multiple select

    def __init__(self, model, attrs=None):
        super().__init__(attrs)
        self.model = model
        self.scope = None  # what the form's user may choose (scope_for), else every record

    def scope_for(self, user) -> models.QuerySet:
        """What `user` may choose, the dialog's scope (choosable): core.forms.ScopedChoicesMixin
        makes it the form field's queryset, and the list shows only chosen records in it."""
        request = HttpRequest()  # the viewsets' scopes read only the request's user
        request.user = user
        self.scope = choosable(self.model, request)
        return self.scope

    @cached_property
    def chooser(self):
        return self.model.snippet_viewset.chooser_viewset.widget_class()

    @cached_property
    def packed(self) -> tuple[JSContext, object]:
        """The chooser's telepath context (for its scripts) and its packed definition."""
        context = JSContext()
        return context, context.pack(self.chooser)

    @property
    def media(self):
        return self.packed[0].media + forms.Media(js=["js/admin/multiple-chooser.js"])

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        records = self.model._default_manager.all() if self.scope is None else self.scope
        chosen = records.filter(pk__in=_keys(self.model, value))
        widget = context["widget"]
        widget.update(
            {
                "chosen": chosen,
                "definition": self.packed[1],
                "definition_id": f"{widget['attrs'].get('id') or name}-definition",
                "records": self.model._meta.verbose_name_plural,
                "add_label": _("Add %(records)s")
                % {"records": self.model._meta.verbose_name_plural},
            }
        )
        return context


def _many_to_many_widget(field):
    """Wagtail's form-field overrides for a many-to-many field: the multiple chooser when the
    related model chooses, else the default (Wagtail's registry has no `to=` for these)."""
    model = field.remote_field.model
    return {"widget": MultipleChooser(model)} if model in CHOOSABLE else None


form_field_overrides.register(models.ManyToManyField, value=_many_to_many_widget)
