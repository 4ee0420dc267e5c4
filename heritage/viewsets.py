"""Admin: the catalog (pieces, cases) and its vocabularies, as snippet viewsets.

Searching a listing (and the sidebar's search areas) goes through the catalog's contract,
heritage.catalog.admin_search: the same folding and stemming as the public catalog, over every
record the user may see (drafts too; restricted pieces only with the permission), not Wagtail's
accent-sensitive `icontains` nor its own search index.
"""

from collections.abc import Callable, Sequence

from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.search import SearchArea
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from core.i18n import localized_names
from heritage.catalog import admin_search
from heritage.filters import PieceFilterSet, RecoveryCaseFilterSet
from heritage.models import (
    RESTRICTED_PERMISSION,
    VOCABULARIES,
    Piece,
    RecoveryCase,
)


def can_see_restricted(user) -> bool:
    return user.has_perm(RESTRICTED_PERMISSION)


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


class PieceViewSet(SnippetViewSet):
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

    def get_queryset(self, request) -> QuerySet:
        queryset = Piece.objects.select_related("case", "culture", "latest_revision")
        if not can_see_restricted(request.user):
            queryset = queryset.filter(restricted=False)
        return queryset


class RecoveryCaseViewSet(SnippetViewSet):
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

    def get_queryset(self, request) -> QuerySet:
        return RecoveryCase.objects.select_related("method", "country").annotate(
            piece_count=Count("pieces")
        )


class CatalogViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Catalog")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PieceViewSet, RecoveryCaseViewSet)


def _vocabulary_viewset(vocabulary) -> type[SnippetViewSet]:
    return type(
        f"{vocabulary.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": vocabulary,
            "icon": "tag",
            "list_display": ["code", "label", "authority_uri"],
            "search_backend_name": None,
            "search_fields": ["code", *localized_names("label")],
        },
    )


class VocabularyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "tag"
    menu_order = 210
    items = tuple(_vocabulary_viewset(vocabulary) for vocabulary in VOCABULARIES)
