"""Uploads of recordings and captions are checked by their content and size, not their name."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from stories.demo import captions_vtt, tone_wav
from stories.models import StoryMedia

pytestmark = pytest.mark.django_db


def _recording(content: bytes, name: str = "voz.wav", **fields) -> StoryMedia:
    return StoryMedia(title="Voz", type="audio", file=SimpleUploadedFile(name, content), **fields)


def _errors(media: StoryMedia) -> dict:
    try:
        media.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_a_real_recording_is_accepted_and_its_duration_read():
    media = _recording(tone_wav(seconds=0.5))
    assert _errors(media) == {}
    assert media.duration == 0.5


def test_a_file_named_like_audio_but_holding_something_else_is_refused():
    assert "file" in _errors(_recording(b"<html>not a sound</html>" * 10))
    assert "file" in _errors(_recording(b"%PDF-1.7\n" + b"0" * 200, name="voz.mp3"))


def test_a_video_must_hold_video():
    media = StoryMedia(title="V", type="video", file=SimpleUploadedFile("v.mp4", tone_wav()))
    assert "file" in _errors(media)


def test_a_recording_over_the_size_limit_is_refused(settings):
    settings.STORIES_MEDIA_MAX_UPLOAD_SIZE = 1000
    assert "1000" in " ".join(_errors(_recording(tone_wav(seconds=0.5)))["file"])  # the limit


def test_captions_must_be_webvtt():
    srt = b"1\n00:00:00,000 --> 00:00:01,000\nHola\n"
    media = _recording(tone_wav(seconds=0.1), captions_es=SimpleUploadedFile("c.vtt", srt))
    assert "captions_es" in _errors(media)
    good = _recording(tone_wav(seconds=0.1), captions_en=SimpleUploadedFile(
        "c.vtt", captions_vtt(["Hello"], seconds=1)))  # fmt: skip
    assert _errors(good) == {}


def test_the_admin_refuses_a_disguised_upload_and_takes_a_real_one(client, curator):
    url = reverse("wagtailmedia:add", args=["audio"])
    fake = {"title": "Falsa", "file": SimpleUploadedFile("falsa.wav", b"MZ" + b"\0" * 300),
            "collection": 1}  # fmt: skip
    assert client.post(url, fake).status_code == 200
    assert not StoryMedia.objects.filter(title="Falsa").exists()

    real = {"title": "Real", "file": SimpleUploadedFile("real.wav", tone_wav(seconds=0.2)),
            "captions_es": SimpleUploadedFile("real.vtt", captions_vtt(["Hola"], seconds=1)),
            "collection": 1}  # fmt: skip
    response = client.post(url, real)
    assert response.status_code == 302, response.content.decode()[:3000]
    media = StoryMedia.objects.get(title="Real")
    assert media.duration == 0.2 and media.captions_es


FILES = Path(__file__).parent / "files"  # 1.5 s tones, each a few KB, made with PyAV (ffmpeg)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("tono.mp3", "audio"), ("tono.ogg", "audio"), ("tono.m4a", "audio"), ("tono.flac", "audio"),
     ("clip.mp4", "video")],
)  # fmt: skip
def test_the_duration_of_every_container_mutagen_reads_is_read(name, kind):
    media = StoryMedia(title="Voz", type=kind,
                       file=SimpleUploadedFile(name, (FILES / name).read_bytes()))  # fmt: skip
    assert _errors(media) == {}
    assert media.duration == pytest.approx(1.5, abs=0.1)  # encoders pad a few milliseconds


def test_a_recording_whose_duration_cannot_be_read_asks_the_editor_for_it(client, curator):
    url = reverse("wagtailmedia:add", args=["audio"])
    webm = SimpleUploadedFile("voz.webm", (FILES / "tono.webm").read_bytes())
    response = client.post(url, {"title": "WebM", "file": webm, "collection": 1})

    assert response.status_code == 200  # the form again, with what to do
    assert "no dice cuánto dura: escríbala en segundos" in response.content.decode()
    webm.seek(0)
    response = client.post(url, {"title": "WebM", "file": webm, "collection": 1,
                                 "duration": "1.5"})  # fmt: skip
    assert response.status_code == 302
    assert StoryMedia.objects.get(title="WebM").duration == 1.5
