"""The leak suite: what must stay private never reaches a public channel.

Private here: a restricted piece, an unpublished draft piece, a hidden find-spot (site name and
coordinates of a published piece whose find-spot was never released), an unpublished recovery case,
an unpublished program, and a draft and a withdrawn story (with their transcripts). Each channel —
pages (the home page's sections among them), search, autocomplete, API, JSON-LD, exports, iCalendar
feeds, sitemaps, open-data dumps, OAI-PMH, IIIF manifests — is one line of CHANNELS; a new channel
is one more line (its paths, or a function of a folder that makes what the channel serves and
returns its paths). Image files — originals and renditions under /media/, IIIF info.json and images
— and stories' recordings and captions have their own tests below: they hold no text to look for.
Each test also checks the channel shows the public piece (or program), so a channel that
answers nothing at all cannot pass.
"""

import json
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.utils import make_case, make_image, make_piece

pytestmark = pytest.mark.django_db

PUBLIC = "Vasija visible ZQ"
PUBLIC_CASE = "Caso visible ZQ"
PRIVATE = {
    "restricted piece": "Vasija restringida ZQ",
    "draft piece": "Vasija borrador ZQ",
    "hidden find-spot (site)": "Sitio secreto ZQ",
    "hidden find-spot (latitude)": "19.43217",
    "draft case": "Caso borrador ZQ",
    "draft program": "Programa oculto ZQ",
    "draft story": "Historia borrador ZQ",
    "draft story (slug)": "historia-borrador-zq",
    "draft story's transcript": "Transcripción borrador ZQ",
    "withdrawn story": "Historia retirada ZQ",
    "withdrawn story (slug)": "historia-retirada-zq",
    "withdrawn story's transcript": "Transcripción retirada ZQ",
    "story shared, awaiting review": "Historia contribuida ZQ",
    "story shared, awaiting review (text)": "Texto contribuido ZQ",
    "story shared, awaiting review (slug)": "historia-contribuida-zq",
    "draft organization": "Organización oculta ZQ",
    "draft organization (its address)": "directorio/oculta",
    "draft mobile-consulate route": "Ruta oculta ZQ",
}
PUBLIC_STORY = "Historia visible ZQ"


@pytest.fixture
def records(catalog, django_capture_on_commit_callbacks):
    from culture.models import ProgramIndexPage, Venue
    from tests.culture.factories import make_program, weekly

    with django_capture_on_commit_callbacks(execute=True):
        public = make_piece("REP-LEAK-1", title_es=PUBLIC, title_en=PUBLIC,
                            find_site=PRIVATE["hidden find-spot (site)"],
                            find_lat=Decimal(PRIVATE["hidden find-spot (latitude)"]),
                            find_lon=Decimal("-99.13321"), images=[_image()])  # fmt: skip
        make_piece("REP-LEAK-2", title_es=PRIVATE["restricted piece"], restricted=True,
                   images=[_image()])  # fmt: skip
        make_piece("REP-LEAK-3", title_es=PRIVATE["draft piece"], publish=False,
                   images=[_image()])  # fmt: skip
        make_case("CASE-LEAK-1", title_es=PRIVATE["draft case"], publish=False)
        make_case("CASE-LEAK-2", title_es=PUBLIC_CASE)
        index = ProgramIndexPage(title_es="Programas", slug_es="programas", slug="programas")
        catalog.get_parent().add_child(instance=index)
        index.save_revision().publish()
        venue = Venue.objects.create(name_es="Sede", name="Sede", city="Chicago",
                                     timezone="America/Chicago")  # fmt: skip
        soon = timezone.now() + timedelta(days=3)
        visible = make_program(index, "visible", title_es="Programa visible ZQ",
                               sessions=[weekly(venue, soon)])  # fmt: skip
        visible.related_pieces = [public]
        visible.save_revision().publish()
        make_program(index, "oculto", title_es=PRIVATE["draft program"],
                     sessions=[weekly(venue, soon)], publish=False)  # fmt: skip
        _directory(catalog.get_parent(), venue)
        _home_with_every_section(catalog.get_parent().specific)
    return public


