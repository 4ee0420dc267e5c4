"""Illustrative stories for the demo site: invented people (pseudonyms), a generated tone for
"audio" (no real voice) and a Pillow-drawn cover; every story, recording and consent says it is
illustrative. Idempotent: a story that exists (by its Spanish slug) is left as it is."""

import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from core.demo import NAH_MARK, add_menu_link
from culture.models import ProgramLanguage, ProgramPage
from heritage.models import Piece
from stories.choices import ConsentScope, Generation, Licence
from stories.models import (
    StoryConsent,
    StoryIndexPage,
    StoryMedia,
    StoryPage,
    StoryPerson,
    StoryPlace,
    StoryTheme,
)

COVER_TITLE = "Historias — portada de demostración (ilustrativa)"
TONE_SECONDS = 4


def tone_wav(*, seconds: float = TONE_SECONDS, frequency: float = 440.0, rate: int = 8000) -> bytes:
    """A plain sine tone as a WAV file: demo "audio" with no voice in it."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        frames = b"".join(
            struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * n / rate)))
            for n in range(int(seconds * rate))
        )
        sound.writeframes(frames)
    return buffer.getvalue()


def captions_vtt(lines: list[str], *, seconds: int = TONE_SECONDS) -> bytes:
    """WebVTT captions spreading `lines` over the recording."""
    step = seconds / len(lines)
    cues = []
    for index, line in enumerate(lines):
        start, end = index * step, (index + 1) * step
        cues.append(f"{_stamp(start)} --> {_stamp(end)}\n{line}\n")
    return ("WEBVTT\n\n" + "\n".join(cues)).encode()


def _stamp(seconds: float) -> str:
    millis = int(round(seconds * 1000))
    return f"00:{millis // 60000:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def _cover():
    image_model = get_image_model()
    existing = image_model.objects.filter(title=COVER_TITLE).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (1200, 675), "#1f4e5f")
    draw = ImageDraw.Draw(canvas)
    for ring in range(6):  # concentric circles: voices spreading out
        margin = 120 + ring * 45
        draw.ellipse([margin + 240, margin - 60, 1200 - margin - 240, 735 - margin],
                     outline=(230, 200 - ring * 20, 120), width=6)  # fmt: skip
    draw.text((40, 40), "Voces · ilustrativo / illustrative", fill="#fbfaf7")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    file = ImageFile(buffer, name="historias-demo.png")
    return image_model.objects.create(title=COVER_TITLE, file=file)


STORIES = [
    {
        "slug": "la-milpa-de-mi-abuela",
        "title_es": "La milpa de mi abuela",
        "title_en": "My grandmother's milpa",
        "teaser_es": (
            "Historia ilustrativa: una familia de Michoacán siembra maíz en un patio de Chicago."
        ),
        "teaser_en": (
            "Illustrative story: a family from Michoacán grows corn in a Chicago backyard."
        ),
        "text_es": (
            "<p>Cuando llegamos a Chicago, mi abuela guardó semillas de maíz azul en un frasco. "
            "Cada primavera las sembramos en el patio.</p>"
        ),
        "text_en": (
            "<p>When we arrived in Chicago, my grandmother kept blue corn seeds in a jar. "
            "Every spring we plant them in the backyard.</p>"
        ),
        "themes": ["food", "family", "migration"],
        "languages": ["es", "en"],
        "person": ("Rosa M. (seudónimo)", "Pilsen", Generation.FIRST, "Chicago, IL"),
        "place": ("Chicago", "IL", "US", 41.857, -87.6565),
        "licence": Licence.CC_BY,
        "recording": {
            "title": "La milpa de mi abuela — tono de demostración (ilustrativo)",
            "transcript_es": (
                "Mi abuela guardaba las semillas en un frasco.\nCada primavera sembramos el maíz "
                "azul."
            ),
            "transcript_en": (
                "My grandmother kept the seeds in a jar.\nEvery spring we plant the blue corn."
            ),
            "captions_es": [
                "Mi abuela guardaba las semillas en un frasco.",
                "Cada primavera sembramos el maíz azul.",
            ],
            "captions_en": [
                "My grandmother kept the seeds in a jar.",
                "Every spring we plant the blue corn.",
            ],
        },
        "pieces": 1,
        "program": None,
    },
    {
        "slug": "cruzar-con-la-lengua",
        "title_es": "Cruzar con la lengua",
        "title_en": "Crossing with the language",
        "teaser_es": (
            "Historia ilustrativa: un maestro de náhuatl en Los Ángeles enseña a sus nietos."
        ),
        "teaser_en": (
            "Illustrative story: a Nahuatl teacher in Los Angeles teaches his grandchildren."
        ),
        "text_es": (
            "<p>En casa hablábamos náhuatl y en la escuela español. Aquí mis nietos aprenden los "
            "dos además del inglés.</p>"
        ),
        "text_en": (
            "<p>At home we spoke Nahuatl, and Spanish at school. Here my grandchildren learn "
            "both, and English too.</p>"
        ),
        "themes": ["language", "migration", "family"],
        "languages": ["nah", "es", "en"],
        "person": (
            "Don Tomás (seudónimo)",
            "Comunidad nahua de la Huasteca",
            Generation.FIRST,
            "Los Ángeles, CA",
        ),
        "place": ("Los Angeles", "CA", "US", 34.0522, -118.2437),
        "licence": Licence.CC_BY_NC,
        "recording": {
            "title": "Cruzar con la lengua — tono de demostración (ilustrativo)",
            "transcript_es": "En casa hablábamos náhuatl.\nMis nietos aprenden las dos lenguas.",
            "transcript_en": "At home we spoke Nahuatl.\nMy grandchildren learn both languages.",
            "transcript_nah": (
                "Nochan otitlahtoayah nahuatlahtolli.\nNoixhuihuan quimachtiah ome tlahtolli."
            )
            + NAH_MARK,
            "captions_es": ["En casa hablábamos náhuatl.", "Mis nietos aprenden las dos lenguas."],
            "captions_nah": [
                "Nochan otitlahtoayah nahuatlahtolli.",
                "Noixhuihuan quimachtiah ome tlahtolli.",
            ],
        },
        "pieces": 0,
        "program": "clases-de-nahuatl",
    },
    {
        "slug": "futbol-los-domingos",
        "title_es": "Fútbol los domingos",
        "title_en": "Sunday football",
        "teaser_es": (
            "Historia ilustrativa: una liga de barrio en Houston que reúne a tres generaciones."
        ),
        "teaser_en": (
            "Illustrative story: a neighbourhood league in Houston that brings three generations "
            "together."
        ),
        "text_es": (
            "<p>Mi papá fundó el equipo en 1994. Hoy juego yo y los domingos vienen mis hijas.</p>"
        ),
        "text_en": (
            "<p>My father founded the team in 1994. Now I play, and my daughters come on "
            "Sundays.</p>"
        ),
        "quote_es": "El campo es donde nos volvemos a encontrar.",
        "quote_en": "The pitch is where we find each other again.",
        "themes": ["sport", "family"],
        "languages": ["es", "en"],
        "person": ("Ana L. (seudónimo)", "Segundo Barrio", Generation.SECOND, "Houston, TX"),
        "place": ("Houston", "TX", "US", 29.7604, -95.3698),
        "licence": Licence.ALL_RIGHTS_RESERVED,
        "recording": None,
        "pieces": 0,
        "program": None,
    },
    {
        "slug": "murales-del-barrio",
        "title_es": "Murales del barrio",
        "title_en": "Neighbourhood murals",
        "teaser_es": (
            "Historia ilustrativa: jóvenes de San Antonio pintan la memoria de sus abuelos."
        ),
        "teaser_en": (
            "Illustrative story: young people in San Antonio paint their grandparents' memory."
        ),
        "text_es": (
            "<p>Pintamos la pared de la lavandería con las figuras que vimos en el museo.</p>"
        ),
        "text_en": "<p>We painted the laundromat wall with the figures we saw at the museum.</p>",
        "themes": ["art", "activism"],
        "languages": ["es", "en"],
        "person": (
            "Colectivo Raíces (ilustrativo)",
            "Westside",
            Generation.LATER,
            "San Antonio, TX",
        ),
        "place": ("San Antonio", "TX", "US", 29.4241, -98.4936),
        "licence": Licence.CC_BY,
        "recording": None,
        "pieces": 2,
        "program": None,
    },
]


def _index(home) -> StoryIndexPage:
    existing = StoryIndexPage.objects.first()
    if existing:
        return existing
    page = StoryIndexPage(
        title_es="Voces de la comunidad", title_en="Community voices",
        title_nah="Tlahtolli in altepetl" + NAH_MARK,
        slug_es="historias", slug_en="stories", slug_nah="nemiliztlahtolli",
        intro_es="Historias y testimonios de comunidades mexicanas y mexicoamericanas. "
                 "Todas las historias de esta demostración son ilustrativas.",
        intro_en="Stories and oral histories of Mexican and Mexican-American communities. "
                 "Every story in this demo is illustrative.",
        is_illustrative=True,
    )  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    add_menu_link(page, sort_order=3, label_es="Historias", label_en="Stories",
                  label_nah="Nemiliztlahtolli")  # fmt: skip
    return page


def _recording(spec: dict) -> StoryMedia:
    media = StoryMedia(title=spec["title"], type="audio", duration=TONE_SECONDS,
                       is_illustrative=True)  # fmt: skip
    media.file.save("historia-ilustrativa.wav", ContentFile(tone_wav()), save=False)
    for key, value in spec.items():
        if key.startswith("transcript_"):
            setattr(media, key, value)
        elif key.startswith("captions_"):
            getattr(media, key).save(f"{key}.vtt", ContentFile(captions_vtt(value)), save=False)
    media.save()
    return media


def _body(spec: dict, lang: str, media, cover) -> list:
    blocks = [("paragraph", spec[f"text_{lang}"])]
    if media is not None:
        blocks.append(("audio", {"media": media, "heading": ""}))
    if spec.get(f"quote_{lang}"):
        blocks.append(("quote", {"text": spec[f"quote_{lang}"], "attribution": spec["person"][0]}))
    if spec["slug"] == "murales-del-barrio":
        alt = "Ilustración abstracta" if lang == "es" else "Abstract illustration"
        image = {"image": cover, "alt_text": alt, "caption": "", "credit": "Retorno (ilustrativo)"}
        blocks.append(("gallery", {"heading": "", "images": [image]}))
    return blocks


def _story(index, spec: dict, cover, pieces: list, terms: dict) -> bool:
    if StoryPage.objects.filter(slug_es=spec["slug"]).exists():
        return False
    media = _recording(spec["recording"]) if spec["recording"] else None
    story = StoryPage(
        title_es=spec["title_es"], title_en=spec["title_en"], slug_es=spec["slug"],
        teaser_es=spec["teaser_es"], teaser_en=spec["teaser_en"],
        body_es=_body(spec, "es", media, cover), body_en=_body(spec, "en", media, cover),
        cover=cover, cover_alt_es="Ilustración abstracta de círculos concéntricos",
        cover_alt_en="Abstract illustration of concentric circles",
        licence=spec["licence"], credit_line="Retorno — demostración (ilustrativa)",
        is_illustrative=True, live=False,
    )  # fmt: skip
    if spec["slug"] == "cruzar-con-la-lengua":
        story.title_nah = "Tlahtolli tlen panoa" + NAH_MARK
    index.add_child(instance=story)
    name, community, generation, place = spec["person"]
    StoryPerson.objects.create(page=story, name=name, community=community,
                               generation=generation, place=place)  # fmt: skip
    city, state, country, lat, lon = spec["place"]
    StoryPlace.objects.create(page=story, city=city, state=state, country=country,
                              latitude=lat, longitude=lon)  # fmt: skip
    story.themes.set([terms["themes"][code] for code in spec["themes"]])
    story.languages.set(
        [terms["languages"][c] for c in spec["languages"] if c in terms["languages"]]
    )
    linked = pieces[: spec["pieces"]]
    story.related_pieces.set(linked)
    story.cultures.set({piece.culture_id for piece in linked if piece.culture_id})
    if spec["program"]:
        story.related_programs.set(ProgramPage.objects.filter(slug_es=spec["program"]))
    story.save()
    StoryConsent.objects.create(
        story=story, given_by="Persona de demostración (ilustrativa)",
        given_on=timezone.localdate(), scope=ConsentScope.PUBLIC_WEB,
        notes="Consentimiento ilustrativo: la historia y la persona son inventadas.",
    )  # fmt: skip
    story.save_revision().publish()
    return True


def load(*, stdout) -> None:
    with transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        index = _index(home)
        cover = _cover()
        pieces = list(Piece.objects.filter(live=True, restricted=False, is_illustrative=True)
                      .order_by("pk")[:2])  # fmt: skip
        terms = {
            "themes": {term.code: term for term in StoryTheme.objects.all()},
            "languages": {term.code: term for term in ProgramLanguage.objects.all()},
        }
        created = sum(_story(index, spec, cover, pieces, terms) for spec in STORIES)
    stdout.write(f"stories: {created} new stories with recordings and captions (illustrative)")
