"""Builders for the stories' tests: an index, recordings with captions, stories with consent."""

from django.core.files.base import ContentFile
from django.utils import timezone

from stories.demo import captions_vtt, tone_wav


def make_stories_index(home):
    from stories.models import StoryIndexPage

    page = StoryIndexPage(
        title_es="Historias", title_en="Stories", title_nah="Nemiliztlahtolli",
        slug_es="historias", slug_en="stories", slug_nah="nemiliztlahtolli",
    )  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_recording(title: str = "Grabación", *, captions: dict | None = None, **transcripts):
    """An audio recording (a short tone), captions {lang: [lines]} and transcript_<lang>=text."""
    from stories.models import StoryMedia

    media = StoryMedia(title=title, type="audio", duration=1, **transcripts)
    media.file.save("voz.wav", ContentFile(tone_wav(seconds=0.05)), save=False)
    for lang, lines in (captions or {}).items():
        getattr(media, f"captions_{lang}").save(
            f"voz-{lang}.vtt", ContentFile(captions_vtt(lines, seconds=1)), save=False
        )
    media.save()
    return media


def make_story(index, slug: str, *, consent: bool = True, publish: bool = True, recording=None,
               pieces=(), cultures=(), programs=(), **fields):  # fmt: skip
    """A story under `index` (its body: a paragraph and, given one, the recording), with a
    consent for the public web unless told, published unless told."""
    from stories.models import StoryConsent, StoryPage

    body = [("paragraph", f"<p>Texto de {slug}.</p>")]
    if recording is not None:
        body.append(("audio", {"media": recording, "heading": ""}))
    values = {"title_es": f"Historia {slug}", "slug_es": slug, "body_es": body,
              "teaser_es": f"Resumen de {slug}."}  # fmt: skip
    values.update(fields)
    story = StoryPage(live=False, **values)
    index.add_child(instance=story)
    story.related_pieces.set(pieces)
    story.cultures.set(cultures)
    story.related_programs.set(programs)
    story.save()
    if consent:
        StoryConsent.objects.create(story=story, given_by="Persona de prueba",
                                    given_on=timezone.localdate())  # fmt: skip
    if publish:
        story.save_revision().publish()
    story.refresh_from_db()
    return story