@pytest.fixture
def stories(records, catalog, django_capture_on_commit_callbacks):
    """The stories beside the records, for the channels that can show a story (STORY_CHANNELS:
    about a second a test, so only there)."""
    with django_capture_on_commit_callbacks(execute=True):
        _stories(catalog.get_parent().specific, records)


def _stories(home, piece) -> None:
    """A public story, a draft and a withdrawn one, each with a recording (transcript,
    captions) and linked to the public piece, whose page lists the stories about it."""
    from stories.services import consent_withdraw
    from tests.stories.factories import make_recording, make_stories_index, make_story

    index = make_stories_index(home)
    for slug, title, transcript, publish in (
        ("historia-visible-zq", PUBLIC_STORY, "Transcripción visible ZQ", True),
        ("historia-borrador-zq", PRIVATE["draft story"], PRIVATE["draft story's transcript"],
         False),
        ("historia-retirada-zq", PRIVATE["withdrawn story"],
         PRIVATE["withdrawn story's transcript"], True),
    ):  # fmt: skip
        recording = make_recording(title, captions={"es": [transcript]}, transcript_es=transcript)
        story = make_story(index, slug, title_es=title, recording=recording, pieces=[piece],
                           publish=publish)  # fmt: skip
    consent_withdraw(consent=story.consent)
    _shared_story(index)


def _shared_story(index) -> None:
    """A story a visitor shared through the public form: a draft awaiting the editors."""
    from stories.contributions import contribution_receive

    contribution_receive(
        index=index, language="es",
        data={"title": PRIVATE["story shared, awaiting review"], "name": "Lupe",
              "text": PRIVATE["story shared, awaiting review (text)"]},
    )  # fmt: skip


def _directory(home, venue) -> None:
    """The directory with a live organization, a draft one and a draft route's stop."""
    from tests.culture.factories import make_directory, make_organization, make_stop_route

    directory = make_directory(home)
    make_organization(directory, "visible", title="Organización visible ZQ", venue=venue)
    make_organization(directory, "oculta", title=PRIVATE["draft organization"], venue=venue,
                      publish=False)  # fmt: skip
    make_stop_route(PRIVATE["draft mobile-consulate route"], venue, days=2, publish=False)


def _image():
    """Each piece has an image: its files and IIIF service are channels too."""
    from heritage.models import PieceImage

    return PieceImage(image=make_image(), alt_text="Vasija", credit="INAH")


def _home_with_every_section(home) -> None:
    """The home page shows every section its apps offer, and curators chose the restricted and
    the draft piece beside the public one."""
    from wagtail.models import Site

    from core.home import section_choices
    from heritage.models import FeaturedPiece, FeaturedPiecesSettings, Piece

    home.body_es = json.dumps([{"type": "section", "value": {"source": name, "heading": "",
                                                             "count": 12}}
                               for name, _label in section_choices()])  # fmt: skip
    home.save_revision().publish()
    setting = FeaturedPiecesSettings.for_site(Site.objects.get(is_default_site=True))
    for order, piece in enumerate(Piece.objects.order_by("-catalog_number")):
        FeaturedPiece.objects.create(setting=setting, piece=piece, sort_order=order)


def _get(client, path: str, **headers) -> str:
    response = client.get(path, **headers)
    assert response.status_code in (200, 404), (path, response.status_code)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    return body if response.status_code == 200 else ""


def _dump_files(folder) -> list[str]:
    """A release of the open-data dump, published now: the URL of every file it lists."""
    from opendata.downloads import release_file_url
    from opendata.dumps import release_publish

    release = release_publish(root=folder)
    return [release_file_url(release, item["name"]) for item in release.files]


