"""Finding stories (issue 18, item 5): the index's filters and "near me", the API, the feeds
read by a real parser, and schema.org data on story pages."""

import json
import re

import feedparser
import pytest

from culture.models import ProgramLanguage
from stories.models import StoryPerson, StoryPlace, StoryTheme
from tests.stories.factories import make_recording, make_story
from tests.utils import make_piece

pytestmark = pytest.mark.django_db


def _story(index, slug, *, city, state, lat, lon, generation, theme, language, **fields):
    story = make_story(index, slug, publish=False, **fields)
    StoryPerson.objects.create(page=story, name=f"Persona {slug}", generation=generation)
    StoryPlace.objects.create(page=story, city=city, state=state, country="US", latitude=lat,
                              longitude=lon)  # fmt: skip
    story.themes.set([StoryTheme.objects.get_or_create(code=theme, defaults={"label": theme})[0]])
    code = ProgramLanguage.objects.get_or_create(code=language, defaults={"label": language})[0]
    story.languages.set([code])
    story.save()
    story.save_revision().publish()
    return story


@pytest.fixture
def stories(stories_index):
    recording = make_recording(
        captions={"es": ["Hola"], "en": ["Hello"]},
        transcript_es="Transcripción.", transcript_en="Transcript.",
    )  # fmt: skip
    piece = make_piece("REP-ST-FIND", title_es="Vasija de la historia")
    return {
        "chicago": _story(stories_index, "chicago", city="Chicago", state="IL", lat=41.88,
                          lon=-87.63, generation="first", theme="work", language="nah",
                          recording=recording, pieces=[piece], title_en="Chicago story"),
        "houston": _story(stories_index, "houston", city="Houston", state="TX", lat=29.76,
                          lon=-95.37, generation="second", theme="family", language="es"),
        "draft": make_story(stories_index, "borrador", publish=False),
        "withdrawn": make_story(stories_index, "sin-consentimiento", consent=False),
    }  # fmt: skip


def _titles(html: str) -> list[str]:
    return re.findall(r'class="story-title" href="[^"]+"[^>]*>([^<]+)<', html)


FILTERED = [
    ("", ["Historia houston", "Historia chicago"]),
    ("?theme=work", ["Historia chicago"]),
    ("?language=es", ["Historia houston"]),
    ("?generation=second", ["Historia houston"]),
    ("?place=tx", ["Historia houston"]),
    ("?place=US&theme=work&theme=family", ["Historia houston", "Historia chicago"]),
    ("?near=60607&radius=100", ["Historia chicago"]),  # Chicago's postal code
    ("?near=Houston%2C+TX", ["Historia houston", "Historia chicago"]),  # nearest first
    ("?lat=29.7&lng=-95.4&radius=25", ["Historia houston"]),  # the browser's location
]


def test_the_index_filters_by_get_without_javascript(client, stories):
    found = {query: _titles(client.get(f"/es/historias/{query}").content.decode())
             for query, _expected in FILTERED}  # fmt: skip

    assert found == dict(FILTERED)
    # An unknown place is explained on the page.
    html = client.get("/es/historias/?near=Nowhereville%2C+ZZ").content.decode()
    assert 'id="err_near"' in html and 'role="alert"' in html


def test_the_api_lists_public_stories_with_the_filters(client, stories):
    everything = client.get("/api/v1/stories?lang=en").json()
    near = client.get("/api/v1/stories?near=60607&radius=100&lang=es").json()
    wrong = client.get("/api/v1/stories?near=Nowhereville%2C+ZZ")

    assert everything["count"] == 2
    assert [story["title"] for story in everything["results"]] == ["Historia houston",
                                                                     "Chicago story"]  # fmt: skip
    assert everything["results"][1]["url"] == "http://testserver/en/stories/chicago/"
    assert near["count"] == 1 and near["results"][0]["distance_km"] < 10
    assert wrong.status_code == 400 and wrong.json()["detail"][0]["parameter"] == "near"
    # HEAD and OPTIONS as every endpoint answers them (core.api_http)
    head = client.head("/api/v1/stories")
    options = client.options("/api/v1/stories")
    assert head.status_code == 200 and head.content == b""
    assert options.status_code == 204 and "GET" in options["Allow"]
    assert head["Access-Control-Allow-Origin"] == "*"


