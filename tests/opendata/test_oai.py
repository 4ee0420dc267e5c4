"""The OAI-PMH protocol at /oai: every answer valid against the OAI-PMH schema (vendored, with
oai_dc's and our Linked Art wrapper's), errors as the protocol's error element, signed
resumption tokens, constant SQL per page."""

import json
from datetime import UTC

import pytest

from heritage.models import Piece
from heritage.services import pieces_set_restricted
from opendata.models import HarvestRecord
from tests.opendata.conftest import NS
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

RESTRICTED = "Máscara restringida QX"
DRAFT = "Máscara borrador QX"


@pytest.fixture
def records(catalog):
    case = make_case("CASE-OAI-1")
    make_case("CASE-OAI-DRAFT", publish=False)
    make_piece("REP-OAI-1", case=case, title_es="Vasija QX", title_en="Vessel QX",
               title_nah="Comitl QX", description_es="Una vasija.")  # fmt: skip
    make_piece("REP-OAI-2")
    make_piece("REP-OAI-3")
    make_piece("REP-OAI-8", title_es=RESTRICTED, restricted=True)
    make_piece("REP-OAI-9", title_es=DRAFT, publish=False)


def oai(client, **query):
    response = client.get("/oai", query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return response.content


def texts(root, path: str) -> list[str]:
    return [element.text for element in root.iterfind(path, NS)]


def error_of(root) -> tuple[str, dict]:
    request = root.find("oai:request", NS)
    return root.find("oai:error", NS).get("code"), dict(request.attrib)


def test_the_repository_describes_itself_its_formats_and_its_sets(client, records, valid):
    root = valid(oai(client, verb="Identify"))
    earliest = min(row.datestamp for row in HarvestRecord.objects.all())
    assert texts(root, "oai:Identify/oai:baseURL") == ["http://testserver/oai"]
    assert texts(root, "oai:Identify/oai:deletedRecord") == ["persistent"]
    assert texts(root, "oai:Identify/oai:granularity") == ["YYYY-MM-DDThh:mm:ssZ"]
    assert texts(root, "oai:Identify/oai:earliestDatestamp") == [
        earliest.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    ]
    assert texts(root, "oai:Identify/oai:adminEmail")

    formats = valid(oai(client, verb="ListMetadataFormats"))
    assert texts(formats, ".//oai:metadataPrefix") == ["oai_dc", "linked_art"]
    assert "http://testserver/oai/linked-art.xsd" in texts(formats, ".//oai:schema")
    schema = client.get("/oai/linked-art.xsd")
    assert schema.status_code == 200 and b"linkedArt" in schema.content

    sets = texts(valid(oai(client, verb="ListSets")), ".//oai:setSpec")
    assert {"method", "method:seizure", "case", "case:CASE-OAI-1", "culture:maya"} <= set(sets)
    assert "case:CASE-OAI-DRAFT" not in sets


def test_list_records_in_dublin_core_in_every_language_and_by_set(client, records, valid):
    body = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    root = valid(body)
    assert texts(root, ".//oai:header/oai:identifier") == [
        f"oai:retorno.localhost:REP-OAI-{n}" for n in (1, 2, 3)
    ]
    first = root.find("oai:ListRecords/oai:record", NS)
    titles = {t.get("{http://www.w3.org/XML/1998/namespace}lang"): t.text
              for t in first.iterfind(".//dc:title", NS)}  # fmt: skip
    assert titles == {"es": "Vasija QX", "en": "Vessel QX", "nah": "Comitl QX"}
    assert texts(first, ".//dc:identifier") == [
        "http://testserver/es/catalogo/REP-OAI-1/",
        "REP-OAI-1",
    ]
    assert texts(first, ".//dc:date") == ["0600/0900"]
    assert texts(first, ".//oai:setSpec") == ["method:seizure", "case:CASE-OAI-1", "culture:maya"]
    assert texts(first, ".//dc:rights") == ["https://creativecommons.org/publicdomain/zero/1.0/"]
    text = body.decode()
    assert RESTRICTED not in text and DRAFT not in text and "REP-OAI-8" not in text

    def harvested(spec):
        root = valid(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec))
        return texts(root, ".//oai:identifier")

    assert harvested("case:CASE-OAI-1") == ["oai:retorno.localhost:REP-OAI-1"]
    assert harvested("method") == ["oai:retorno.localhost:REP-OAI-1"]  # a parent set
    assert len(harvested("culture:maya")) == 3