# channel name → (paths, the public text they must show: one, or a tuple of several)
# Channels asked with an Accept header of their own (content negotiation).
ACCEPT = {"Linked Art record URIs": "application/ld+json"}
CHANNELS = {
    "piece pages": (
        [
            "/es/catalogo/REP-LEAK-1/",
            "/es/catalogo/REP-LEAK-2/",
            "/es/catalogo/REP-LEAK-3/",
            "/en/catalog/REP-LEAK-1/",
        ],
        (PUBLIC, PUBLIC_STORY),  # the piece's own page lists the stories about it
    ),  # fmt: skip
    "catalog page (the researcher's search)": (
        ["/es/catalogo/", "/es/catalogo/?q=Vasija", "/es/catalogo/?q=ZQ"],
        PUBLIC,
    ),  # fmt: skip
    "case listing and pages": (
        [
            "/es/catalogo/cases/",
            "/es/catalogo/cases/CASE-LEAK-1/",
            "/es/catalogo/cases/CASE-LEAK-2/",
        ],
        PUBLIC_CASE,
    ),  # fmt: skip
    "site-wide search": (["/es/buscar/?q=ZQ", "/es/buscar/?q=vasija"], PUBLIC),
    "site search's services group": (
        ["/es/buscar/?q=organización+ZQ", "/es/buscar/?q=oculta", "/en/search/?q=ruta+ZQ"],
        "Organización visible ZQ",
    ),  # fmt: skip
    "autocomplete": (["/api/v1/search/suggest?q=vasi&lang=es"], PUBLIC),
    "pieces API": (
        [
            "/api/v1/pieces?lang=es",
            "/api/v1/pieces/REP-LEAK-1?lang=es",
            "/api/v1/pieces/REP-LEAK-2",
            "/api/v1/pieces/REP-LEAK-3",
        ],
        PUBLIC,
    ),  # fmt: skip
    "cases API": (
        ["/api/v1/cases?lang=es", "/api/v1/cases/CASE-LEAK-1", "/api/v1/cases/CASE-LEAK-2?lang=es"],
        PUBLIC_CASE,
    ),  # fmt: skip
    "search API": (["/api/v1/search/pieces?q=vasija&lang=es"], PUBLIC),
    "exports": (
        ["/es/catalogo/export/csv/?q=vasija", "/es/catalogo/export/json/?q=vasija"],
        PUBLIC,
    ),  # fmt: skip
    "iCalendar feeds": (
        ["/es/programas/calendar/ics/", "/es/programas/visible/ics/", "/es/programas/oculto/ics/"],
        "Programa visible ZQ",
    ),  # fmt: skip
    "programs API": (
        ["/api/v1/programs?lang=es", "/api/v1/sessions?lang=es"],
        "Programa visible ZQ",
    ),  # fmt: skip
    "program pages and listing": (
        ["/es/programas/", "/es/programas/visible/", "/es/programas/oculto/"],
        "Programa visible ZQ",
    ),  # fmt: skip
    "home page": (["/es/", "/es/?near=60607"], PUBLIC),
    "story pages and listing": (
        [
            "/es/historias/",
            "/es/historias/historia-visible-zq/",
            "/es/historias/historia-borrador-zq/",
            "/es/historias/historia-retirada-zq/",
            "/en/stories/historia-retirada-zq/",
        ],
        PUBLIC_STORY,
    ),  # fmt: skip
    "directory and organization pages": (
        [
            "/es/directorio/",
            "/es/directorio/?service=passport&open_now=on",
            "/en/directory/",
            "/es/directorio/visible/",
            "/es/directorio/oculta/",
        ],
        "Organización visible ZQ",
    ),  # fmt: skip
    "Linked Art record URIs": (
        [
            "/id/piece/REP-LEAK-1",
            "/id/piece/REP-LEAK-2",
            "/id/piece/REP-LEAK-3",
            "/id/case/CASE-LEAK-1",
            "/id/case/CASE-LEAK-2",
        ],
        PUBLIC,
    ),  # fmt: skip
    "sitemaps": (
        ["/sitemap.xml", "/sitemap-pieces.xml", "/sitemap-pages.xml", "/sitemap-cases.xml"],
        ("REP-LEAK-1", "historia-visible-zq"),
    ),  # fmt: skip
    "stories API": (
        [
            "/api/v1/stories?lang=es",
            "/api/v1/stories?lang=en&theme=work&place=US",
            *(f"/api/v1/stories/{pk}?lang=es" for pk in range(1, 60)),
        ],
        PUBLIC_STORY,
    ),  # fmt: skip
    "stories feeds and search": (
        [
            "/es/historias-nuevas.rss",
            "/es/historias-nuevas.atom",
            "/en/new-stories.rss",
            "/es/buscar/?q=historia",
            "/es/buscar/?q=ZQ",
            "/es/buscar/?q=contribuido",
        ],
        PUBLIC_STORY,
    ),  # fmt: skip
    "directory API": (
        [
            "/api/v1/organizations?lang=es",
            "/api/v1/organizations?lang=es&near=60607&radius=250",
            "/api/v1/organizations?lang=en",
            "/api/v1/services?lang=es",
        ],
        "directorio/visible",  # JSON escapes the accents of its name
    ),  # fmt: skip
    "directory in the sitemap": (["/sitemap-pages.xml"], "directorio/visible"),
    "open-data dumps": (_dump_files, PUBLIC),
    "OAI-PMH": (
        [
            "/oai?verb=ListRecords&metadataPrefix=oai_dc",
            "/oai?verb=ListRecords&metadataPrefix=linked_art",
            "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
            "/oai?verb=ListSets",
            "/oai?verb=GetRecord&metadataPrefix=linked_art&identifier=oai:retorno.localhost:REP-LEAK-2",
            "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:retorno.localhost:REP-LEAK-3",
        ],
        PUBLIC,
    ),  # fmt: skip
    "IIIF manifests": (
        [
            "/iiif/3/manifest/REP-LEAK-1",
            "/iiif/3/manifest/REP-LEAK-2",
            "/iiif/3/manifest/REP-LEAK-3",
        ],
        PUBLIC,
    ),  # fmt: skip
}


