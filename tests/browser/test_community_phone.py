"""In a real browser at phone size (390 px): a community member switches to English, filters
the programs by city and language, opens a program, downloads a session's .ics, answers the open
consultation; then a program coordinator sees the answer in the admin."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from icalendar import Calendar
from playwright.sync_api import Page, expect
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import GroupPagePermission

from culture.models import ConsultationPage, ProgramIndexPage
from tests.browser.helpers import PASSWORD, admin_log_in
from tests.utils import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def community_site():

    from culture import demo

    # The flush before this test gave content types new ids; the process still remembers an
    # earlier test's, in Django's cache and in Wagtail's `get_form_types` (an lru_cache).
    ContentType.objects.clear_cache()
    get_form_types.cache_clear()
    build_site()
    demo.load(stdout=io.StringIO())
    coordinators = Group.objects.create(name="Coordinación de programas")
    coordinators.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=coordinators, page=ProgramIndexPage.objects.get(),
            permission=Permission.objects.get(codename=codename),
        )  # fmt: skip
    user = User.objects.create_user("coordinadora", password=PASSWORD)
    user.groups.add(coordinators)


@pytest.fixture
def browser_context_args(browser_context_args):
    # A phone: 390 px wide, touch, asking for Spanish first.
    return {**browser_context_args, "viewport": {"width": 390, "height": 844},
            "is_mobile": True, "has_touch": True, "locale": "es-MX"}  # fmt: skip


def test_a_phone_finds_a_program_saves_a_session_and_answers(
    live_server, page: Page, community_site, tmp_path
):
    base = live_server.url
    page.goto(f"{base}/es/programas/")
    expect(page.locator("h1")).to_have_text("Programas para la comunidad")
    page.click(".lang-switch a[hreflang=en]")
    expect(page).to_have_url(f"{base}/en/programs/")
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.click(".filter-panel > summary")  # on a phone the filters wait in their panel
    page.fill("#id_city", "Chicago")
    page.click("summary:has-text('Language')")
    page.check("input[name=language][value=nah]")
    page.click("button:has-text('Apply')")
    expect(page).to_have_url(re.compile(r"/en/programs/\?.*city=Chicago.*language=nah"))
    titles = page.locator("a.program-title")
    expect(titles).to_have_count(1)
    expect(titles.first).to_have_text("Nahuatl classes for families")

    titles.first.click()
    expect(page.locator("h1")).to_have_text("Nahuatl classes for families")
    with page.expect_download() as download_info:
        page.locator("a:has-text('Add to calendar (.ics)')").first.click()
    saved = tmp_path / "session.ics"
    download_info.value.save_as(saved)
    events = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Nahuatl classes for families"]
    assert "RRULE" in events[0] and "EXDATE" in events[0]

    page.goto(f"{base}/en/programs/")
    page.click("a:has-text('Consultation: which programs')")
    expect(page.locator("#privacy-heading")).to_have_text("Privacy notice")
    page.fill("input[name=ciudad_donde_vive]", "Joliet")
    page.check("input[name=programas_que_le_interesan][value='Lenguas indígenas']")
    page.check("#id_privacy_consent")
    page.click("button:has-text('Send my answers')")
    expect(page.locator("main")).to_contain_text("Thank you! We will publish a summary")

    consultation = ConsultationPage.objects.get()
    admin_log_in(page, base, "coordinadora")
    page.goto(f"{base}/admin/forms/")
    page.click(f"a[href='/admin/forms/submissions/{consultation.pk}/']")
    expect(page.locator("table.listing")).to_contain_text("Joliet")
    expect(page.locator("table.listing")).to_contain_text("Lenguas indígenas")
