"""Admin: the catalog (pieces, cases) and its vocabularies, as snippet viewsets."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.i18n import localized_names
from heritage.filters import PieceFilterSet, RecoveryCaseFilterSet
from heritage.models import (
    RESTRICTED_PERMISSION,
    VOCABULARIES,
    Piece,
    RecoveryCase,
)


def can_see_restricted(user) -> bool:
    return user.has_perm(RESTRICTED_PERMISSION)


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
    search_backend_name = None  # plain database search over these columns
    search_fields = ["catalog_number", *localized_names("title")]
    ordering = ["catalog_number"]
    copy_view_enabled = False

    def get_queryset(self, request):
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
    search_backend_name = None
    search_fields = ["code", *localized_names("title"), "city"]
    ordering = ["code"]

    def get_queryset(self, request):
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