# The channels that can show a story: a channel that starts showing stories is added here.
STORY_CHANNELS = {"piece pages", "site-wide search", "autocomplete", "home page", "sitemaps",
                  "story pages and listing", "stories API", "stories feeds and search"}  # fmt: skip


@pytest.mark.parametrize("channel", CHANNELS)
def test_nothing_private_reaches_the_channel(client, records, channel, tmp_path, request):
    if channel in STORY_CHANNELS:
        request.getfixturevalue("stories")
    paths, shown = CHANNELS[channel]
    if callable(paths):
        paths = paths(tmp_path)
    headers = {"HTTP_ACCEPT": ACCEPT[channel]} if channel in ACCEPT else {}
    bodies = [_get(client, path, **headers) for path in paths]
    if channel == "pieces API":
        bodies.append(_get(client, paths[1], HTTP_ACCEPT="application/ld+json"))  # JSON-LD
    # Tags out (search highlights wrap words in <mark>); the markers are ASCII, so JSON's
    # escaping of accents cannot hide them either.
    text = re.sub(r"<[^>]+>", "", "\n".join(bodies))
    for public in shown if isinstance(shown, tuple) else (shown,):
        assert public in text, f"{channel} shows nothing public: the check would prove nothing"
    leaked = [what for what, secret in PRIVATE.items() if secret in text]
    assert leaked == [], f"{channel} leaks: {leaked}"


