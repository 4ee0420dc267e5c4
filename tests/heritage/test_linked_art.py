"""Linked Art as its consumers read it (issue 16, item 1): every demo record validates against
the official Linked Art 1.0 JSON schemas (vendored in linked_art_schemas/, commit in its
README), reads in Getty's cromulent and keeps its custodian, provenance and case through JSON-LD
expansion with pyld and the vendored context (no network). Record URIs answer by content
negotiation; BCE years are written with ISO 8601's year zero."""

import functools
import io
import json
from pathlib import Path

import pytest
from cromulent.reader import Reader
from django.core.management import call_command
from jsonschema import Draft202012Validator
from pyld import jsonld
from referencing import Registry, Resource

from heritage import selectors
from heritage.dates import iso_year
from heritage.linked_data import (
    LINKED_ART_CONTEXT,
    VOCABULARIES,
    case_document,
    linked_art_document,
    linked_art_documents,
    provenance_documents,
    record_uri,
    term_document,
)
from heritage.models import Institution, Material, Piece, ProvenanceEvent
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "linked_art_schemas"
PROFILE = 'application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"'
CRM = "http://www.cidoc-crm.org/cidoc-crm/"
SCHEMA_OF_CLASS = {"Type": "concept", "Material": "concept", "Group": "group", "Place": "place"}


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        if path.name != "linked-art-context.json":
            schema = json.loads(path.read_text())
            resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


@functools.cache
def _validator(schema: str) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads((SCHEMAS / f"{schema}.json").read_text()),
        registry=REGISTRY,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def assert_valid(document: dict, schema: str) -> None:
    validator = _validator(schema)
    errors = [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(document)
    ]
    assert errors == [], (document["id"], errors[:5])
    Reader().read(json.dumps(document))  # raises on any term or class cromulent does not know
    extra = [key for key in _keys(document) if key.startswith("_") and key != "_label"]
    assert extra == [], f"{document['id']} has keys outside Linked Art: {extra}"


def _keys(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item)


CONTEXT = json.loads((SCHEMAS / "linked-art-context.json").read_text())


def _loader(url, options=None):
    assert url == LINKED_ART_CONTEXT, f"only the vendored context is loaded, not {url}"
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": CONTEXT}  # fmt: skip


def expanded(document: dict) -> dict:
    (node,) = jsonld.expand(document, {"documentLoader": _loader})
    return node


# --- BCE years ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("year", "iso"),
    [(-1200, "-1199"), (-2238, "-2237"), (-1, "0000"), (1, "0001"), (600, "0600"), (1950, "1950")],
)
def test_years_are_written_with_iso_8601_year_zero(year, iso):
    assert iso_year(year) == iso


def test_bce_dates_in_linked_art_and_schema_org(client, catalog):
    make_piece("REP-BCE", date_start=-1200, date_end=-1, culture=None, period=None,
               events=[{"event_type": "find", "year_start": 1, "year_end": 1}])  # fmt: skip
    document = linked_art_document(Piece.objects.get(catalog_number="REP-BCE"))
    span = document["produced_by"]["timespan"]
    assert span["begin_of_the_begin"] == "-1199-01-01T00:00:00Z"
    assert span["end_of_the_end"] == "0000-12-31T23:59:59Z"
    found = document["encountered_by"][0]["timespan"]
    assert found["begin_of_the_begin"] == "0001-01-01T00:00:00Z"
    page = client.get("/es/catalogo/REP-BCE/").content.decode()
    assert '"temporalCoverage": "-1199/0000"' in page