def test_linked_art_records_carry_the_json_ld_document_until_withdrawn(
    client, records, valid, django_capture_on_commit_callbacks
):
    root = valid(oai(client, verb="GetRecord", metadataPrefix="linked_art",
                     identifier="oai:retorno.localhost:REP-OAI-1"))  # fmt: skip
    wrapper = root.find(".//{urn:retorno:oai:linked-art}linkedArt")
    assert wrapper.get("contentType") == "application/ld+json"
    document = json.loads(wrapper.text)
    assert document["type"] == "HumanMadeObject"
    assert document["id"] == "http://testserver/id/piece/REP-OAI-1"  # its stable record URI

    # Restricted: a deleted record from then on, without metadata.
    with django_capture_on_commit_callbacks(execute=True):
        pieces_set_restricted(pieces=Piece.objects.filter(catalog_number="REP-OAI-1"),
                              restricted=True)  # fmt: skip
    body = oai(client, verb="GetRecord", metadataPrefix="oai_dc",
               identifier="oai:retorno.localhost:REP-OAI-1")  # fmt: skip
    root = valid(body)
    assert root.find(".//oai:header", NS).get("status") == "deleted"
    assert root.find(".//oai:metadata", NS) is None and "Vasija QX" not in body.decode()


def test_a_log_row_out_of_step_never_shows_a_private_piece(client, records, valid):
    """A row the log holds as live for a piece that is not public (a write that bypassed the
    funnel) is answered as deleted: the public rule is checked at each answer."""
    Piece.objects.filter(catalog_number="REP-OAI-2").update(restricted=True)  # no signal
    body = oai(client, verb="ListRecords", metadataPrefix="linked_art")
    root = valid(body)
    deleted = [h.findtext("oai:identifier", namespaces=NS)
               for h in root.iterfind(".//oai:header[@status='deleted']", NS)]  # fmt: skip
    assert deleted == ["oai:retorno.localhost:REP-OAI-2"]
    assert len(root.findall(".//oai:metadata", NS)) == 2


ERRORS = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "Identify", "color": "red"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01",
      "until": "2030-01-01T00:00:00Z"}, "badArgument"),
    ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:retorno.localhost:REP-OAI-1"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:retorno.localhost:NO"},
     "idDoesNotExist"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc",
      "identifier": "oai:retorno.localhost:REP-OAI-8"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "REP-OAI-1"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "case:CASE-OAI-DRAFT"},
     "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2999-01-01"},
     "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "until": "2000-01-01T00:00:00Z"},
     "noRecordsMatch"),
    ({"verb": "ListRecords", "resumptionToken": "made-up"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "made-up"}, "badResumptionToken"),
]  # fmt: skip


def test_protocol_errors_are_answered_as_oai_errors(client, records, valid):
    """One test for every case (the records are built once): each answer a valid error
    element; after badVerb or badArgument the request element echoes no argument."""
    answered = []
    for query, _code in ERRORS:
        code, request = error_of(valid(oai(client, **query)))
        answered.append((query, code, request == {}))
    assert answered == [(query, code, code in ("badVerb", "badArgument")) for query, code in ERRORS]


def test_resumption_tokens_page_through_and_refuse_tampering(client, records, valid, settings):
    settings.OAI_BATCH_SIZE = 2
    first = valid(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc"))
    token = first.find(".//oai:resumptionToken", NS)
    assert token.get("completeListSize") == "3" and token.get("cursor") == "0"
    last = valid(oai(client, verb="ListIdentifiers", resumptionToken=token.text))
    ends = last.find(".//oai:resumptionToken", NS)
    assert ends.text is None and ends.get("cursor") == "2"
    assert len(texts(first, ".//oai:identifier") + texts(last, ".//oai:identifier")) == 3

    tampered = token.text[:-3] + ("AAA" if not token.text.endswith("AAA") else "BBB")
    for query in (
        {"verb": "ListIdentifiers", "resumptionToken": tampered},
        {"verb": "ListRecords", "resumptionToken": token.text},  # another verb's token
    ):
        assert error_of(valid(oai(client, **query)))[0] == "badResumptionToken"
    settings.OAI_TOKEN_MAX_AGE = -1  # expired
    expired = valid(oai(client, verb="ListIdentifiers", resumptionToken=token.text))
    assert error_of(expired)[0] == "badResumptionToken"


def test_post_is_answered_like_get(client, catalog):
    query = {"verb": "ListSets"}
    posted = client.post("/oai", query)
    assert posted.status_code == 200
    strip = lambda body: body.split(b"</responseDate>")[1]  # noqa: E731
    assert strip(posted.content) == strip(client.get("/oai", query).content)


def test_harvesters_beyond_the_rate_limit_are_told_when_to_come_back(client, catalog, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "oai": (2, 60)}
    answers = [client.get("/oai", {"verb": "Identify"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 503]
    assert int(answers[-1]["Retry-After"]) > 0


def test_a_page_of_records_costs_the_same_queries_at_any_size(
    client, records, django_assert_max_num_queries
):
    # Site and page lookups of the middleware (3), the log's page (1), the pieces with their
    # vocabularies, images and provenance (6), the catalog's path (2), the sets' names (3).
    def pages() -> list[int]:
        counts = []
        for prefix in ("oai_dc", "linked_art"):
            with django_assert_max_num_queries(16):
                body = oai(client, verb="ListRecords", metadataPrefix=prefix)
            counts.append(body.count(b"<metadata>"))
        return counts

    assert pages() == [3, 3]
    for number in range(10, 19):
        make_piece(f"REP-OAI-{number}", events=[{"event_type": "seizure", "year_start": 2019}])
    assert pages() == [12, 12]
