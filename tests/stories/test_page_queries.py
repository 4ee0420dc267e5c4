"""Warm story and index pages (core.routes: each process keeps the routes and what a story page
shows until any record changes) cost a fixed, small number of statements, however many pieces,
recordings, people and stories they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.stories.factories import make_recording, make_stories_index, make_story
from tests.utils import build_catalog, build_site, make_image, make_piece

# Real commits: the site version moves when a change commits, as between two workers.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def index(settings):
    settings.SHARED_CACHE = False  # each process's own memory, as without Redis
    settings.PAGE_CACHE_SECONDS = 0
    home = build_site()
    build_catalog(home)
    return make_stories_index(home)


def _story(index, slug: str, *, linked: int):
    from stories.models import StoryPerson

    pieces = [make_piece(f"REP-SQ-{slug.upper()}-{number}") for number in range(linked)]
    recordings = [make_recording(f"Voz {number}", captions={"es": ["Hola"]},
                                 transcript_es="Hola.") for number in range(linked)]  # fmt: skip
    body = [("paragraph", "<p>Texto.</p>"),
            *(("audio", {"media": media, "heading": ""}) for media in recordings)]  # fmt: skip
    story = make_story(index, slug, body_es=body, pieces=pieces, cover=make_image("Portada"),
                       cultures=[pieces[0].culture], publish=False)  # fmt: skip
    for number in range(linked):
        StoryPerson.objects.create(page=story, name=f"Persona {number}", sort_order=number)
    story.save_revision().publish()
    return story


def _warm(client, path: str) -> list[str]:
    assert client.get(path).status_code == 200  # routes, the page's data: kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_warm_story_and_index_pages_cost_a_few_statements_whatever_they_show(client, index):
    _story(index, "una", linked=1)
    one = {path: _warm(client, path) for path in ("/es/historias/una/", "/es/historias/")}
    _story(index, "varias", linked=4)
    many = {path: _warm(client, path) for path in ("/es/historias/varias/", "/es/historias/")}

    story_one, story_many = one["/es/historias/una/"], many["/es/historias/varias/"]
    assert len(story_one) <= 4, story_one  # the site version, the consent, the recordings: 3
    assert len(story_many) == len(story_one), story_many
    assert len(many["/es/historias/"]) == len(one["/es/historias/"]) <= 10, many  # 8 measured
    assert "Persona 3" in client.get("/es/historias/varias/").content.decode()
