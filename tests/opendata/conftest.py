from pathlib import Path

import pytest
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/"}


class VendoredSchemas(etree.Resolver):
    """Every schemaLocation (http://www.openarchives.org/…, http://www.w3.org/2001/03/xml.xsd)
    read from tests/opendata/schemas/: no network."""

    def resolve(self, url, public_id, context):
        local = SCHEMAS / url.rsplit("/", 1)[-1]
        return self.resolve_filename(str(local), context) if local.exists() else None


@pytest.fixture(scope="session")
def oai_schema(tmp_path_factory):
    """OAI-PMH.xsd with the schemas of both our formats: the envelope validates its metadata
    strictly (processContents="strict"), so an answer is valid only if its records are too."""
    from opendata.oai import LINKED_ART_SCHEMA, NS_LINKED_ART, NS_OAI, NS_OAI_DC

    folder = tmp_path_factory.mktemp("schemas")
    (folder / "linked-art.xsd").write_text(LINKED_ART_SCHEMA)
    imports = {
        NS_OAI: SCHEMAS / "OAI-PMH.xsd",
        NS_OAI_DC: SCHEMAS / "oai_dc.xsd",
        NS_LINKED_ART: folder / "linked-art.xsd",
    }
    driver = folder / "all.xsd"
    driver.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:tests">'
        + "".join(f'<xs:import namespace="{ns}" schemaLocation="{path.as_uri()}"/>'
                  for ns, path in imports.items())
        + "</xs:schema>"
    )  # fmt: skip
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(VendoredSchemas())
    return etree.XMLSchema(etree.parse(str(driver), parser))


@pytest.fixture
def valid(oai_schema):
    """The parsed answer, after checking it against the OAI-PMH schema."""

    def check(body: bytes):
        root = etree.fromstring(body)
        assert oai_schema.validate(root), oai_schema.error_log.filter_from_errors()
        return root

    return check