def test_private_records_have_no_linked_art_uri(client, records):
    """Restricted and draft pieces, a draft case and the provenance of a restricted piece
    answer 404 at their stable URIs, to software (in JSON) and to browsers alike."""
    from heritage.models import ProvenanceEvent

    sale = {"event_type": "sale", "year_start": 1950, "party_to": PRIVATE["restricted piece"]}
    restricted = make_piece("REP-LEAK-4", restricted=True, events=[sale])
    event = ProvenanceEvent.objects.get(piece=restricted)
    paths = ["/id/piece/REP-LEAK-2", "/id/piece/REP-LEAK-3", "/id/case/CASE-LEAK-1",
             f"/id/provenance/{event.pk}"]  # fmt: skip
    for path in paths:
        as_json = client.get(path, HTTP_ACCEPT="application/ld+json")
        assert as_json.status_code == 404, path
        assert as_json.json()["error"] == "not_found"
        assert client.get(path, HTTP_ACCEPT="text/html").status_code == 404, path
    public = client.get("/id/piece/REP-LEAK-1", HTTP_ACCEPT="application/ld+json")
    assert public.status_code == 200
    assert PRIVATE["hidden find-spot (site)"] not in public.content.decode()


def _image_urls(item) -> list[str]:
    """Every URL that hands out `item`'s image: its original, a rendition pages use, a
    rendition nobody made yet (a guessed name), and the IIIF service, info.json and images."""
    image = item.image
    rendition = image.get_rendition("width-800")  # what the piece page shows
    stem = rendition.file.name.rsplit(".", 2)[0]
    iiif = f"/iiif/3/{image.pk}"
    return [f"/media/{image.file.name}", f"/media/{rendition.file.name}",
            f"/media/{stem}.width-10.png", iiif, f"{iiif}/info.json",
            f"{iiif}/full/max/0/default.jpg", f"{iiif}/0,0,10,10/5,/0/default.jpg"]  # fmt: skip


def test_no_image_file_of_a_private_piece_is_served(client, records, settings, tmp_path):
    from heritage.models import PieceImage

    settings.IIIF_CACHE_ROOT = tmp_path / "iiif"
    urls = {item.piece.catalog_number: _image_urls(item)
            for item in PieceImage.objects.select_related("piece", "image")}  # fmt: skip
    public_rendition = urls["REP-LEAK-1"][1]
    assert public_rendition in client.get("/es/catalogo/REP-LEAK-1/").content.decode()

    status = {number: [client.get(url).status_code for url in paths]
              for number, paths in urls.items()}  # fmt: skip

    assert status["REP-LEAK-1"] == [200, 200, 404, 303, 200, 200, 200]  # no guessing, even here
    assert status["REP-LEAK-2"] == [404] * 7, "restricted piece"
    assert status["REP-LEAK-3"] == [404] * 7, "draft piece"


def test_no_file_of_a_private_story_is_served(client, stories):
    """A story's recording and its captions are served while the story is public, never for
    a draft or a withdrawn story (nor a file in their folders no recording owns)."""
    from stories.models import StoryMedia

    status = {
        media.title: [client.get(url).status_code
                      for url in (media.file.url, media.captions_es.url)]
        for media in StoryMedia.objects.all()
    }  # fmt: skip
    assert status == {PUBLIC_STORY: [200, 200], PRIVATE["draft story"]: [404, 404],
                      PRIVATE["withdrawn story"]: [404, 404]}  # fmt: skip
    assert client.get("/media/story_captions/guessed.vtt").status_code == 404


def test_no_recording_of_a_private_story_is_enclosed_in_the_feeds(client, stories):
    """Every story's licence lets its recordings be downloaded: consent alone keeps the draft's
    and the withdrawn story's out of the feeds' enclosures, the public one's is there."""
    import feedparser

    from stories.models import StoryMedia, StoryPage

    StoryPage.objects.update(licence="cc-by")
    public = next(media.file.url for media in StoryMedia.objects.filter(title=PUBLIC_STORY))
    for path in ("/es/historias-nuevas.rss", "/en/new-stories.atom"):
        feed = feedparser.parse(client.get(path).content)
        enclosed = [link.href for entry in feed.entries for link in entry.enclosures]
        assert enclosed == [f"http://testserver{public}"], path