# --- the demo catalog through the official schemas, cromulent and pyld ---------------------
def test_every_demo_record_is_valid_linked_art(catalog, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    pieces = list(selectors.piece_base_public())
    assert len(pieces) >= 20, "the demo has public pieces to check"
    documents = list(linked_art_documents(pieces))
    for document in documents:
        assert_valid(document, "object")
    with_case = [document for document in documents if "member_of" in document]
    with_custodian = [document for document in documents if "current_custodian" in document]
    owned = [document for document in documents if "changed_ownership_through" in document]
    assert with_case and with_custodian and owned, "the demo exercises cases, keepers, owners"
    for document in (with_case[0], with_custodian[0], owned[0]):
        node = expanded(document)
        assert node["@id"] == document["id"]
        if "member_of" in document:
            assert (
                node["https://linked.art/ns/terms/member_of"][0]["@id"]
                == (document["member_of"][0]["id"])
            )
        if "current_custodian" in document:
            assert (
                node[f"{CRM}P50_has_current_keeper"][0]["@id"]
                == (document["current_custodian"][0]["id"])
            )
        if "changed_ownership_through" in document:
            acquisition = node[f"{CRM}P24i_changed_ownership_through"][0]
            assert acquisition["@type"] == [f"{CRM}E8_Acquisition"]
    provenance = list(provenance_documents(pieces))
    assert len(provenance) >= len(pieces)
    # One record of each shape (kind of part, properties present): the rest repeat one.
    shapes = {(json.dumps(document.get("part", [{}])[0].get("type")), *sorted(document)): document
              for document in provenance}  # fmt: skip
    for document in shapes.values():
        assert_valid(document, "provenance")
    kinds = {part["type"] for document in provenance for part in document.get("part", [])}
    assert kinds >= {"Acquisition", "Encounter"}, kinds
    activity = expanded(next(document for document in provenance if document.get("part")))
    assert activity[f"{CRM}P2_has_type"][0]["@id"] == "http://vocab.getty.edu/aat/300055863"
    assert activity[f"{CRM}P9_consists_of"], "the provenance parts survive expansion"
    cases = list(selectors.case_list_public())
    assert cases
    for case in cases:
        assert_valid(case_document(case), "set")
    for name, (model, type_name) in VOCABULARIES.items():
        for term in model.objects.all()[:1]:
            document = term_document(term)
            assert document["id"].endswith(f"/id/term/{name}/{term.code}")
            assert_valid(document, SCHEMA_OF_CLASS[type_name])


# --- what a piece's document says ----------------------------------------------------------
def test_names_terms_keepers_and_cases(catalog):
    case = make_case("CASE-LA-1")
    custodian = Institution.objects.first()
    custodian.authority_uri = "http://vocab.getty.edu/ulan/500000000"
    custodian.save()
    piece = make_piece("REP-LA-1", title_en="Vessel", title_nah="Comitl", case=case,
                       custodian=custodian, find_site="Sitio oculto LA",
                       events=[{"event_type": "loan", "year_start": 1990, "party_from": "A",
                                "party_to": "B", "place": "Madrid"}])  # fmt: skip
    piece.materials.set(Material.objects.all()[:1])
    piece.save()
    document = linked_art_document(Piece.objects.get(pk=piece.pk))
    assert document["id"] == "http://127.0.0.1:8000/id/piece/REP-LA-1"
    names = {name["language"][0]["id"]: name["content"]
             for name in document["identified_by"] if name["type"] == "Name"}  # fmt: skip
    assert names == {
        "http://vocab.getty.edu/aat/300389311": "Pieza REP-LA-1",
        "http://vocab.getty.edu/aat/300388277": "Vessel",
        "http://id.loc.gov/vocabulary/iso639-2/nah": "Comitl",
    }
    (keeper,) = document["current_custodian"]
    assert keeper["id"] == record_uri(custodian)
    assert keeper["equivalent"][0]["id"] == "http://vocab.getty.edu/ulan/500000000"
    assert document["member_of"][0]["id"] == "http://127.0.0.1:8000/id/case/CASE-LA-1"
    assert all(term["id"].startswith("http://127.0.0.1:8000/id/term/")
               for term in document["classified_as"] + document["made_of"])  # fmt: skip
    assert "Sitio oculto LA" not in json.dumps(document)
    (activity,) = provenance_documents([piece])
    (custody,) = activity["part"]
    assert custody["type"] == "TransferOfCustody"
    assert custody["transferred_custody_to"][0]["_label"] == "B"
    assert activity["took_place_at"][0]["_label"] == "Madrid"


def test_unpublished_case_is_not_a_set_the_piece_belongs_to(catalog):
    piece = make_piece("REP-LA-2", case=make_case("CASE-LA-2", publish=False))
    assert "member_of" not in linked_art_document(piece)


@pytest.mark.parametrize("count", [3, 20])
def test_documents_cost_the_same_queries_for_any_number_of_pieces(
    catalog, django_assert_max_num_queries, count
):
    for number in range(count):
        piece = make_piece(f"REP-Q-{number:02d}", case=make_case(f"CASE-Q-{number:02d}"),
                           custodian=Institution.objects.first(),
                           events=[{"event_type": "sale", "year_start": 1950},
                                   {"event_type": "seizure", "year_start": 2019}])  # fmt: skip
        piece.materials.set(Material.objects.all()[:2])
        piece.save()
    with django_assert_max_num_queries(11):  # pieces, 5 vocabularies, case, 3 lists, images
        documents = list(linked_art_documents(Piece.objects.all()))
    assert len(documents) == count


# --- record URIs: content negotiation ------------------------------------------------------
@pytest.fixture
def piece(catalog):
    return make_piece("REP-ID-1", case=make_case("CASE-ID-1"),
                      events=[{"event_type": "sale", "year_start": 1950}])  # fmt: skip


@pytest.mark.parametrize(
    "accept",
    ["application/ld+json", "text/html;q=0.9, application/ld+json", "application/json",
     'application/ld+json;profile="https://linked.art/ns/v1/linked-art.json"'],
)  # fmt: skip
def test_record_uri_answers_linked_art(client, piece, accept):
    response = client.get("/id/piece/REP-ID-1", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == PROFILE
    assert "Accept" in response["Vary"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["id"] == "http://testserver/id/piece/REP-ID-1"


@pytest.mark.parametrize(
    ("accept", "language", "page"),
    [("*/*", "es", "/es/catalogo/REP-ID-1/"),
     ("text/html,application/xhtml+xml,*/*;q=0.8", "en", "/en/catalog/REP-ID-1/"),
     ("application/ld+json;q=0.5, text/html", "nah", "/nah/catalogo/REP-ID-1/"),
     ("", "es", "/es/catalogo/REP-ID-1/")],
)  # fmt: skip
def test_browsers_see_the_page_in_their_language(client, piece, accept, language, page):
    response = client.get("/id/piece/REP-ID-1", HTTP_ACCEPT=accept, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 303
    assert response["Location"] == f"http://testserver{page}"
    assert "Accept" in response["Vary"] and "Accept-Language" in response["Vary"]
    assert client.get(response["Location"]).status_code == 200


def test_options_head_and_other_methods(client, piece):
    options = client.options("/id/piece/REP-ID-1")
    assert options.status_code == 204
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    assert options["Access-Control-Allow-Origin"] == "*"
    head = client.head("/id/piece/REP-ID-1", HTTP_ACCEPT="application/ld+json")
    assert head.status_code == 200 and head["Content-Type"] == PROFILE
    assert head.content == b""
    assert client.post("/id/piece/REP-ID-1").status_code == 405


def test_every_kind_of_record_dereferences(client, piece):
    document = client.get("/id/piece/REP-ID-1", HTTP_ACCEPT="application/ld+json").json()
    case_uri = document["member_of"][0]["id"]
    (acquisition,) = document["changed_ownership_through"]
    uris = [case_uri, acquisition["part_of"]["id"], document["classified_as"][0]["id"]]
    for uri in uris:
        response = client.get(uri, HTTP_ACCEPT="application/ld+json")
        assert response.status_code == 200, uri
        assert response.json()["id"] == uri
    event = ProvenanceEvent.objects.get(piece=piece)
    assert acquisition["part_of"]["id"] == f"http://testserver/id/provenance/{event.pk}"
    case_page = client.get(case_uri, HTTP_ACCEPT="text/html")
    assert case_page["Location"] == "http://testserver/es/catalogo/cases/CASE-ID-1/"


def test_the_api_serves_the_same_document(client, piece):
    record = client.get("/id/piece/REP-ID-1", HTTP_ACCEPT="application/ld+json")
    api = client.get("/api/v1/pieces/REP-ID-1", HTTP_ACCEPT="application/ld+json")
    assert api["Content-Type"] == PROFILE
    assert api.json() == record.json()
    assert "catalog_number" in client.get("/api/v1/pieces/REP-ID-1").json()  # JSON by default


@pytest.mark.parametrize(
    "path",
    ["/id/piece/REP-NONE", "/id/case/CASE-NONE", "/id/term/material/none",
     "/id/term/nothing/x", "/id/provenance/999999"],
)  # fmt: skip
def test_unknown_records_are_404_in_the_format_asked(client, catalog, path):
    response = client.get(path, HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(path, HTTP_ACCEPT="text/html").status_code == 404
