"""A real harvester (oaipmh-scythe) against the running site: a full harvest over several
resumption pages, then an incremental one (`from=` the first answer's responseDate) that sees
a restricted and a deleted piece as deleted records and never their metadata."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oaipmh_scythe import Scythe
from oaipmh_scythe.iterator import OAIResponseIterator

from tests.utils import build_catalog, build_site, make_case, make_piece

pytestmark = pytest.mark.django_db(transaction=True)

OAI = "{http://www.openarchives.org/OAI/2.0/}"
SECRET = "Vasija restringida HV"


@pytest.fixture
def repository(live_server, settings):

    from opendata.models import HarvestRecord

    settings.OAI_BATCH_SIZE = 2
    build_catalog(build_site())
    case = make_case("CASE-HARVEST-1")
    for number in range(1, 6):
        make_piece(f"REP-HARVEST-{number}", title_es=f"Vasija {number} HV",
                   case=case if number == 1 else None)  # fmt: skip
    make_piece("REP-HARVEST-9", title_es=SECRET, restricted=True)
    # Published an hour ago: an incremental harvest from now must not list them again.
    HarvestRecord.objects.update(datestamp=timezone.now() - timedelta(hours=1))
    return f"{live_server.url}/oai"


def identifier(number: int) -> str:
    return f"oai:retorno.localhost:REP-HARVEST-{number}"


def test_full_then_incremental_harvest_sees_withdrawn_pieces_as_deleted(repository):
    from heritage.models import Piece
    from heritage.services import pieces_set_restricted

    identify = Scythe(repository).identify()
    assert identify.deletedRecord == "persistent" and identify.baseURL == repository

    pages = list(Scythe(repository, iterator=OAIResponseIterator).list_records())
    assert len(pages) == 3  # five records, two per page
    harvested_at = pages[0].xml.findtext(f"{OAI}responseDate")
    full = list(Scythe(repository).list_records(metadata_prefix="oai_dc"))
    assert [record.header.identifier for record in full] == [identifier(n) for n in range(1, 6)]
    assert full[0].metadata["title"][0] == "Vasija 1 HV" and not any(r.deleted for r in full)

    pieces_set_restricted(pieces=Piece.objects.filter(catalog_number="REP-HARVEST-2"),
                          restricted=True)  # fmt: skip
    Piece.objects.get(catalog_number="REP-HARVEST-3").delete()

    for prefix in ("oai_dc", "linked_art"):
        changes = list(Scythe(repository).list_records(from_=harvested_at, metadata_prefix=prefix))
        assert [(r.header.identifier, r.deleted) for r in changes] == [
            (identifier(2), True),
            (identifier(3), True),
        ]
        raw = "".join(record.raw for record in changes)
        assert "Vasija 2 HV" not in raw and "Vasija 3 HV" not in raw and SECRET not in raw

    in_case = list(Scythe(repository).list_identifiers(set_="case:CASE-HARVEST-1"))
    assert [header.identifier for header in in_case] == [identifier(1)]
