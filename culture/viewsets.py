"""Admin: every program page in one flat listing, searched as the catalog's listings are.

Wagtail's page search asks its own index, which folds no accents; this listing (and the sidebar's
"Programs" search area) asks heritage.catalog.admin_search instead, over every program page the
user may explore, drafts included.
"""

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.i18n import localized_names
from culture.models import ProgramPage
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
