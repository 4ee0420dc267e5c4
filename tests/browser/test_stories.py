"""In a real browser at phone size (390 px): a visitor plays a story's audio with captions on,
reads its transcript in English and follows a link to a piece; a contributor shares a story
that a community editor approves (and so publishes) in Wagtail's admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import PASSWORD, admin_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 390, "height": 844},
            "is_mobile": True, "has_touch": True, "locale": "en-US"}  # fmt: skip


def test_a_visitor_plays_a_story_with_captions_reads_the_transcript_and_finds_the_piece(
    live_server, page: Page, demo_site
):
    base = live_server.url
    page.goto(f"{base}/en/stories/")
    page.click('a.story-title:has-text("My grandmother\'s milpa")')
    expect(page).to_have_url(f"{base}/en/stories/la-milpa-de-mi-abuela/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    player = page.locator("figure.recording").first
    captions = player.locator("button[data-action=captions]")
    expect(captions).to_have_attribute("aria-pressed", "true")  # captions on
    player.locator("button[data-action=play]").click()
    expect(player.locator("button[data-action=play]")).to_have_text("Pause")
    expect(player.locator("[data-captions]")).to_have_text(
        "My grandmother kept the seeds in a jar."
    )
    page.wait_for_function("document.querySelector('figure.recording audio').currentTime > 0")

    transcript = player.locator("section.transcript")
    expect(transcript.locator("div[lang=en]")).to_contain_text(
        "My grandmother kept the seeds in a jar."
    )
    page.locator(
        "section[aria-labelledby=story-pieces-heading] a[href*='/en/catalog/']"
    ).first.click()
    expect(page).to_have_url(re.compile(rf"{base}/en/catalog/[A-Z0-9-]+/$"))


def test_a_contributor_shares_a_story_that_a_community_editor_publishes(
    live_server, page: Page, browser, tmp_path, settings
):
    from django.contrib.auth.models import Group, User

    from stories.contributions import COMMUNITY_EDITORS, community_moderation_setup
    from tests.stories.factories import make_stories_index
    from tests.utils import build_site

    settings.MEDIA_ROOT = tmp_path
    make_stories_index(build_site())
    community_moderation_setup()  # the migration's set-up, after the flush
    editor = User.objects.create_user("editora", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=COMMUNITY_EDITORS))
    base = live_server.url

    page.goto(f"{base}/en/stories/")
    page.click("a.button:has-text('Share your story')")
    expect(page).to_have_url(f"{base}/en/share-your-story/")
    page.fill("#id_title", "Tamales on Sunday")
    page.fill("#id_text", "Every Sunday my family makes tamales in Little Village.")
    page.fill("#id_name", "Beto")
    page.fill("#id_city", "Chicago")
    page.check("#id_privacy_consent")
    page.click("button:has-text('Send my story')")
    expect(page.locator("h1")).to_have_text("Thank you for your story")
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"HC(-[A-Z2-9]{4}){4}", reference)
    page.goto(f"{base}/en/stories/")
    expect(page.locator("a.story-title")).to_have_count(0)  # a draft until reviewed

    editor_page = browser.new_page(viewport={"width": 390, "height": 844}, locale="en-US")
    admin_log_in(editor_page, base, "editora")
    story_id = _story_id()
    editor_page.goto(f"{base}/admin/pages/{story_id}/edit/")
    editor_page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).dispatch_event("click")
    expect(editor_page.locator(".messages")).to_contain_text("Tamales on Sunday")

    page.goto(f"{base}/en/stories/")
    page.click("a.story-title:has-text('Tamales on Sunday')")
    expect(page.locator("h1")).to_have_text("Tamales on Sunday")
    expect(page.locator("main")).to_contain_text("Little Village")


def _story_id() -> int:
    from stories.models import StoryPage

    return StoryPage.objects.get().pk
