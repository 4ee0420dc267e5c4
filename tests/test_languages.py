"""Every language of settings.LANGUAGES gets its pages, its import and export columns, its search
fields and its API value — parametrized over the settings, so the run of the project with a
fourth language (tests/test_new_language.py, Yucatec Maya) proves the same for that one."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.utils import translation

from core.i18n import language_codes, localized_name
from heritage.catalog import CatalogQuery, search
from heritage.exporting import catalog_export
from heritage.models import Piece
from heritage.services import catalog_import
from search.documents import PieceDocument
from search.indexing import piece_document, searchable_pieces
from tests.utils import make_piece

pytestmark = pytest.mark.django_db

LANGUAGES = language_codes()
# A word no stemmer changes and no other text holds; written with an accent, searched without.
WORD = "Xochitlálli"


def _title(code: str) -> str:
    return localized_name("title", code)


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_its_pages(code, client, catalog):
    piece = make_piece("LANG-0001", **{_title(code): f"{WORD} {code}"})
    with translation.override(code):
        paths = [catalog.get_parent().url, catalog.url, f"{catalog.url}{piece.catalog_number}/"]
    for path in paths:
        assert path.startswith(f"/{code}/"), path
        response = client.get(path)
        assert response.status_code == 200, path
        page = BeautifulSoup(response.content, "html.parser")
        assert page.html["lang"] == code, path
    assert f"{WORD} {code}" in page.get_text()  # the piece page, in its own language


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_has_its_import_and_export_columns(code, catalog):
    site_title = _title(settings.LANGUAGE_CODE)
    header = list(dict.fromkeys(["catalog_number", site_title, _title(code)]))
    header += [localized_name("description", code), localized_name("date_display", code)]
    row = {
        "catalog_number": "LANG-0002",
        site_title: "Pieza importada",
        _title(code): f"{WORD} {code}",
        localized_name("description", code): f"Description {code}",
        localized_name("date_display", code): f"600–900 ({code})",
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    report = catalog_import(data=buffer.getvalue().encode(), filename="piezas.csv")
    assert report.ok and report.applied, report.errors
    piece = Piece.objects.get(catalog_number="LANG-0002")
    for column, value in row.items():
        assert getattr(piece, column) == value, column

    exported = catalog_export(file_format="csv", include_restricted=False)
    exported_rows = list(csv.DictReader(io.StringIO(exported.decode("utf-8-sig"))))
    (exported_row,) = [line for line in exported_rows if line["catalog_number"] == "LANG-0002"]
    for column, value in row.items():
        assert exported_row[column] == value, column


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_language_is_searched_in_its_own_fields(code, client, catalog):
    piece = make_piece("LANG-0003", **{_title(code): f"{WORD} {code}"})
    make_piece("LANG-0004", **{_title(code): f"Otra pieza {code}"})

    # the engine's contract (the database engine in this suite), accents folded
    found = search(CatalogQuery(text="xochitlalli", language=code))
    assert [hit.piece_id for hit in found.hits] == [piece.pk]
    for door, key in (("/api/v1/pieces", "results"), ("/api/v1/search/pieces", "hits")):
        answer = client.get(door, {"q": "XOCHITLALLI", "lang": code})
        assert answer.status_code == 200, answer.content
        assert [item["catalog_number"] for item in answer.json()[key]] == ["LANG-0003"]

    # the index document and mapping carry the language's own analysed field
    document = piece_document(searchable_pieces().get(pk=piece.pk)).to_dict()
    assert document[_title(code)] == f"{WORD} {code}"
    mapping = PieceDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping[_title(code)]["analyzer"] == f"retorno_{code}"

    # the database's own text table has the language's columns and its vectors
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, "search_piecetext")
        }
    assert {_title(code), localized_name("body", code)} <= columns
    if connection.vendor == "postgresql":
        assert localized_name("vector", code) in columns


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_api_accepts_every_language_and_names_them_when_refused(code, client, catalog):
    assert client.get("/api/v1/pieces", {"lang": code}).status_code == 200
    refused = client.get("/api/v1/pieces", {"lang": "xx"})
    assert refused.status_code == 400
    assert code in refused.content.decode()
