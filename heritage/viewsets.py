"""Admin: the catalog (pieces, cases) and its vocabularies, as snippet viewsets.

Searching a listing (and the sidebar's search areas) goes through the catalog's contract,
heritage.catalog.admin_search: the same folding and stemming as the public catalog, over every
record the user may see (drafts too; restricted pieces only with the permission), not Wagtail's
accent-sensitive `icontains` nor its own search index.
"""

from collections.abc import Callable, Sequence

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.history import ActionColumn
from wagtail.snippets.views.snippets import (
    HistoryView,
    IndexView,
    RevisionsCompareView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from core.i18n import localized_names
from heritage.catalog import admin_search
from heritage.choosers import ChooserViewSetMixin
from heritage.dates import year_range_label
from heritage.filters import PieceFilterSet, RecoveryCaseFilterSet
from heritage.models import (
    RESTRICTED_PERMISSION,
    VOCABULARIES,
    DatedTerm,
    Period,
    Piece,
    RecoveryCase,
)


def can_see_restricted(user) -> bool:
    return user.has_perm(RESTRICTED_PERMISSION)


def _guard_restricted(view, obj):
    # The editor refuses restricted pieces to users without the permission (wagtail_hooks);
    # their history and comparisons show the same record, so they refuse them too.
    if isinstance(obj, Piece) and obj.restricted and not can_see_restricted(view.request.user):
        raise PermissionDenied
    return obj


class RevisionActionColumn(ActionColumn):
    """The history's action menu on every row that records a revision — publish rows and the
    live version's included, which Wagtail leaves bare: compare with the previous revision and
    with the live version, and review-and-revert (or edit, on the latest revision) for users
    who may edit the record. A revision that held the piece restricted offers nothing to a
    user who may not see restricted pieces: its preview, revert and comparisons refuse them."""

    def __init__(self, *args, user_can_edit: bool, user_sees_restricted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_can_edit = user_can_edit
        self.user_sees_restricted = user_sees_restricted

    def _hidden(self, revision) -> bool:
        return (
            isinstance(self.object, Piece)
            and not self.user_sees_restricted
            and revision is not None
            and bool(revision.content.get("restricted"))
        )

    def _url(self, name: str, *args) -> str | None:
        url_name = self.url_names.get(name)
        return reverse(url_name, args=(quote(self.object.pk), *args)) if url_name else None

    def get_actions(self, instance, parent_context):
        if not self.revision_enabled or not instance.revision_id or self._hidden(instance.revision):
            return []
        obj, revision_id = self.object, instance.revision_id
        candidates = []
        if obj.is_previewable():
            candidates.append((self._url("revisions_view", revision_id), gettext("Preview")))
        if self.user_can_edit:
            if revision_id == obj.latest_revision_id:
                candidates.append((self._url("edit"), gettext("Edit")))
            else:
                candidates.append(
                    (self._url("revisions_revert", revision_id), gettext("Revert to this version"))
                )
            # Comparing needs the change permission too (Wagtail's compare view).
            if instance.previous_revision_id:
                candidates.append(
                    (
                        self._url("revisions_compare", instance.previous_revision_id, revision_id),
                        gettext("Compare with previous version"),
                    )
                )
            if getattr(obj, "live", False):
                candidates.append(
                    (
                        self._url("revisions_compare", revision_id, "live"),
                        gettext("Compare with live version"),
                    )
                )
            if revision_id != obj.latest_revision_id:
                candidates.append(
                    (
                        self._url("revisions_compare", revision_id, "latest"),
                        gettext("Compare with current version"),
                    )
                )
        revision = instance.revision
        if revision and revision.approved_go_live_at and self.user_can_unschedule:
            unschedule = self._url("revisions_unschedule", revision_id)
            candidates.append((unschedule, gettext("Cancel scheduled publish")))
        return [{"url": url, "label": label} for url, label in candidates if url]


class CatalogHistoryView(HistoryView):
    @cached_property
    def columns(self):
        columns = list(super().columns)
        action = columns[0]
        columns[0] = RevisionActionColumn(
            action.name,
            label=action.label,
            object=self.object,
            url_names=action.url_names,
            user_can_unschedule=action.user_can_unschedule,
            user_can_edit=self.user_can_edit(),
            user_sees_restricted=can_see_restricted(self.request.user),
        )
        return columns

    def user_can_edit(self) -> bool:
        if not self.user_has_permission_for_instance("change", self.object):
            return False
        return not (isinstance(self.object, Piece) and self.object.restricted) or (
            can_see_restricted(self.request.user)
        )

    def get_object(self):
        return _guard_restricted(self, super().get_object())


class CatalogRevisionsCompareView(RevisionsCompareView):
    def get_object(self, queryset=None):
        return _guard_restricted(self, super().get_object(queryset))


class CatalogSearchMixin:
    """An admin listing whose search box asks heritage.catalog.admin_search over the listing's
    `search_fields`, within the records the listing already shows; other areas are offered."""

    show_other_searches = True

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return admin_search(queryset, self.search_query, self.search_fields)


class CatalogIndexView(CatalogSearchMixin, IndexView):
    pass


class RecordSearchArea(SearchArea):
    """A sidebar search area for one kind of record: a link to its listing searched with the
    query, labelled with how many records the listing will show (the same scope and matcher)."""

    def __init__(
        self,
        label,
        url_name: str,
        *,
        records: Callable,  # request → the queryset the listing shows this user
        fields: Sequence[str],
        shown: Callable,  # user → whether the listing is open to them
        **kwargs,
    ):
        super().__init__(label, reverse(url_name), **kwargs)
        self.records, self.fields, self.shown = records, fields, shown

    def is_shown(self, request) -> bool:
        return self.shown(request.user)

    def count(self, request, query: str) -> int:
        return admin_search(self.records(request), query, self.fields).count()

    def render_html(self, request, query, current=None):
        label = self.label
        if query.strip():
            label = f"{label} ({number_format(self.count(request, query))})"
        return render_to_string(
            self.template,
            {
                "name": self.name,
                "url": self.url,
                "classname": self.classname,
                "icon_name": self.icon_name,
                "attr_string": self.attr_string,
                "label": label,
                "active": self.is_active(request, current),
                "query_string": query,
            },
            request=request,
        )


def snippet_search_area(viewset: SnippetViewSet, *, order: int) -> RecordSearchArea:
    """The search area of a registered snippet viewset: its listing, scope and search fields."""

    def shown(user) -> bool:
        return viewset.permission_policy.user_has_any_permission(
            user, ["add", "change", "delete", "view"]
        )

    return RecordSearchArea(
        viewset.menu_label,
        viewset.get_url_name("list"),
        records=viewset.get_queryset,
        fields=viewset.search_fields,
        shown=shown,
        name=viewset.model._meta.model_name,
        icon_name=viewset.icon,
        order=order,
    )


class PieceViewSet(ChooserViewSetMixin, SnippetViewSet):
    model = Piece
    icon = "form"
    menu_label = _("Pieces")
    list_display = [
        "catalog_number",
        Column("title", label=_("Title")),
        Column("case", label=_("Recovery case")),
        Column("culture", label=_("Culture")),
        BooleanColumn("restricted", label=_("Restricted")),
        BooleanColumn("live", label=_("Published")),
        BooleanColumn("is_illustrative", label=_("Illustrative")),
    ]
    list_per_page = 50
    filterset_class = PieceFilterSet
    index_view_class = CatalogIndexView
    search_fields = ["catalog_number", *localized_names("title")]
    ordering = ["catalog_number"]
    copy_view_enabled = False
    history_view_class = CatalogHistoryView
    revisions_compare_view_class = CatalogRevisionsCompareView

    def get_queryset(self, request) -> QuerySet:
        queryset = Piece.objects.select_related("case", "culture", "latest_revision")
        if not can_see_restricted(request.user):
            queryset = queryset.filter(restricted=False)
        return queryset


class RecoveryCaseViewSet(ChooserViewSetMixin, SnippetViewSet):
    model = RecoveryCase
    icon = "globe"
    menu_label = _("Recovery cases")
    list_display = [
        "code",
        Column("title", label=_("Title")),
        Column("method", label=_("Recovery method")),
        Column("country", label=_("Country")),
        Column("piece_count", label=_("Pieces")),
        BooleanColumn("live", label=_("Published")),
        BooleanColumn("is_illustrative", label=_("Illustrative")),
    ]
    filterset_class = RecoveryCaseFilterSet
    index_view_class = CatalogIndexView
    search_fields = ["code", *localized_names("title"), "city"]
    ordering = ["code"]
    history_view_class = CatalogHistoryView
    revisions_compare_view_class = CatalogRevisionsCompareView

    def get_queryset(self, request) -> QuerySet:
        return RecoveryCase.objects.select_related("method", "country").annotate(
            piece_count=Count("pieces")
        )


class CatalogViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PieceViewSet, RecoveryCaseViewSet)


def _years(term: DatedTerm) -> str:
    return year_range_label(term.start_year, term.end_year)


def _vocabulary_viewset(vocabulary) -> type[SnippetViewSet]:
    """A vocabulary's listing and its chooser, where editors who may add a term add it."""
    form_fields = ["code", *localized_names("label"), "authority_uri"]
    columns = ()
    if vocabulary is Period:  # listed in time order (Meta.ordering), with their years
        form_fields += ["parent"]
    if issubclass(vocabulary, DatedTerm):  # periods and cultures: their years, shown
        form_fields += ["start_year", "end_year"]
        columns = (Column("years", label=_("Years"), accessor=_years),)
    return type(
        f"{vocabulary.__name__}ViewSet",
        (ChooserViewSetMixin, SnippetViewSet),
        {
            "model": vocabulary,
            "icon": "tag",
            "list_display": ["code", "label", "authority_uri", *columns],
            "search_backend_name": None,
            "search_fields": ["code", *localized_names("label")],
            "chooser_form_fields": form_fields,
            "chooser_columns": columns,
        },
    )


class VocabularyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "tag"
    menu_order = 210
    items = tuple(_vocabulary_viewset(vocabulary) for vocabulary in VOCABULARIES)
