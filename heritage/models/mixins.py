from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)

from core.forms import AdminModelForm
from core.models import IllustrativeMixin, ReaderTranslationMixin


class EditorialMixin(
    ReaderTranslationMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    IllustrativeMixin,
    models.Model,
):
    """Drafts, revisions, locking, moderation workflow and preview for catalog snippets."""

    base_form_class = AdminModelForm  # a draft keeps its unique identifier (core/forms.py)

    class Meta:
        abstract = True

    def preview_base_context(self) -> dict:
        """What every catalog preview needs: the catalog page for links, the record itself."""
        from heritage.selectors import catalog_page_public

        return {"page": catalog_page_public(), "translated_object": self, "is_preview": True}


def revisions_relation(query_name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=query_name,
        for_concrete_model=False,
    )


def workflow_states_relation(query_name: str) -> GenericRelation:
    return GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name=query_name,
        for_concrete_model=False,
    )


def select(field_name: str) -> FieldPanel:
    """A plain drop-down, for a short closed list (a recovery method, an authority's type);
    records and open vocabularies are chosen in a dialog (heritage/choosers.py)."""
    return FieldPanel(field_name, widget=forms.Select)
