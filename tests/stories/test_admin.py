"""The stories' admin opens: the story editor, consent records, themes and the recordings'
library (wagtailmedia with our model: transcript and captions per language)."""

import pytest
from django.urls import reverse

from tests.stories.factories import make_story

pytestmark = pytest.mark.django_db


def test_the_stories_admin_opens(client, curator, stories_index):
    story = make_story(stories_index, "admin")
    pages = [
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", stories_index.pk]),
        reverse("wagtailadmin_pages:edit", args=[story.pk]),
        reverse("wagtailsnippets_stories_storyconsent:list"),
        reverse("wagtailsnippets_stories_storyconsent:edit", args=[story.consent.pk]),
        reverse("wagtailsnippets_stories_storytheme:list"),
        reverse("wagtailmedia:add", args=["audio"]),
        reverse("wagtailmedia:index"),
    ]
    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)
    editor = client.get(pages[1]).content.decode()
    assert "captions_es" in client.get(pages[5]).content.decode()
    assert 'name="places-TOTAL_FORMS"' in editor and 'name="people-TOTAL_FORMS"' in editor


def test_the_editor_links_published_programs_only(client, curator, stories_index):
    from tests.culture.factories import make_program, make_programs_index

    programs = make_programs_index(stories_index.get_parent().specific)
    make_program(programs, "publicado", title_es="Programa publicado ST")
    make_program(programs, "borrador", title_es="Programa borrador ST", publish=False)
    url = reverse("wagtailadmin_pages:add", args=["stories", "storypage", stories_index.pk])

    editor = client.get(url).content.decode()
    assert "Programa publicado ST" in editor
    assert "Programa borrador ST" not in editor
