"""Every absolute URL the site hands to outside consumers is on the host that served it and
answers 200: the API, JSON-LD of every page, Linked Art, iCalendar feeds, sitemaps and robots.txt,
followed on a live test server whose host (localhost:<port>) is not the Site record's
(localhost, port 80) — links made from the Site record would point nowhere.

Every page a sitemap lists also carries its own canonical URL and a description, and every text
answer met on the way says its charset."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar

from tests.utils import build_catalog, build_site, make_case, make_image, make_piece

pytestmark = pytest.mark.django_db(transaction=True)

# Identifiers of outside vocabularies in JSON-LD (@context, types, Getty AAT concepts, the IIIF
# API a service conforms to): names, not links to this site.
VOCABULARY_HOSTS = {"schema.org", "linked.art", "vocab.getty.edu", "iiif.io"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ABSOLUTE = re.compile(r"^https?://")


@pytest.fixture
def demo(live_server, settings, tmp_path):  # noqa: F811 - the Django settings fixture
    """Pieces (one with an image and a case) and a program with weekly sessions showing it."""

    from heritage.models import PieceImage
    from tests.culture.factories import (
        make_chicago_venue,
        make_program,
        make_programs_index,
        weekly,
    )

    settings.RATE_LIMITS = {"api": (10**9, 60), "search": (10**9, 60), "iiif": (10**9, 60)}
    settings.MEDIA_ROOT = tmp_path / "media"
    home = build_site()
    build_catalog(home)
    case = make_case("CASE-LINKS-1")
    image = PieceImage(image=make_image(), alt_text="Vasija", alt_text_es="Vasija", credit="INAH")
    piece = make_piece("REP-LINKS-1", case=case, images=[image], description_es="Una vasija.")
    make_piece("REP-LINKS-2", title_es="Pieza de barro")
    index = make_programs_index(home)
    venue = make_chicago_venue()
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    make_program(
        index, "taller-nahuatl", title_en="Nahuatl workshop", slug_en="nahuatl-workshop",
        summary_es="Taller de náhuatl para familias.", related_pieces=[piece],
        sessions=[weekly(venue, start, recurrence="FREQ=WEEKLY;COUNT=4")],
    )  # fmt: skip
    return live_server.url


class Crawl:
    """What the test server answered, and every absolute URL found in it (with where)."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.found: dict[str, str] = {}
        self.answers: list[requests.Response] = []

    def on_host(self, url: str) -> bool:
        return urlsplit(url)[:2] == urlsplit(self.base)[:2]

    def get(self, url: str, **headers) -> requests.Response:
        if ABSOLUTE.match(url):
            assert self.on_host(url), f"{url} is off the serving host {self.base}"
        else:
            url = self.base + url
        response = self.session.get(url, headers=headers, timeout=30)
        self.answers.append(response)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        return response

    def note(self, url: str, where: str) -> None:
        if urlsplit(url).hostname not in VOCABULARY_HOSTS:
            self.found.setdefault(url, where)

    def note_json(self, data, where: str) -> None:
        if isinstance(data, dict):
            for value in data.values():
                self.note_json(value, where)
        elif isinstance(data, list):
            for value in data:
                self.note_json(value, where)
        elif isinstance(data, str) and ABSOLUTE.match(data):
            self.note(data, where)

    def json(self, path: str, **headers):
        data = self.get(path, **headers).json()
        self.note_json(data, path)
        return data

    def calendar(self, url: str) -> list[str]:
        events = Calendar.from_ical(self.get(url).content).walk("VEVENT")
        urls = [str(event["URL"]) for event in events]
        assert urls, f"{url} holds events with their URL"
        for found in urls:
            self.note(found, url)
        return urls

    def sitemap(self, url: str) -> list[str]:
        root = ET.fromstring(self.get(url).content)  # noqa: S314 - our own test server
        locations = [element.text for element in root.iter(f"{SITEMAP}loc")]
        for location in locations:
            self.note(location, url)
        for link in root.iter(f"{XHTML}link"):
            self.note(link.get("href"), url)
        return locations

    def page(self, url: str) -> list[dict]:
        """A public page: its head's links, its JSON-LD and calendar subscriptions noted; the
        JSON-LD documents returned."""
        soup = BeautifulSoup(self.get(url).text, "html.parser")
        canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
        assert canonical == [url], f"{url} names itself as canonical, once"
        description = soup.find("meta", attrs={"name": "description"})
        assert description is not None and description["content"].strip(), url
        for link in soup.find_all("link", rel="alternate", hreflang=True):
            self.note(link["href"], url)
        for anchor in soup.select('a[href^="webcal://"]'):
            self.note("http://" + anchor["href"].removeprefix("webcal://"), url)
        documents = [
            json.loads(script.string)
            for script in soup.find_all("script", type="application/ld+json")
        ]
        for document in documents:
            self.note_json(document, f"JSON-LD of {url}")
        return documents


