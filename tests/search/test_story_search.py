"""Stories in the site-wide search: a kind of their own, found by the words of their recordings'
transcripts in each language, public stories only, the same on every engine."""

import pytest

from search.engines import get_engine
from search.service import search_content
from stories.models import StoryPage
from tests.stories.factories import make_recording, make_stories_index, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(home, django_capture_on_commit_callbacks):
    from stories.services import consent_withdraw

    with django_capture_on_commit_callbacks(execute=True):
        index = make_stories_index(home)
        for slug, publish in (("panaderia", True), ("borrador", False), ("retirada", True)):
            recording = make_recording(
                transcript_es="Mi abuela horneaba conchas en su panadería de Pilsen.",
                transcript_en="My grandmother baked conchas in her Pilsen bakery.",
            )  # fmt: skip
            story = make_story(index, slug, recording=recording, publish=publish,
                               title_es=f"Historia {slug}", title_en=f"Story {slug}")  # fmt: skip
        consent_withdraw(consent=story.consent)


def _titles(outcome) -> list[str]:
    return sorted(StoryPage.objects.get(pk=pk).title_es for pk, _h in outcome.found)


def test_transcripts_find_public_stories_per_language_on_every_engine(engine, stories):
    get_engine("story").refresh()

    assert _titles(search_content("story", "panaderias", "es", 5)) == ["Historia panaderia"]
    assert _titles(search_content("story", "bakeries", "en", 5)) == ["Historia panaderia"]
    # Stories are their own kind: not among the pages.
    assert search_content("page", "panaderia", "es", 5).total == 0


def test_the_site_search_groups_stories(client, stories):
    html = client.get("/en/search/", {"q": "bakery"}).content.decode()

    assert 'id="group-story">Stories <span class="count">(1)</span>' in html
    assert "/en/stories/panaderia/" in html
    assert "borrador" not in html and "retirada" not in html


def test_editing_a_transcript_reindexes_its_story(engine, stories,
                                                  django_capture_on_commit_callbacks):  # fmt: skip
    from stories.models import StoryMedia

    media = StoryMedia.objects.order_by("pk").first()  # the public story's
    with django_capture_on_commit_callbacks(execute=True):
        media.transcript_es = "Mi abuelo tocaba la guitarra."
        media.save()
    get_engine("story").refresh()

    assert _titles(search_content("story", "guitarra", "es", 5)) == ["Historia panaderia"]
