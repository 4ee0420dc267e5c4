"""Admin: every program page in one flat listing, searched as the catalog's listings are.

Wagtail's page search asks its own index, which folds no accents; this listing (and the sidebar's
"Programs" search area) asks heritage.catalog.admin_search instead, over every program page the
user may explore, drafts included.
"""

from django.db.models import Count, F, QuerySet, Window
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from core.i18n import localized_names
from core.spreadsheets import FormulaSafeExportMixin
from culture.models import ProgramPage, StopRequest
from heritage.viewsets import CatalogSearchMixin, RecordSearchArea


class ProgramIndexView(CatalogSearchMixin, IndexView):
    search_fields = localized_names("title")

    def search_queryset(self, queryset):
        found = super().search_queryset(queryset)
        # Wagtail leaves a searched page listing unordered (its index orders by relevance).
        if self.is_searching and not found.ordered:
            found = found.order_by(F("latest_revision_created_at").desc(nulls_last=True), "pk")
        return found


class ProgramPageListingViewSet(PageListingViewSet):
    model = ProgramPage
    index_view_class = ProgramIndexView
    icon = "date"
    menu_label = _("Program pages")
    name = "program_pages"
    add_to_admin_menu = False


def program_records(request) -> QuerySet:
    """The program pages the listing shows this user."""
    explorable = PagePermissionPolicy().explorable_instances(request.user)
    return ProgramPage.objects.filter(depth__gt=1, pk__in=explorable.values_list("pk", flat=True))


def programs_search_area(viewset: ProgramPageListingViewSet) -> RecordSearchArea:
    return RecordSearchArea(
        _("Programs"),
        viewset.get_url_name("index"),
        records=program_records,
        fields=ProgramIndexView.search_fields,
        shown=user_has_any_page_permission,
        name="programs",
        icon_name=viewset.icon,
        order=130,
    )


class StopRequestIndexView(FormulaSafeExportMixin, SnippetIndexView):
    """Requests grouped by place (ordered by postal code, then city), each row with the number
    of requests from its postal code among those listed; the CSV export is formula-safe."""

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(per_postal_code=Window(Count("pk"), partition_by=[F("postal_code")]))
            .prefetch_related("services", "languages")
        )


class StopRequestViewSet(SnippetViewSet):
    model = StopRequest
    index_view_class = StopRequestIndexView
    icon = "mail"
    menu_label = _("Stop requests")
    ordering = ["postal_code", "city", "-created_at"]
    list_display = [
        Column("postal_code", label=_("postal code"), sort_key="postal_code"),
        Column("per_postal_code", label=_("requests from this postal code")),
        "city",
        "state",
        "people",
        Column("service_names", label=_("services needed")),
        Column("created_at", label=_("received"), sort_key="created_at"),
    ]
    list_filter = ["postal_code", "services", "languages"]
    search_fields = ["postal_code", "city", "state"]
    list_export = ["postal_code", "per_postal_code", "city", "state", "people", "service_names",
                   "language_names", "contact", "language", "created_at"]  # fmt: skip
    export_headings = {
        "per_postal_code": _("requests from this postal code"),
        "service_names": _("services needed"),
        "language_names": _("languages"),
    }
    export_filename = "solicitudes-de-parada"
    copy_view_enabled = False
