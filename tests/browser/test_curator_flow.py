"""In a real browser: an editor records a case and a piece with provenance and submits them;
a moderator approves; the piece is public in Spanish and English. And a bad CSV upload."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from heritage.models import Piece, RecoveryCase
from tests.browser.helpers import PASSWORD, admin_log_in, catalog_site
from tests.utils import build_catalog_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    catalog_site()
    build_catalog_roles()
    users = {}
    for name, group in (("editora", "Editors"), ("moderador", "Moderators")):
        user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    return users


def submit_for_moderation(page: Page, identifier: str) -> None:
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    page.click("button[name=action-submit]")
    expect(page.locator(".messages")).to_contain_text(identifier)


def test_case_and_piece_go_through_moderation_and_become_public(live_server, page: Page, people):
    base = live_server.url
    admin_log_in(page, base, "editora")

    page.goto(f"{base}/admin/snippets/heritage/recoverycase/add/")
    page.fill("#id_code", "CASE-2024-001")
    page.select_option("#id_method", label="Aseguramiento")
    page.fill("#id_title_es", "Aseguramiento en Houston")
    page.fill("#id_title_en", "Seizure in Houston")
    submit_for_moderation(page, "CASE-2024-001")

    page.goto(f"{base}/admin/snippets/heritage/piece/add/")
    page.fill("#id_catalog_number", "REP-2024-000001")
    page.select_option("#id_case", label="CASE-2024-001 — Aseguramiento en Houston")
    page.fill("#id_title_es", "Vasija trípode")
    page.fill("#id_title_en", "Tripod vessel")
    page.fill("#id_date_start_0", "900")  # a positive year and its era, as on the public search
    page.select_option("#id_date_start_1", "bce")
    page.fill("#id_date_end_0", "600")
    page.select_option("#id_date_end_1", "bce")
    page.select_option("#id_date_qualifier", "circa")
    # Each empty date text box shows what readers of its language will get, kept current.
    expect(page.locator("#id_date_display_en")).to_have_attribute("placeholder", "ca. 900–600 BCE")
    expect(page.locator("#id_date_display_es")).to_have_attribute(
        "placeholder", "ca. 900–600 a. C."
    )
    for index, (event, year) in enumerate([("acquisition", "1950"), ("auction", "1987")]):
        page.get_by_role("button", name="Añadir evento").click()
        page.select_option(f"#id_provenance_events-{index}-event_type", event)
        page.fill(f"#id_provenance_events-{index}-year_start", year)
    submit_for_moderation(page, "REP-2024-000001")

    piece = Piece.objects.get(catalog_number="REP-2024-000001")
    assert (piece.date_start, piece.date_end, piece.date_qualifier) == (-900, -600, "circa")
    assert not piece.live
    assert piece.workflow_in_progress
    assert page.context.request.get(f"{base}/es/catalogo/REP-2024-000001/").status == 404

    page.context.clear_cookies()
    admin_log_in(page, base, "moderador")
    for obj in (RecoveryCase.objects.get(code="CASE-2024-001"), piece):
        model = obj._meta.model_name
        page.goto(f"{base}/admin/snippets/heritage/{model}/edit/{obj.pk}/")
        page.locator("footer [data-w-dropdown-target=toggle]").click()
        page.get_by_role("button", name="Aprobar y publicar").click()
        dialog = page.locator("[data-workflow-action-dialog], .w-dialog").last
        if dialog.is_visible():
            dialog.get_by_role("button", name="Aprobar y publicar").click()
        expect(page.locator(".messages")).to_contain_text(str(obj).split(" — ")[0])
        obj.refresh_from_db()
        assert obj.live and not obj.workflow_in_progress

    page.goto(f"{base}/es/catalogo/REP-2024-000001/")
    expect(page.locator("h1")).to_have_text("Vasija trípode")
    expect(page.locator(".timeline-event")).to_have_count(2)
    page.goto(f"{base}/en/catalog/REP-2024-000001/")
    expect(page.locator("h1")).to_have_text("Tripod vessel")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_uploaded_csv_with_a_bad_row_shows_the_report_and_changes_nothing(
    live_server, page: Page, people, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    path = tmp_path / "piezas.csv"
    path.write_text("catalog_number,title_es,date_start,date_end\nREP-1,Vasija,900,600\n")
    admin_log_in(page, live_server.url, "editora")
    page.goto(f"{live_server.url}/admin/catalog-import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Revisar el archivo").click()
    expect(page.locator("[data-status]")).to_have_attribute("data-status", "refused")
    expect(page.locator(".import-errors")).to_contain_text("date_end")
    expect(page.locator(".import-errors")).to_contain_text("El año final no puede ser anterior")
    assert not Piece.objects.exists()
