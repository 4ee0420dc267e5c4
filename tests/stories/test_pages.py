"""Story pages and the stories index: three languages with the fallback notice, what a story
links to (public records only), coarse places, sections on piece and program pages, constant
SQL."""

import pytest

from stories.models import StoryPlace
from tests.stories.factories import make_recording, make_story
from tests.utils import make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(stories_index):
    recording = make_recording(
        captions={"es": ["Hola"], "en": ["Hello"]},
        transcript_es="Transcripción en español.", transcript_en="English transcript.",
    )  # fmt: skip
    return make_story(stories_index, "abuela", recording=recording, title_en="Grandmother",
                      teaser_en="About grandmother.", body_en=[("paragraph", "<p>In English.</p>"),
                      ("audio", {"media": recording, "heading": ""})])  # fmt: skip


def test_a_story_reads_in_each_language_with_the_fallback_notice(client, story):
    spanish = client.get("/es/historias/abuela/").content.decode()
    english = client.get("/en/stories/abuela/").content.decode()
    nahuatl = client.get("/nah/nemiliztlahtolli/abuela/").content.decode()

    assert "Historia abuela" in spanish and "Transcripción en español." in spanish
    assert "notice-fallback" not in spanish
    assert "Grandmother" in english and "English transcript." in english
    assert "notice-fallback" not in english
    # No Nahuatl text: Spanish is shown, marked as such, and the reader is told.
    assert "Historia abuela" in nahuatl and "notice-fallback" in nahuatl
    assert '<div lang="es"><p>Transcripción en español.</p></div>' in nahuatl


def test_captions_are_tracks_in_every_language_the_readers_by_default(client, story):
    english = client.get("/en/stories/abuela/").content.decode()
    captions = story.specific.body_es[1].value["media"]
    assert (f'<track kind="captions" src="{captions.captions_en.url}" srclang="en" '
            f'label="English" default>') in english  # fmt: skip
    assert f'src="{captions.captions_es.url}" srclang="es"' in english
    assert client.get(captions.captions_en.url).status_code == 200
    assert b"WEBVTT" in b"".join(client.get(captions.captions_es.url).streaming_content)


def test_a_story_links_only_public_records(client, catalog, stories_index):
    public = make_piece("REP-ST-1", title_es="Vasija pública ST")
    restricted = make_piece("REP-ST-2", title_es="Vasija restringida ST", restricted=True)
    make_story(stories_index, "enlaces", pieces=[public, restricted])

    html = client.get("/es/historias/enlaces/").content.decode()
    assert "Vasija pública ST" in html
    assert "Vasija restringida ST" not in html


def test_places_keep_coarse_coordinates(stories_index):
    story = make_story(stories_index, "lugar")
    place = StoryPlace.objects.create(page=story, city="Chicago", latitude=41.857123,
                                      longitude=-87.656549)  # fmt: skip
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (41.86, -87.66)


def test_the_index_lists_public_stories_only(client, stories_index):
    make_story(stories_index, "publica", title_es="Historia pública ST")
    make_story(stories_index, "borrador", title_es="Historia borrador ST", publish=False)

    html = client.get("/es/historias/").content.decode()
    assert "Historia pública ST" in html
    assert "Historia borrador ST" not in html


def test_the_piece_page_lists_stories_about_it_or_its_culture(client, catalog, stories_index):
    piece = make_piece("REP-ST-3")
    make_piece("REP-ST-4")
    make_story(stories_index, "sobre-la-pieza", title_es="Sobre la pieza ST", pieces=[piece])
    make_story(stories_index, "sobre-la-cultura", title_es="Sobre la cultura ST",
               cultures=[piece.culture])  # fmt: skip
    make_story(stories_index, "sin-permiso", title_es="Sin permiso ST", pieces=[piece],
               consent=False)  # fmt: skip

    html = client.get("/es/catalogo/REP-ST-3/").content.decode()
    assert "Sobre la pieza ST" in html and "Sobre la cultura ST" in html
    assert "Sin permiso ST" not in html
    other_html = client.get("/es/catalogo/REP-ST-4/").content.decode()
    assert "Sobre la cultura ST" in other_html and "Sobre la pieza ST" not in other_html


def test_the_program_page_lists_linked_stories(client, stories_index):
    from tests.culture.factories import make_program, make_programs_index

    programs = make_programs_index(stories_index.get_parent().specific)
    program = make_program(programs, "taller", title_es="Taller ST")
    make_story(stories_index, "del-taller", title_es="Historia del taller ST", programs=[program])

    assert "Historia del taller ST" in client.get("/es/programas/taller/").content.decode()


# Real commits: what a request keeps is kept only once the changes before it have committed.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_page_cache")
def test_index_story_and_piece_pages_cost_the_same_whatever_the_stories(
    client, catalog, stories_index, django_assert_max_num_queries
):
    piece = make_piece("REP-ST-5")

    def add(count: int, start: int) -> None:
        for number in range(start, start + count):
            recording = make_recording(captions={"es": ["Hola"]}, transcript_es="Hola.")
            make_story(stories_index, f"h{number}", recording=recording, pieces=[piece],
                       cultures=[piece.culture])  # fmt: skip

    def cost(path: str) -> int:
        client.get(path)  # warm: routes and sites kept
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    add(1, 0)
    paths = ["/es/historias/", "/es/historias/h0/", "/es/catalogo/REP-ST-5/"]
    first = {path: cost(path) for path in paths}
    add(4, 1)
    for path in paths:
        client.get(path)  # warm again: the new stories moved the site version
        with django_assert_max_num_queries(first[path]):
            assert client.get(path).status_code == 200
    # routing and navigation, consent, people, places, terms, linked pieces (with images),
    # cases and programs: measured 23 here
    assert first["/es/historias/h0/"] <= 25, first
