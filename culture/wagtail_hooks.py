from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.home import HomeSection
from core.i18n import localized_names, site_name
from culture import admin_views, cache, home
from culture.models import (
    Audience,
    MobileConsulateRoute,
    Organizer,
    ProgramCategory,
    ProgramLanguage,
    ProgramPage,
    Service,
    Venue,
)
from culture.viewsets import (
    ProgramPageListingViewSet,
    StopRequestViewSet,
    programs_search_area,
)
from heritage.choosers import ChooserViewSetMixin


class VenueViewSet(ChooserViewSetMixin, SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "kind", "city", "state", "country"]
    list_filter = ["kind", "country", "is_illustrative"]
    search_fields = [*localized_names("name"), "city", "state"]


class OrganizerViewSet(ChooserViewSetMixin, SnippetViewSet):
    model = Organizer
    icon = "group"
    list_display = ["name", "kind", "office"]
    list_filter = ["kind", "is_illustrative"]
    search_fields = localized_names("name")


class MobileConsulateRouteViewSet(ChooserViewSetMixin, SnippetViewSet):
    model = MobileConsulateRoute
    icon = "site"
    list_display = ["name", "organizer", "live"]
    list_filter = ["live", "is_illustrative"]
    search_fields = localized_names("name")


def _term_viewset(term_model, term_icon):
    return type(
        f"{term_model.__name__}ViewSet",
        (ChooserViewSetMixin, SnippetViewSet),
        {
            "model": term_model,
            "icon": term_icon,
            "list_display": ["label", "code"],
            "search_fields": ["code", *localized_names("label")],
        },
    )


class ProgramsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programs")
    menu_icon = "date"
    menu_order = 210
    items = (
        VenueViewSet,
        OrganizerViewSet,
        MobileConsulateRouteViewSet,
        _term_viewset(ProgramCategory, "tag"),
        _term_viewset(Audience, "user"),
        _term_viewset(ProgramLanguage, "comment"),
        _term_viewset(Service, "help"),
        StopRequestViewSet,
    )


register_snippet(ProgramsViewSetGroup)

program_pages = ProgramPageListingViewSet()


@hooks.register("register_admin_viewset")
def register_program_pages():
    return program_pages


@hooks.register("register_admin_urls")
def session_dates_url():
    return [
        path("culture/session-dates/", admin_views.session_dates, name="culture_session_dates"),
        path("reports/directory-to-verify/", admin_views.records_to_verify_report,
             name="culture_records_to_verify"),
    ]  # fmt: skip


class RecordsToVerifyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("culture.change_venue")


@hooks.register("register_reports_menu_item")
def records_to_verify_menu_item():
    return RecordsToVerifyMenuItem(
        _("Directory: to verify"), reverse("culture_records_to_verify"),
        icon_name="calendar-alt", order=710,
    )  # fmt: skip


@hooks.register("register_admin_search_area")
def register_programs_search_area():
    return programs_search_area(program_pages)


def pieces_in_programs() -> set[int]:
    """Ids of the pieces any saved program links to (a superset of what live programs show),
    kept until programs change."""
    links = ProgramPage.related_pieces.through.objects.values_list("piece_id", flat=True)
    return cache.remember("pieces-in-programs", (), cache.FEED_SECONDS, lambda: set(links))


@hooks.register("heritage_piece_sections")
def programs_showing_piece(request, piece) -> str:
    """The piece page lists the live programs that show it (the catalog knows nothing of them).
    Most pieces are in no program: those are told apart without a query."""
    if piece.pk not in pieces_in_programs():
        return ""
    programs = list(
        ProgramPage.objects.live()
        .public()
        .filter(related_pieces=piece)
        .order_by(site_name("title"))
    )
    if not programs:
        return ""
    return render_to_string(
        "culture/includes/piece_programs.html", {"programs": programs}, request=request
    )


@hooks.register("register_home_section")
def programs_near_section():
    return HomeSection(
        name="programs-near", label=_("Upcoming programs near the visitor"),
        heading=_("Programs near you"), render=home.programs_near,
    )  # fmt: skip


@hooks.register("register_home_section")
def consulate_stops_section():
    return HomeSection(
        name="consulate-stops", label=_("The mobile consulate's next stops"),
        heading=_("The mobile consulate's next stops"), render=home.consulate_stops,
    )  # fmt: skip
