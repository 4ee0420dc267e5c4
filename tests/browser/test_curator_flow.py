"""In a real browser, in the Spanish and the English admin: an editor records a case and a piece
through choosers, with BCE dates and provenance, previews and submits them; a moderator approves,
restricts, compares and reverts. And a bad CSV upload."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from heritage.models import Piece, RecoveryCase
from tests.browser.helpers import PASSWORD, admin_log_in, catalog_site
from tests.utils import build_catalog_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# What the editor reads on the buttons the flow presses, in each admin language.
LABELS = {
    "es": {
        "add_event": "Añadir evento",
        "approve": "Aprobar y publicar",
        "add": "Añadir materiales",
    },
    "en": {"add_event": "Add event", "approve": "Approve and publish", "add": "Add materials"},
}


@pytest.fixture(params=["es", "en"])
def admin_language(request):
    return request.param


@pytest.fixture
def people(admin_language):
    catalog_site()
    build_catalog_roles()
    users = {}
    for name, group in (("editora", "Editors"), ("moderador", "Moderators")):
        user = get_user_model().objects.create_user(name, f"{name}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        UserProfile.get_for_user(user)
        UserProfile.objects.filter(user=user).update(preferred_language=admin_language)
        users[name] = user
    return users


def open_editor_menu(page: Page) -> None:
    page.locator("footer [data-w-dropdown-target=toggle]").click()


def submit_for_moderation(page: Page, identifier: str) -> None:
    open_editor_menu(page)
    page.click("button[name=action-submit]")
    expect(page.locator(".messages")).to_contain_text(identifier)


def publish(page: Page, identifier: str) -> None:
    open_editor_menu(page)
    page.click("button[name=action-publish]")
    expect(page.locator(".messages")).to_contain_text(identifier)


def choose(page: Page, field: str, query: str, choice: str) -> None:
    """Wagtail's chooser: open the field's dialog, search, pick the record.

    The dialog first lists every record, and the search then replaces that list. A click on the
    first list while the search's answer is being swapped in lands on a detached link and the
    dialog stays open, so the links already shown are marked and only a link the search brought
    is clicked."""
    page.locator(f"#id_{field}-chooser [data-chooser-action-choose]").first.click()
    dialog = page.locator(".modal")
    expect(dialog.locator("[data-chooser-modal-choice]").first).to_be_visible()
    dialog.locator("[data-chooser-modal-choice]").evaluate_all(
        "links => links.forEach(link => link.setAttribute('data-before-search', ''))"
    )
    dialog.locator("input[name=q]").fill(query)
    dialog.locator("[data-chooser-modal-choice]:not([data-before-search])", has_text=choice).click()
    expect(dialog).to_be_hidden()
    expect(page.locator(f"#id_{field}-chooser")).to_contain_text(choice)


def test_a_piece_from_the_editor_to_the_public_and_back(
    live_server, page: Page, people, admin_language
):
    """As an editor: a case, then a piece with choosers, BCE dates and two provenance events,
    previewed inside the editor and submitted; as a moderator: approved, restricted with a
    reason, compared with the previous version and reverted — in each admin language."""
    base, labels = live_server.url, LABELS[admin_language]
    admin_log_in(page, base, "editora")
    expect(page.locator("html")).to_have_attribute("lang", admin_language)

    page.goto(f"{base}/admin/snippets/heritage/recoverycase/add/")
    page.fill("#id_code", "CASE-2024-001")
    page.select_option("#id_method", label="Seizure" if admin_language == "en" else "Aseguramiento")
    page.fill("#id_title_es", "Aseguramiento en Houston")
    page.fill("#id_title_en", "Seizure in Houston")
    submit_for_moderation(page, "CASE-2024-001")

    page.goto(f"{base}/admin/snippets/heritage/piece/add/")
    page.fill("#id_catalog_number", "REP-2024-000001")
    choose(page, "case", "2024-001", "CASE-2024-001")
    page.fill("#id_title_es", "Vasija trípode")
    page.fill("#id_title_en", "Tripod vessel")
    choose(page, "culture", "OLMECA", "Olmec" if admin_language == "en" else "Olmeca")
    choose(page, "period", "preclasico medio", "Middle Preclassic" if admin_language == "en"
           else "Preclásico Medio")  # fmt: skip
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
    materials = page.locator("[data-multiple-chooser][data-name=materials]")
    materials.get_by_role("button", name=labels["add"]).click()
    dialog = page.locator(".modal")
    dialog.locator("input[name=q]").fill("ceramica")
    ceramic = "Ceramic" if admin_language == "en" else "Cerámica"
    expect(dialog.locator("tbody tr")).to_have_count(1)
    dialog.locator("tr", has_text=ceramic).locator("input[data-multiple-choice-select]").check()
    dialog.locator("[data-multiple-choice-submit]").click()
    expect(dialog).to_be_hidden()
    expect(materials.locator("li")).to_have_count(1)
    for index, (event, year) in enumerate([("acquisition", "1950"), ("auction", "1987")]):
        page.get_by_role("button", name=labels["add_event"]).click()
        page.select_option(f"#id_provenance_events-{index}-event_type", event)
        page.fill(f"#id_provenance_events-{index}-year_start", year)

    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text("Vasija trípode")  # the site's first language
    expect(preview.locator(".timeline-event")).to_have_count(2)
    submit_for_moderation(page, "REP-2024-000001")

    piece = Piece.objects.get(catalog_number="REP-2024-000001")
    assert (piece.date_start, piece.date_end, piece.date_qualifier) == (-900, -600, "circa")
    assert (piece.culture.code, piece.period.code, piece.case.code) == (
        "olmeca", "preclasico-medio", "CASE-2024-001"
    )  # fmt: skip
    assert [material.code for material in piece.materials.all()] == ["ceramica"]
    assert not piece.live and piece.workflow_in_progress
    assert page.context.request.get(f"{base}/es/catalogo/REP-2024-000001/").status == 404

    page.context.clear_cookies()
    admin_log_in(page, base, "moderador")
    for obj in (RecoveryCase.objects.get(code="CASE-2024-001"), piece):
        model = obj._meta.model_name
        page.goto(f"{base}/admin/snippets/heritage/{model}/edit/{obj.pk}/")
        open_editor_menu(page)
        page.get_by_role("button", name=labels["approve"]).click()
        dialog = page.locator("[data-workflow-action-dialog], .w-dialog").last
        if dialog.is_visible():
            dialog.get_by_role("button", name=labels["approve"]).click()
        expect(page.locator(".messages")).to_contain_text(str(obj).split(" — ")[0])
        obj.refresh_from_db()
        assert obj.live and not obj.workflow_in_progress

    page.goto(f"{base}/es/catalogo/REP-2024-000001/")
    expect(page.locator("h1")).to_have_text("Vasija trípode")
    expect(page.locator(".timeline-event")).to_have_count(2)
    page.goto(f"{base}/en/catalog/REP-2024-000001/")
    expect(page.locator("h1")).to_have_text("Tripod vessel")

    # Restricted with a reason: off the public site at once.
    reason = "Reclamada por la comunidad de origen"
    page.goto(f"{base}/admin/snippets/heritage/piece/edit/{piece.pk}/")
    page.check("#id_restricted")
    page.fill("#id_restriction_reason", reason)
    publish(page, "REP-2024-000001")
    piece.refresh_from_db()
    assert piece.restricted and piece.restriction_reason == reason
    assert page.context.request.get(f"{base}/es/catalogo/REP-2024-000001/").status == 404

    # The history compares the restriction with the version before it, and reverts to that one.
    page.goto(f"{base}/admin/snippets/heritage/piece/history/{piece.pk}/")
    page.locator("table.listing tbody tr").first.locator("[data-w-dropdown-target=toggle]").click()
    page.locator("table.listing tbody tr").first.locator("a[href*='/compare/']").first.click()
    expect(page.locator("main")).to_contain_text(reason)
    page.goto(f"{base}/admin/snippets/heritage/piece/history/{piece.pk}/")
    # Row menus are drawn when opened: open each in turn, newest first, until one offers a revert.
    rows = page.locator("table.listing tbody tr")
    for index in range(rows.count()):
        rows.nth(index).locator("[data-w-dropdown-target=toggle]").click()
        revert = rows.nth(index).locator("a[href*='/revert/']")
        if revert.count():
            revert.click()
            break
        page.keyboard.press("Escape")
    expect(page.locator("#id_restricted")).not_to_be_checked()
    publish(page, "REP-2024-000001")
    piece.refresh_from_db()
    assert not piece.restricted
    assert page.context.request.get(f"{base}/es/catalogo/REP-2024-000001/").status == 200


@pytest.mark.parametrize("admin_language", ["es"])
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
