"""Curator admin: restricted records only for the dedicated permission, filters, bulk actions."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from heritage import services
from heritage.models import Piece
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    """An editor with every catalog permission except seeing restricted records."""
    user = get_user_model().objects.create_user("editor", password="pw-editor-1")
    group = Group.objects.create(name="Catalog editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="heritage",
            codename__in=["add_piece", "change_piece", "publish_piece", "view_piece"],
        ),
    )
    user.groups.add(group)
    client.force_login(user)
    return user


def listing_numbers(client, query: str = "") -> set[str]:
    response = client.get(reverse("wagtailsnippets_heritage_piece:list") + query)
    assert response.status_code == 200
    return {number for number in ("REP-A", "REP-B", "REP-C") if number in response.content.decode()}


def test_restricted_pieces_are_invisible_without_the_permission(client, editor):
    make_piece("REP-A")
    secret = make_piece("REP-B", restricted=True)
    assert listing_numbers(client) == {"REP-A"}
    edit = reverse("wagtailsnippets_heritage_piece:edit", args=[secret.pk])
    response = client.get(edit)
    # Wagtail answers a refused admin view by sending the user back to the dashboard.
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_curator_with_permission_sees_and_edits_restricted_pieces(client, curator):
    make_piece("REP-A")
    secret = make_piece("REP-B", restricted=True, find_site="Sitio oculto")
    assert listing_numbers(client) == {"REP-A", "REP-B"}
    response = client.get(reverse("wagtailsnippets_heritage_piece:edit", args=[secret.pk]))
    assert response.status_code == 200
    assert "Sitio oculto" in response.content.decode()


def test_find_spot_fields_are_not_in_the_editor_form_without_permission(client, editor):
    piece = make_piece("REP-A", find_site="Sitio oculto")
    response = client.get(reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="find_site"' not in body
    assert "Sitio oculto" not in body


def test_listing_filters_by_missing_translation(client, curator):
    make_piece("REP-A", title_en="Translated")
    make_piece("REP-B", title_en="", description_es="Texto", description_en="")
    assert listing_numbers(client, "?missing_translation=en") == {"REP-B"}


def test_restricting_changes_the_live_record_and_survives_a_pending_draft(curator):
    piece = make_piece("REP-A")
    piece.title_es = "Borrador pendiente"
    piece.save_revision(user=curator)  # a draft saved before the restriction
    assert services.pieces_set_restricted(pieces=[piece], restricted=True, user=curator) == 1
    assert Piece.objects.get(pk=piece.pk).restricted
    piece.refresh_from_db()
    piece.latest_revision.publish(user=curator)
    published = Piece.objects.get(pk=piece.pk)
    assert published.title_es == "Borrador pendiente"
    assert published.restricted, "publishing an older draft must not lift the restriction"


def test_bulk_add_to_case_through_the_admin(client, curator):
    first, second = make_piece("REP-A"), make_piece("REP-B")
    case = make_case("CASE-9")
    url = (
        reverse("wagtail_bulk_action", args=["heritage", "piece", "add_pieces_to_case"])
        + f"?id={first.pk}&id={second.pk}&next=/admin/"
    )
    assert client.get(url).status_code == 200
    response = client.post(url, {"case": case.pk})
    assert response.status_code == 302
    assert set(case.pieces.values_list("catalog_number", flat=True)) == {"REP-A", "REP-B"}


def test_bulk_restrict_requires_the_permission(client, editor):
    piece = make_piece("REP-A")
    url = (
        reverse("wagtail_bulk_action", args=["heritage", "piece", "restrict_pieces"])
        + f"?id={piece.pk}&next=/admin/"
    )
    client.post(url)
    assert not Piece.objects.get(pk=piece.pk).restricted


def test_admin_upload_previews_then_applies(client, curator, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make_case("CASE-1")
    data = (
        b"catalog_number;title_es;case_code\nREP-2021-000900;Vasija;CASE-1\n"
        b"REP-2021-000901;Cajete;CASE-1\n"
    )
    response = client.post(
        reverse("heritage_import_start"),
        {"file": SimpleUploadedFile("piezas.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert b'data-status="previewed"' in preview.content
    assert not Piece.objects.exists()
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    applied = client.post(reverse("heritage_import_apply", args=[job_id]))
    assert applied.status_code == 302
    assert b'data-status="applied"' in client.get(applied["Location"]).content
    assert set(Piece.objects.values_list("catalog_number", flat=True)) == {
        "REP-2021-000900",
        "REP-2021-000901",
    }


def test_admin_upload_with_a_bad_row_shows_the_report_and_writes_nothing(client, curator):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = "catalog_number,title_es,date_start,date_end\nREP-1,Vasija,900,600\nREP-2,Ok,,\n"
    response = client.post(
        reverse("heritage_import_start"),
        {"file": SimpleUploadedFile("malo.csv", data.encode(), content_type="text/csv")},
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="refused"' in page
    assert "El año final no puede ser anterior al año inicial." in page
    assert "Apply" not in page and "Aplicar esta importación" not in page
    assert not Piece.objects.exists()


def test_export_leaves_out_restricted_pieces_and_columns_without_permission(client, editor):
    make_piece("REP-A", find_site="Sitio oculto")
    make_piece("REP-B", restricted=True)
    body = client.get(reverse("heritage_export", args=["csv"])).content.decode()
    assert "REP-A" in body and "REP-B" not in body
    assert "find_site" not in body.splitlines()[0]
    assert "Sitio oculto" not in body


def test_template_download_is_a_valid_import_file(client, curator):
    from heritage.services import catalog_import

    response = client.get(reverse("heritage_import_template"))
    assert response["Content-Type"].startswith("text/csv")
    report = catalog_import(data=response.content, dry_run=True)
    assert report.ok, report.errors
    assert report.created == ["REP-2021-000431"]


def test_missing_translations_report_lists_untranslated_records(client, curator):
    make_piece("REP-A", title_en="Translated", description_es="", description_en="")
    make_piece("REP-B", title_en="")
    make_case("CASE-7", title_en="")
    page = client.get(reverse("heritage_missing_translations") + "?lang=en").content.decode()
    assert "REP-B" in page and "CASE-7" in page
    assert "REP-A" not in page
    # languages and fields by their names, not their codes
    assert 'aria-current="page">English (en)</a>' in page
    assert ">Nahuatlahtolli (nah)</a>" in page
    assert "<td>Título</td>" in page or "<td>Title</td>" in page
    assert "<td>title</td>" not in page


def test_piece_history_compare_and_revert(client, curator):
    piece = make_piece("REP-A", title_es="Primera versión")
    first = piece.latest_revision
    piece.title_es = "Segunda versión"
    piece.save_revision(user=curator).publish(user=curator)
    history = client.get(reverse("wagtailsnippets_heritage_piece:history", args=[piece.pk]))
    assert history.status_code == 200
    compare = client.get(
        reverse(
            "wagtailsnippets_heritage_piece:revisions_compare",
            args=[piece.pk, first.pk, piece.latest_revision.pk],
        )
    )
    assert compare.status_code == 200
    body = compare.content.decode()
    # A word diff: the old word struck out, the new one added.
    assert "Primera" in body and "Segunda" in body
    revert = client.get(
        reverse("wagtailsnippets_heritage_piece:revisions_revert", args=[piece.pk, first.pk])
    )
    assert revert.status_code == 200
    assert 'value="Primera versión"' in revert.content.decode()


def test_uploaded_import_files_are_kept_outside_the_public_media(client, curator, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from heritage.models import ImportJob

    data = b"catalog_number,title_es,find_site\nREP-1,Vasija,Sitio secreto\n"
    client.post(
        reverse("heritage_import_start"),
        {"file": SimpleUploadedFile("secreto.csv", data, content_type="text/csv")},
    )
    job = ImportJob.objects.get()
    stored = job.file.path
    assert stored.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not stored.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        _ = job.file.url  # no base URL: the file cannot be linked to


def test_editor_forms_never_autosave_in_the_background(client, editor):
    """A background autosave that the editor's own Save overtakes stores new provenance events
    twice (config/settings.py, WAGTAIL_AUTOSAVE_INTERVAL): the add and edit forms post only
    when the editor presses a button."""
    piece = make_piece("REP-A")
    for url in (
        reverse("wagtailsnippets_heritage_piece:add"),
        reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]),
    ):
        page = client.get(url).content.decode()
        assert 'id="provenance_events-FORMS"' in page or "provenance_events-TOTAL_FORMS" in page
        controllers = " ".join(re.findall(r'data-controller="([^"]*)"', page)).split()
        assert "w-autosave" not in controllers
