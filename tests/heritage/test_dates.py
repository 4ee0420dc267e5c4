"""A piece's date as each reader reads it, and as the editor's empty boxes announce it (review
of issue 14, item 3): one function, heritage.dates.date_text, answers both. A curator's text
reaches the readers of the languages that fall back to it (modeltranslation), so an empty box
shows that text, not one generated for its language that nobody would read."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from heritage.dates import date_text
from heritage.models import Piece
from tests.utils import make_piece

pytestmark = pytest.mark.django_db
PAGES = {"es": "/es/catalogo/REP-2024-000020/", "en": "/en/catalog/REP-2024-000020/",
         "nah": "/nah/catalogo/REP-2024-000020/"}  # fmt: skip

CASES = [
    # (the curator's texts, what readers of es, en and nah read)
    ({}, {"es": "ca. 600–900 d. C.", "en": "ca. 600–900 CE", "nah": "ca. 600–900 d. C."}),
    ({"es": "finales del Clásico"},
     {"es": "finales del Clásico", "en": "finales del Clásico", "nah": "finales del Clásico"}),
    ({"en": "Late Classic"},
     {"es": "Late Classic", "en": "Late Classic", "nah": "Late Classic"}),
    ({"es": "finales del Clásico", "en": "Late Classic"},
     {"es": "finales del Clásico", "en": "Late Classic", "nah": "finales del Clásico"}),
]  # fmt: skip


def _piece(written: dict) -> Piece:
    fields = {f"date_display_{code}": text for code, text in written.items()}
    return make_piece("REP-2024-000020", date_qualifier="circa", **fields)


def _page_date(client, language: str) -> str:
    response = client.get(PAGES[language])
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    with translation.override(language):
        heading = translation.gettext("Date")  # the page's own label, in its language
    label = soup.find("dt", string=lambda text: text and text.strip() == heading)
    return label.find_next_sibling("dd").get_text(strip=True)


def _placeholders(client) -> dict[str, str]:
    piece = Piece.objects.get(catalog_number="REP-2024-000020")
    edit = client.get(reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]))
    soup = BeautifulSoup(edit.content.decode(), "html.parser")
    return {box["name"][len("date_display_"):]: box.get("placeholder", "")
            for box in soup.select("input[name^=date_display_]")}  # fmt: skip


@pytest.mark.parametrize(("written", "read"), CASES)
def test_every_reader_reads_what_the_empty_box_announces(client, catalog, curator, written, read):
    _piece(written)
    for language, expected in read.items():
        assert _page_date(client, language) == expected, language
        api = client.get("/api/v1/pieces/REP-2024-000020", {"lang": language}).json()
        assert api["date"]["display"] == expected, language
    for language, placeholder in _placeholders(client).items():
        if language not in written:  # an empty box says what its readers read
            assert placeholder == read[language], language


@pytest.mark.parametrize(("written", "read"), CASES)
def test_the_editor_asks_what_readers_read_while_texts_are_typed(client, curator, written, read):
    params = {"start": "600", "end": "900", "qualifier": "circa"}
    params.update({f"display_{code}": text for code, text in written.items()})
    texts = client.get(reverse("heritage_date_texts"), params).json()
    assert {code: texts[code] for code in read if code not in written} == {
        code: text for code, text in read.items() if code not in written
    }


def test_a_written_text_of_only_spaces_is_no_text():
    assert date_text(600, 900, "circa", language="en", written={"es": "  "}) == "ca. 600–900 CE"
