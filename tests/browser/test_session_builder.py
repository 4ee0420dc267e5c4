"""In a real browser, in the admin's English and Spanish: an editor makes a session repeat every
Saturday, six times, through the recurrence builder, adds an exception date with the date
picker (and removes a second one), sees the next dates listed without the exception, publishes;
the session holds the rule and the date as the iCal feeds and the public calendar read them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import Page, expect
from wagtail.users.models import UserProfile

from culture.models import ProgramSession
from tests.browser.helpers import admin_log_in, curator
from tests.culture.factories import make_chicago_venue, make_program, make_programs_index, weekly
from tests.utils import build_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the admin says in each language: a weekday, the list's heading, the first date (as
# Chromium's Intl writes it), the date left out, a field's name and the word of a published page.
LANGUAGES = {
    "en": {"saturday": "Saturday", "heading": "Next dates", "skipped": "November 8",
           "first": "Saturday, October 25, 2031 at 6:00", "start": "Start",
           "published": "published"},
    "es": {"saturday": "sábado", "heading": "Próximas fechas", "skipped": "8 de noviembre",
           "first": "sábado, 25 de octubre de 2031, 18:00", "start": "Inicio",
           "published": "publicad"},
}  # fmt: skip


@pytest.fixture
def program():

    ContentType.objects.clear_cache()  # the flush before this test gave content types new ids
    start = datetime(2031, 10, 25, 18, tzinfo=ZoneInfo("America/Chicago"))
    session = weekly(make_chicago_venue(), start)
    return make_program(make_programs_index(build_site()), "cine", sessions=[session])


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_editor_builds_a_weekly_session_with_an_exception(
    live_server, page: Page, program, language
):
    says = LANGUAGES[language]
    user = curator()
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(
        preferred_language=language, current_time_zone="America/Chicago"
    )
    errors = []  # of our scripts (Stimulus reports a controller's errors on the console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error"
            and ("recurrence-builder" in message.text or "exception-dates" in message.text)
            else None)  # fmt: skip
    admin_log_in(page, live_server.url, "curadora")
    page.goto(f"{live_server.url}/admin/pages/{program.pk}/edit/")

    session = page.locator("#inline_child_sessions-0")
    builder = session.locator("[data-controller=recurrence-builder]")
    weekdays = builder.locator("[data-recurrence-builder-target=weeklyRow]")
    expect(weekdays).to_be_hidden()  # "does not repeat" needs no days
    builder.locator("select[name='sessions-0-recurrence_freq']").select_option("WEEKLY")
    weekdays.get_by_label(says["saturday"], exact=True).check()
    builder.locator("select[name='sessions-0-recurrence_ends']").select_option("count")
    builder.locator("input[name='sessions-0-recurrence_count']").fill("6")

    dates = session.locator("[data-controller=exception-dates]")
    dates.locator("input[type=date]").first.fill("2031-11-08")
    dates.locator("button[data-action='exception-dates#add']").click()
    expect(dates.locator("input[type=date]")).to_have_count(2)
    dates.locator("input[type=date]").nth(1).fill("2031-11-15")
    dates.locator("button[data-action='exception-dates#remove']").nth(1).click()
    expect(dates.locator("input[type=date]")).to_have_count(1)

    # The server's reading of the rule: five Saturdays at 18:00 in Chicago, 8 November skipped.
    expect(builder.get_by_role("heading", name=says["heading"])).to_be_visible()
    listed = builder.locator("[data-recurrence-builder-target=dates] li")
    expect(listed).to_have_count(5)
    expect(listed.first).to_contain_text(says["first"])
    expect(builder.locator("[data-recurrence-builder-target=dates]")).not_to_contain_text(
        says["skipped"]
    )
    expect(listed.nth(2)).to_contain_text("15")  # 1 November, then 15 November
    # Under "Advanced", the rule as text, as stored.
    builder.locator("summary").click()
    expect(builder.locator("input[name='sessions-0-recurrence_rule']")).to_have_value(
        "FREQ=WEEKLY;BYDAY=SA;COUNT=6"
    )

    # A session the inline panel adds gets its own builder, which asks for its start.
    page.click("#id_sessions-ADD")
    added = page.locator("#inline_child_sessions-1")
    added.locator("select[name='sessions-1-recurrence_freq']").select_option("MONTHLY")
    expect(added.locator("[data-recurrence-builder-target=monthlyRow]")).to_be_visible()
    expect(added.locator("[data-recurrence-builder-target=status]")).to_contain_text(says["start"])
    page.click("#id_sessions-1-DELETE-button")

    page.locator("footer [data-w-dropdown-target=toggle]").click()
    page.click("button[name=action-publish]")
    expect(page.locator(".messages")).to_contain_text(says["published"])
    stored = ProgramSession.objects.get(program=program)
    assert (stored.recurrence, stored.exceptions) == ("FREQ=WEEKLY;BYDAY=SA;COUNT=6", "2031-11-08")
    assert errors == []
