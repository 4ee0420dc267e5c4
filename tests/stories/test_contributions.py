"""Stories the public shares (issue 18, item 4): the form, the draft in moderation, the private
files, the Community editors who publish it, and the withdrawal by reference."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from stories.contributions import COMMUNITY_EDITORS, TASK_NAME
from stories.demo import tone_wav
from stories.models import StoryConsent, StoryContribution, StoryPage

pytestmark = pytest.mark.django_db

SHARE = "/es/comparte-tu-historia/"
WITHDRAW = "/es/retira-tu-historia/"


@pytest.fixture
def index(stories_index):
    return stories_index


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (200, 120, 40)).save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def _form(**fields) -> dict:
    from culture.models import ProgramLanguage

    language = ProgramLanguage.objects.get_or_create(code="nah", defaults={"label": "Náhuatl"})[0]
    data = {
        "title": "La panadería de mi abuela",
        "text": "Mi abuela llegó a Chicago en 1962.\n\nAbrió una panadería en Pilsen.",
        "name": "Lupe R.",
        "community": "Pilsen",
        "generation": "second",
        "city": "Chicago",
        "state": "IL",
        "languages": [language.pk],
        "email": "lupe@example.org",
        "privacy_consent": "on",
        "website_url": "",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def _share(client, **fields):
    return client.post(SHARE, _form(**fields))


def _reference(response) -> str:
    import re

    found = re.search(r'class="reference">([^<]+)<', response.content.decode())
    assert found, "no reference on the thank-you page"
    return found.group(1)


def test_a_shared_story_is_a_draft_in_moderation_with_private_files(client, index):
    recording = SimpleUploadedFile("voz.mp3", tone_wav(seconds=0.05), content_type="audio/mpeg")
    response = _share(client, recording=recording, photo=_photo(),
                      photo_description="La panadería en 1970")  # fmt: skip

    assert response.status_code == 200
    reference = _reference(response)
    assert reference.startswith("HC-") and len(reference) == 22
    story = StoryPage.objects.child_of(index).get()
    assert not story.live
    assert story.title_es == "La panadería de mi abuela"
    assert [person.name for person in story.people.all()] == ["Lupe R."]
    assert [str(place) for place in story.places.all()] == ["Chicago, IL"]
    assert [language.code for language in story.languages.all()] == ["nah"]
    consent = StoryConsent.objects.get(story=story)
    assert consent.given_by == "Lupe R." and consent.withdrawn_on is None
    contribution = StoryContribution.objects.get(story=story)
    assert contribution.reference_digest != reference and reference not in str(
        StoryContribution.objects.values().get()
    )
    state = story.current_workflow_state
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == TASK_NAME
    # Nothing sent is public before an editor publishes it.
    assert client.get(story.url).status_code == 404
    assert client.get(f"/media/{contribution.recording.file.name}").status_code == 404
    assert client.get(f"/media/{contribution.photo.file.name}").status_code == 404


def test_consent_is_required(client, index):
    response = _share(client, privacy_consent=None)

    assert response.status_code == 400
    assert 'id="err_privacy_consent"' in response.content.decode()
    assert not StoryPage.objects.exists()


def test_a_filled_honeypot_is_thanked_and_dropped(client, index):
    response = _share(client, website_url="http://spam.example")

    assert response.status_code == 200
    assert _reference(response)
    assert not StoryPage.objects.exists() and not StoryContribution.objects.exists()


def test_too_many_stories_from_one_client_are_refused(client, index, settings):
    settings.STORIES_CONTRIBUTION_RATE_LIMIT = (1, 3600)

    assert _share(client).status_code == 200
    refused = _share(client, title="Otra historia")

    assert refused.status_code == 429
    assert StoryPage.objects.count() == 1


def test_a_recording_is_checked_by_its_content(client, index):
    fake = SimpleUploadedFile("voz.mp3", b"<html>not audio</html>", content_type="audio/mpeg")
    response = _share(client, recording=fake)

    assert response.status_code == 400
    assert "not an audio recording" in response.content.decode() or 'id="err_recording"' in (
        response.content.decode()
    )
    assert not StoryPage.objects.exists()


def test_the_form_speaks_the_readers_language(client, index):
    response = client.get("/en/share-your-story/")

    assert response.status_code == 200
    assert "Share your story" in response.content.decode()
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_a_community_editor_approves_and_the_story_and_files_go_public(
    client, index, django_user_model
):
    recording = SimpleUploadedFile("voz.wav", tone_wav(seconds=0.05), content_type="audio/wav")
    _share(client, recording=recording, photo=_photo(), photo_description="La panadería")
    story = StoryPage.objects.child_of(index).get()
    contribution = StoryContribution.objects.get(story=story)
    editor = django_user_model.objects.create_user("editora", password="x")
    editor.groups.add(Group.objects.get(name=COMMUNITY_EDITORS))
    assert story.permissions_for_user(editor).can_publish()
    task_state = story.current_workflow_state.current_task_state

    client.force_login(editor)
    response = client.post(
        f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    client.logout()

    assert response.status_code in (200, 302)
    story.refresh_from_db()
    assert story.live
    assert client.get("/es/historias/" + story.slug_es + "/").status_code == 200
    assert client.get(f"/media/{contribution.recording.file.name}").status_code == 200
    assert client.get(f"/media/{contribution.photo.file.name}").status_code == 200


def test_the_reference_withdraws_the_story_at_once(client, index, django_user_model):
    reference = _reference(_share(client))
    story = StoryPage.objects.child_of(index).get()
    story.save_revision().publish()  # published by an editor
    assert client.get(story.url).status_code == 200

    wrong = client.post(WITHDRAW, {"reference": "HC-AAAA-BBBB-CCCC-DDDD"})
    assert wrong.status_code == 400
    assert StoryPage.objects.get(pk=story.pk).live

    done = client.post(WITHDRAW, {"reference": reference.lower().replace("-", " ")})

    assert done.status_code == 200
    story.refresh_from_db()
    assert not story.live
    assert StoryConsent.objects.get(story=story).withdrawn_on is not None
    assert StoryContribution.objects.get(story=story).withdrawal_requested_at is not None
    assert client.get("/es/historias/" + story.slug_es + "/").status_code == 404


def test_withdrawing_a_story_under_review_stops_its_moderation(client, index):
    reference = _reference(_share(client))
    story = StoryPage.objects.child_of(index).get()

    client.post("/en/withdraw-your-story/", {"reference": reference})

    story.refresh_from_db()
    assert story.current_workflow_state is None
    assert StoryConsent.objects.get(story=story).withdrawn_on is not None


def test_a_recording_that_does_not_say_its_duration_is_still_taken(client, index):
    from pathlib import Path

    webm = (Path(__file__).parent / "files" / "tono.webm").read_bytes()
    response = _share(client, recording=SimpleUploadedFile("voz.webm", webm, "audio/webm"))

    assert response.status_code == 200 and _reference(response)
    assert StoryContribution.objects.get().recording.duration == 0  # the editors enter it
