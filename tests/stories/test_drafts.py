"""What an editor adds to a published story in a draft stays private until the draft is
published: the images (cover, body) and recordings a draft holds answer 404 at every file URL —
the original, a rendition and a rendition nobody made (a guessed name) — and again once the
story's consent is withdrawn."""

import pytest

from stories.services import consent_withdraw
from tests.stories.factories import make_recording, make_story
from tests.utils import make_image

pytestmark = pytest.mark.django_db


def _image_urls(image) -> list[str]:
    rendition = image.get_rendition("fill-320x320")  # what an editor's preview makes
    stem = rendition.file.name.rsplit(".", 2)[0]
    return [f"/media/{image.file.name}", f"/media/{rendition.file.name}",
            f"/media/{stem}.width-10.png"]  # fmt: skip


def _status(client, urls: dict[str, list[str]]) -> dict[str, list[int]]:
    return {name: [client.get(url).status_code for url in paths] for name, paths in urls.items()}


def test_files_a_draft_adds_to_a_published_story_stay_private_until_it_is_published(
    client, stories_index
):
    story = make_story(stories_index, "borrador")
    cover, inside = make_image("Portada del borrador"), make_image("Foto del borrador")
    recording = make_recording("Voz del borrador", captions={"es": ["Hola"]})
    draft = story.get_latest_revision_as_object()
    draft.cover = cover
    draft.body_es = [
        *[(block.block_type, block.value) for block in story.body_es],
        ("image", {"image": inside, "alt_text": "Foto", "caption": "", "credit": ""}),
        ("audio", {"media": recording, "heading": ""}),
    ]
    revision = draft.save_revision()
    urls = {"cover": _image_urls(cover), "body image": _image_urls(inside),
            "recording": [recording.file.url, recording.captions_es.url]}  # fmt: skip

    assert _status(client, urls) == {
        "cover": [404, 404, 404], "body image": [404, 404, 404], "recording": [404, 404],
    }  # fmt: skip

    revision.publish()

    assert _status(client, urls) == {
        "cover": [200, 200, 404], "body image": [200, 200, 404], "recording": [200, 200],
    }  # fmt: skip

    story.refresh_from_db()
    consent_withdraw(consent=story.consent)

    assert _status(client, urls) == {
        "cover": [404, 404, 404], "body image": [404, 404, 404], "recording": [404, 404],
    }  # fmt: skip