def test_the_api_gives_a_story_with_its_recordings_and_pieces(client, stories):
    story = stories["chicago"]
    data = client.get(f"/api/v1/stories/{story.pk}?lang=en").json()

    assert data["title"] == "Chicago story"
    assert data["places"] == [{"city": "Chicago", "state": "IL", "country": "US",
                               "latitude": 41.88, "longitude": -87.63}]  # fmt: skip
    [recording] = data["recordings"]
    assert recording["transcript"] == {"language": "en", "text": "Transcript."}
    assert set(recording["captions"]) == {"es", "en"}
    assert recording["file_url"].startswith("http://testserver/media/")
    assert client.get(recording["file_url"].removeprefix("http://testserver")).status_code == 200
    assert [piece["catalog_number"] for piece in data["pieces"]] == ["REP-ST-FIND"]
    for private in (stories["draft"], stories["withdrawn"]):
        missing = client.get(f"/api/v1/stories/{private.pk}")
        assert missing.status_code == 404 and missing.json()["error"] == "not_found"


FEEDS = {  # path → (format, titles in the feed's language)
    "/en/new-stories.rss": ("rss20", ["Historia houston", "Chicago story"]),
    "/es/historias-nuevas.atom": ("atom10", ["Historia houston", "Historia chicago"]),
}


def test_the_feeds_of_new_stories_parse_per_language(client, stories):
    for path, (kind, titles) in FEEDS.items():
        response = client.get(path)
        feed = feedparser.parse(response.content)

        assert response.status_code == 200
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == kind
        assert [entry.title for entry in feed.entries] == titles
        assert all(entry.link.startswith("http://testserver/") for entry in feed.entries)
        assert feed.feed.language == path.split("/")[1]


def _enclosures(client) -> dict[str, list[tuple[str, str, str]]]:
    """{feed: [(url, length, type)]} of each entry's enclosures, as feedparser reads them."""
    return {
        path: [(link.href, link.length, link.type)
               for entry in feedparser.parse(client.get(path).content).entries
               for link in entry.enclosures]
        for path in FEEDS
    }  # fmt: skip


def test_the_feeds_enclose_a_recording_only_when_its_licence_lets_it_be_downloaded(client, stories):
    chicago = stories["chicago"]
    assert _enclosures(client) == dict.fromkeys(FEEDS, [])  # all rights reserved: no download

    chicago.licence = "cc-by"
    chicago.save_revision().publish()

    media = chicago.body_es[1].value["media"]
    enclosed = ("http://testserver" + media.file.url, str(media.file.size), "audio/x-wav")
    assert _enclosures(client) == dict.fromkeys(FEEDS, [enclosed])
    page = client.get("/es/historias/chicago/").content.decode()
    assert f'href="{media.file.url}" download' in page  # the page's link: the same rule
    assert client.get(media.file.url).status_code == 200


def test_a_story_page_describes_itself_in_schema_org(client, stories):
    html = client.get("/en/stories/chicago/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.+?)</script>', html,
                                re.S).group(1))  # fmt: skip

    assert data["@type"] == "CreativeWork"
    assert data["url"] == "http://testserver/en/stories/chicago/"
    assert data["inLanguage"] == "en"
    assert data["license"]  # all rights reserved: its label
    [audio] = data["associatedMedia"]
    assert audio["@type"] == "AudioObject"
    assert audio["transcript"] == "Transcript." and audio["inLanguage"] == "en"
    assert audio["contentUrl"].startswith("http://testserver/media/")
    assert {caption["inLanguage"] for caption in audio["caption"]} == {"es", "en"}
    assert data["contentLocation"][0]["address"]["addressLocality"] == "Chicago"


@pytest.mark.usefixtures("no_page_cache")
def test_the_filtered_index_and_the_api_cost_the_same_whatever_the_stories(
    client, stories, stories_index, django_assert_max_num_queries
):
    paths = ["/es/historias/?theme=work&theme=family&place=US&near=60607",
             "/api/v1/stories?near=60607&generation=first&generation=second"]  # fmt: skip
    first = {}
    for path in paths:
        client.get(path)  # warm: routes, vocabularies
        with django_assert_max_num_queries(100) as counted:
            client.get(path)
        first[path] = len(counted.captured_queries)
    for number in range(4):
        _story(stories_index, f"mas-{number}", city="Chicago", state="IL", lat=41.9, lon=-87.6,
               generation="first", theme="work", language="es")  # fmt: skip
    for path in paths:
        client.get(path)
        with django_assert_max_num_queries(first[path]):
            assert client.get(path).status_code == 200
