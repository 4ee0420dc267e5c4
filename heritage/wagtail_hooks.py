"""Registers the catalog's admin: viewsets, search areas, bulk actions, guards for restricted
records."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from core.home import HomeSection
from heritage import admin_views, home, log_actions
from heritage.bulk_actions import BULK_ACTIONS
from heritage.dates import outside_spans
from heritage.models import Piece, RecoveryCase
from heritage.viewsets import (
    CatalogViewSetGroup,
    VocabularyViewSetGroup,
    can_see_restricted,
    snippet_search_area,
)

register_snippet(CatalogViewSetGroup)
register_snippet(VocabularyViewSetGroup)

for action in BULK_ACTIONS:
    hooks.register("register_bulk_action", action)


@hooks.register("register_admin_search_area")
def pieces_search_area():
    return snippet_search_area(Piece.snippet_viewset, order=110)


@hooks.register("register_admin_search_area")
def cases_search_area():
    return snippet_search_area(RecoveryCase.snippet_viewset, order=120)


@hooks.register("before_edit_snippet")
@hooks.register("before_delete_snippet")
def guard_restricted_pieces(request, instance):
    """Restricted pieces exist only for users with the dedicated permission."""
    instances = instance if isinstance(instance, list | tuple) else [instance]
    for obj in instances:
        if isinstance(obj, Piece) and obj.restricted and not can_see_restricted(request.user):
            raise PermissionDenied


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_about_dates_outside_the_spans(request, instance):
    """Saved as typed, with a word when the years disagree with the period or the culture."""
    if isinstance(instance, Piece):
        for warning in outside_spans(instance):
            messages.warning(request, warning)


hooks.register("register_log_actions", log_actions.register)


@hooks.register("register_admin_urls")
def catalog_import_urls():
    return [
        path("catalog-import/", admin_views.import_start, name="heritage_import_start"),
        path(
            "catalog-import/<int:job_id>/", admin_views.import_detail, name="heritage_import_detail"
        ),
        path(
            "catalog-import/<int:job_id>/apply/",
            admin_views.import_apply,
            name="heritage_import_apply",
        ),
        path(
            "catalog-import/template.csv",
            admin_views.import_template,
            name="heritage_import_template",
        ),
        path(
            "reports/missing-translations/",
            admin_views.missing_translations_report,
            name="heritage_missing_translations",
        ),
        re_path(
            r"^catalog-export/(?P<file_format>csv|xlsx|json)/$",
            admin_views.export,
            name="heritage_export",
        ),
        path("catalog-dates/texts/", admin_views.date_texts, name="heritage_date_texts"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("heritage.add_piece")


@hooks.register("register_admin_menu_item")
def catalog_import_menu_item():
    return ImportMenuItem(
        _("Import and export"), reverse("heritage_import_start"), icon_name="upload", order=205
    )


class MissingTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("heritage.change_piece")


@hooks.register("register_reports_menu_item")
def missing_translations_menu_item():
    return MissingTranslationsMenuItem(
        _("Missing translations"),
        reverse("heritage_missing_translations"),
        icon_name="doc-full",
        order=700,
    )


@hooks.register("register_home_section")
def featured_pieces_section():
    return HomeSection(
        name="featured-pieces", label=_("Featured pieces (chosen, or recently returned)"),
        heading=_("Featured pieces"), render=home.featured_pieces,
    )  # fmt: skip


@hooks.register("register_home_section")
def latest_cases_section():
    return HomeSection(
        name="latest-cases", label=_("Latest recovery cases"),
        heading=_("Latest recovery cases"), render=home.latest_cases,
    )  # fmt: skip


@hooks.register("register_home_section")
def headline_figures_section():
    return HomeSection(
        name="headline-figures", label=_("Three headline figures"),
        heading=_("The recovered heritage in figures"), render=home.headline_figures,
    )  # fmt: skip
