"""The Open data page in es/en/nah lists the releases with working download links; the demo
builds the page and its footer link once."""

import re

import pytest
from django.conf import settings

from core.models import FooterLink
from opendata import demo
from opendata.dumps import release_publish
from opendata.models import OpenDataPage
from tests.utils import make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_data_page(catalog, settings, tmp_path):
    settings.OPENDATA_ROOT = str(tmp_path / "opendata")
    demo.load(stdout=_Quiet())
    make_piece("REP-PAGE-1")
    return OpenDataPage.objects.get()


class _Quiet:
    def write(self, text: str) -> None:
        pass


def test_the_page_lists_the_release_in_every_language_with_working_links(client, open_data_page):
    release = release_publish()
    paths = {"es": "/es/datos-abiertos/", "en": "/en/open-data/",
             "nah": "/nah/tlapohualli-tlen-tlapohtoc/"}  # fmt: skip
    assert set(paths) == {code for code, _name in settings.LANGUAGES}
    for code, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'lang="{code}"' in html
        assert re.search(r'<meta name="description" content="[^"]+">', html)
        assert f'<link rel="canonical" href="http://testserver{path}">' in html
        assert release.version in html and settings.RETORNO_DATA_LICENSE["path"] in html
        links = re.findall(r'href="(/opendata/releases/[^"]+)"', html)
        assert len(links) == len(release.files) == 8
    for link, item in zip(links, release.files, strict=True):
        response = client.get(link)
        assert response.status_code == 200, link
        body = b"".join(response.streaming_content)
        assert body == (release.path / item["name"]).read_bytes()
        assert response["Content-Type"].startswith(item["mediatype"])


def test_the_page_explains_every_channel(client, open_data_page):
    html = client.get("/en/open-data/").content.decode()
    channels = ["/api/v1/openapi.json", "/oai?verb=Identify", "/iiif/3/", "application/ld+json"]
    files = ["datapackage.json", "SHA256SUMS", "No release has been published yet."]
    for text in [*channels, *files]:
        assert text in html, text


def test_only_listed_files_of_a_release_are_served(client, open_data_page):
    release = release_publish()
    (release.path / "stray.txt").write_text("not part of the release")
    assert client.get(f"/opendata/releases/{release.version}/stray.txt").status_code == 404
    assert client.get("/opendata/releases/1999-01-01/pieces.csv").status_code == 404
    latest = client.get("/opendata/releases/latest/SHA256SUMS")
    assert latest.status_code == 200 and "max-age=600" in latest["Cache-Control"]


def test_the_demo_builds_the_page_and_its_footer_link_once(open_data_page):
    demo.load(stdout=_Quiet())
    assert OpenDataPage.objects.count() == 1
    link = FooterLink.objects.get(page=open_data_page)
    assert (link.label_es, link.label_en) == ("Datos abiertos", "Open data")
    assert open_data_page.slug_nah and open_data_page.title_nah