def _images(documents) -> list[str]:
    items = [item for document in documents for item in (document if isinstance(document, list)
                                                         else [document])]  # fmt: skip
    return [image for item in items for image in item.get("image", [])]


def test_every_absolute_url_is_on_the_serving_host_and_answers(demo):
    crawl = Crawl(demo)

    # Sitemaps, and every page they list (canonical, description, JSON-LD, webcal links).
    sections = crawl.sitemap("/sitemap.xml")
    assert len(sections) == 3
    pages = [location for section in sections for location in crawl.sitemap(section)]
    piece_page = f"{demo}/es/catalogo/REP-LINKS-1/"
    program_page = f"{demo}/es/programas/taller-nahuatl/"
    assert {piece_page, f"{demo}/en/programs/nahuatl-workshop/"} <= set(pages)
    json_ld = {location: crawl.page(location) for location in pages}
    # Absolute images in schema.org, for the piece and for the program that shows it.
    for location in (piece_page, program_page):
        images = _images(json_ld[location])
        assert images and all(image.startswith(f"{demo}/media/") for image in images), location

    robots = crawl.get("/robots.txt").text
    crawl.note(re.search(r"^Sitemap: (\S+)$", robots, re.M).group(1), "/robots.txt")

    # The API: catalog, cases, search (with their next pages), programs and sessions.
    assert crawl.json("/api/v1/pieces?limit=1")["next"]
    crawl.json("/api/v1/pieces/REP-LINKS-1")
    crawl.json("/api/v1/cases")
    crawl.json("/api/v1/cases/CASE-LINKS-1")
    assert crawl.json("/api/v1/search/pieces?q=pieza&page_size=1")["next"]
    crawl.json("/api/v1/search/suggest?q=piez")
    programs = crawl.json("/api/v1/programs?lang=en")["results"]
    assert [program["slug"] for program in programs] == ["nahuatl-workshop"]
    sessions = crawl.json("/api/v1/sessions")
    assert len(sessions) == 4
    crawl.json("/es/catalogo/export/json/")
    # Linked Art.
    linked_art = crawl.json("/api/v1/pieces/REP-LINKS-1", Accept="application/ld+json")
    assert linked_art["id"] == f"{demo}/id/piece/REP-LINKS-1"

    # iCalendar: the program's feed, each session's file, the whole calendar, a venue's.
    assert crawl.calendar(programs[0]["feed_url"]) == [programs[0]["url"]]
    crawl.calendar(sessions[0]["ics_url"])
    crawl.calendar("/es/programas/calendar/ics/")
    venue_feeds = [url for url in crawl.found if "/venues/" in url]
    assert venue_feeds, "the program page links its venue's calendar"
    crawl.calendar(venue_feeds[0])

    assert len(crawl.found) > 30, sorted(crawl.found)
    elsewhere = {url: where for url, where in crawl.found.items() if not crawl.on_host(url)}
    assert not elsewhere, f"links off the serving host {demo}: {elsewhere}"
    for url in sorted(crawl.found):
        crawl.get(url)

    # Every text answer says its charset (HTML, XML sitemaps, calendars, robots.txt).
    types = [answer.headers["Content-Type"] for answer in crawl.answers]
    text_types = [kind for kind in types if kind.startswith("text/") or "xml" in kind]
    assert any(kind.startswith("text/calendar") for kind in text_types)
    assert all("charset=utf-8" in kind.lower() for kind in text_types), set(text_types)
