"""Consent: only a story consented for the public web is public; a withdrawal unpublishes it at
once, whatever door records it, and its page, recording and captions leave every channel."""

import pytest
from django.urls import reverse

from stories.models import StoryConsent, StoryPage
from stories.services import consent_withdraw
from tests.stories.factories import make_recording, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(stories_index):
    recording = make_recording(captions={"es": ["Hola"]}, transcript_es="Palabras de Rosa ZW.")
    return make_story(stories_index, "rosa", title_es="Historia de Rosa ZW", recording=recording)


def _files(story) -> list[str]:
    media = story.body_es[1].value["media"]
    return [media.file.url, media.captions_es.url]


def _public_everywhere(client) -> dict[str, bool]:
    return {
        "page": "Palabras de Rosa ZW" in client.get("/es/historias/rosa/").content.decode(),
        "index": "Historia de Rosa ZW" in client.get("/es/historias/").content.decode(),
        "sitemap": "/es/historias/rosa/" in client.get("/sitemap-pages.xml").content.decode(),
    }


def test_a_withdrawal_unpublishes_the_story_and_its_files(client, story):
    files = _files(story)
    assert _public_everywhere(client) == {"page": True, "index": True, "sitemap": True}
    assert [client.get(url).status_code for url in files] == [200, 200]

    consent_withdraw(consent=story.consent)

    assert StoryPage.objects.get(pk=story.pk).live is False
    assert _public_everywhere(client) == {"page": False, "index": False, "sitemap": False}
    assert client.get("/es/historias/rosa/").status_code == 404
    assert [client.get(url).status_code for url in files] == [404, 404]


def test_a_withdrawal_recorded_in_the_admin_unpublishes_at_once(client, curator, story):
    url = reverse("wagtailsnippets_stories_storyconsent:edit", args=[story.consent.pk])
    response = client.post(url, {"story": story.pk, "given_by": "Rosa", "given_on": "2026-01-05",
                                 "scope": "public-web", "withdrawn_on": "2026-12-01",
                                 "notes": ""})  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StoryPage.objects.get(pk=story.pk).live is False


def test_a_narrowed_scope_unpublishes_too(story):
    story.consent.scope = "education"
    story.consent.save()
    assert StoryPage.objects.get(pk=story.pk).live is False


def test_pages_and_files_follow_consent_even_when_a_write_skipped_the_signals(client, story):
    files = _files(story)
    StoryConsent.objects.filter(pk=story.consent.pk).update(withdrawn_on="2026-12-01")

    assert StoryPage.objects.get(pk=story.pk).live  # nothing unpublished it…
    assert client.get("/es/historias/rosa/").status_code == 404  # …yet nothing shows it
    assert [client.get(url).status_code for url in files] == [404, 404]
    found = _public_everywhere(client)
    assert (found["page"], found["index"]) == (False, False)


def test_a_story_without_consent_is_not_published(stories_index):
    story = make_story(stories_index, "sin-consentimiento", consent=False)
    assert story.live is False  # published, then taken back at once (stories.signals)


def test_the_editor_publishing_without_consent_gets_a_draft_and_a_message(
    client, curator, stories_index
):
    from tests.utils import admin_form_data

    story = make_story(stories_index, "pendiente", consent=False, publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[story.pk])
    data = {**admin_form_data(client.get(url)), "action-publish": "action-publish"}

    response = client.post(url, data, follow=True)

    story.refresh_from_db()
    assert story.live is False
    assert story.has_unpublished_changes
    assert "registre un consentimiento para la web pública" in response.content.decode()


def test_a_storys_images_are_served_only_while_the_story_is_public(client, stories_index):
    """A story's cover and the images of its body follow the story: served while it is public,
    404 once its consent is withdrawn; an image a public page also shows stays served."""
    from tests.utils import make_image

    cover, inside, shared = make_image("Portada"), make_image("En el texto"), make_image("Ambas")
    story = make_story(stories_index, "lupe", cover=cover, body_es=[
        ("image", {"image": inside, "alt_text": "Foto", "caption": "", "credit": ""}),
        ("image", {"image": shared, "alt_text": "Foto", "caption": "", "credit": ""}),
    ])  # fmt: skip
    make_story(stories_index, "otra", cover=shared)
    urls = {image.title: image.file.url for image in (cover, inside, shared)}
    urls["Portada (rendition)"] = cover.get_rendition("fill-320x320").url
    assert {name: client.get(url).status_code for name, url in urls.items()} == dict.fromkeys(
        urls, 200
    )

    consent_withdraw(consent=story.consent)

    assert {name: client.get(url).status_code for name, url in urls.items()} == {
        "Portada": 404, "En el texto": 404, "Portada (rendition)": 404, "Ambas": 200,
    }  # fmt: skip
