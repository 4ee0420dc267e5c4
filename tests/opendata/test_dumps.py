"""`publish_dump`: a release the frictionless library validates, with checksums that match, a
change list against the previous release, CSV files the importers read back as a no-op, and
nothing that is not public — at a number of queries that does not grow with the catalog."""

import csv
import hashlib
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from frictionless import validate
from wagtail.models import Revision

from heritage.models import Piece
from heritage.services import catalog_import
from opendata.dumps import release_publish
from opendata.models import Release
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

EVENTS = [
    {"event_type": "find", "year_start": -300, "year_end": -100, "place": "Oaxaca"},
    {"event_type": "sale", "year_start": 1968, "party_from": "Colección A", "party_to": "Casa B"},
    {"event_type": "return", "year_start": 2021},
]
PRIVATE = [
    *("REP-DUMP-RESTRICTED", "Pieza restringida QX", "REP-DUMP-DRAFT", "Pieza borrador QX"),
    *("CASE-DUMP-DRAFT", "Caso borrador QX", "Nota interna QX", "Sitio secreto QX"),
]


@pytest.fixture
def dump_root(settings, tmp_path):
    settings.OPENDATA_ROOT = str(tmp_path / "opendata")
    settings.SITE_BASE_URL = "https://datos.retorno.example"
    return tmp_path / "opendata"


@pytest.fixture
def records(catalog):
    case = make_case("CASE-DUMP-1", notes_es="Nota interna QX")
    draft_case = make_case("CASE-DUMP-DRAFT", title_es="Caso borrador QX", publish=False)
    make_piece("REP-DUMP-1", case=case, events=EVENTS, height_cm="12.5",
               find_site="Sitio secreto QX")  # fmt: skip
    make_piece("REP-DUMP-2", case=draft_case, date_start=-1200, date_end=-900)
    make_piece("REP-DUMP-RESTRICTED", title_es="Pieza restringida QX", restricted=True,
               events=EVENTS)  # fmt: skip
    make_piece("REP-DUMP-DRAFT", title_es="Pieza borrador QX", publish=False, events=EVENTS)
    return case


def _rows(release: Release, name: str) -> list[dict]:
    with (release.path / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_release_validates_with_frictionless(records, dump_root):
    release = release_publish()
    report = validate(str(release.path / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])
    assert {task.name for task in report.tasks} == {
        "pieces", "cases", "provenance", "vocabularies", "changes", "linked-art",
    }  # fmt: skip
    assert all(task.valid for task in report.tasks)
    package = json.loads((release.path / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"] == [
        {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
         "title": "CC0 1.0 Universal"}
    ]  # fmt: skip
    assert (package["version"], package["sources"][0]["path"]) == (
        release.version,
        "https://datos.retorno.example",
    )
    pieces = next(r for r in package["resources"] if r["name"] == "pieces")
    fields = {field["name"]: field for field in pieces["schema"]["fields"]}
    assert fields["catalog_number"]["constraints"] == {"required": True, "unique": True}
    assert (fields["date_start"]["type"], fields["height_cm"]["type"]) == ("integer", "number")


def test_frictionless_finds_a_broken_file(records, dump_root):
    """The validation is not vacuous: a row the schema forbids and a changed byte both fail."""
    release = release_publish()
    pieces = release.path / "pieces.csv"
    pieces.write_text(pieces.read_text(encoding="utf-8") + "REP-DUMP-1,Duplicada\n", "utf-8")
    report = validate(str(release.path / "datapackage.json"))
    errors = {(task.name, error.type) for task in report.tasks for error in task.errors}
    assert ("pieces", "hash-count") in errors
    assert ("pieces", "primary-key") in errors


def test_checksums_match_the_files(records, dump_root):
    release = release_publish()
    listed = dict(
        reversed(line.split("  ", 1))
        for line in (release.path / "SHA256SUMS").read_text().splitlines()
    )
    package = json.loads((release.path / "datapackage.json").read_text(encoding="utf-8"))
    for name, digest in listed.items():
        assert hashlib.sha256((release.path / name).read_bytes()).hexdigest() == digest, name
    for resource in package["resources"]:
        assert resource["hash"] == f"sha256:{listed[resource['path']]}"
    assert {item["name"]: item["sha256"] for item in release.files if item["name"] in listed} == (
        listed
    )
    assert sorted(item["name"] for item in release.files) == sorted([*listed, "SHA256SUMS"])


def test_the_change_list_names_added_changed_and_withdrawn_records(records, dump_root):
    first = release_publish()
    assert first.changes == {"added": 3, "changed": 0, "withdrawn": 0}  # 2 pieces and 1 case
    make_piece("REP-DUMP-3")
    changed = Piece.objects.get(catalog_number="REP-DUMP-2")
    changed.title_en = "A new English title"
    changed.save_revision().publish()
    restricted = Piece.objects.get(catalog_number="REP-DUMP-1")
    restricted.restricted = True
    restricted.save()
    second = release_publish(now=timezone.now() + timedelta(minutes=1))
    assert second.version == f"{first.version}.2"
    assert second.previous_version == first.version
    assert second.changes == {"added": 1, "changed": 1, "withdrawn": 1}
    assert _rows(second, "changes.csv") == [
        {"kind": "piece", "identifier": "REP-DUMP-1", "change": "withdrawn"},
        {"kind": "piece", "identifier": "REP-DUMP-2", "change": "changed"},
        {"kind": "piece", "identifier": "REP-DUMP-3", "change": "added"},
    ]
    assert release_publish(now=timezone.now() + timedelta(minutes=2)).changes == {
        "added": 0, "changed": 0, "withdrawn": 0,
    }  # fmt: skip


def test_the_dump_reimports_through_the_importers_as_a_no_op(records, dump_root):
    # A piece's unpublished case is not named in public (see the next test): without one, the
    # dump holds each public record whole.
    Piece.objects.filter(catalog_number="REP-DUMP-2").update(case=None)
    release = release_publish()
    revisions = Revision.objects.count()
    for name, kind in (("cases.csv", "cases"), ("pieces.csv", "pieces"),
                       ("provenance.csv", "provenance")):  # fmt: skip
        data = (release.path / name).read_bytes()
        report = catalog_import(data=data, filename=name, sheet_kind=kind)
        assert report.ok and report.applied, (name, report.errors)
        assert (report.created, report.updated) == ([], {}), name
        assert report.unchanged > 0, name
    assert Revision.objects.count() == revisions


def test_no_private_record_reaches_any_file(records, dump_root):
    release = release_publish()
    for item in release.files:
        text = (release.path / item["name"]).read_text(encoding="utf-8")
        assert [secret for secret in PRIVATE if secret in text] == [], item["name"]
    pieces = {row["catalog_number"]: row for row in _rows(release, "pieces.csv")}
    assert list(pieces) == ["REP-DUMP-1", "REP-DUMP-2"]
    assert (pieces["REP-DUMP-1"]["case_code"], pieces["REP-DUMP-2"]["case_code"]) == (
        "CASE-DUMP-1",
        "",  # its case is a draft
    )
    assert (
        "find_site" not in pieces["REP-DUMP-1"] and "notes_es" not in _rows(release, "cases.csv")[0]
    )
    assert release.counts == {"pieces": 2, "cases": 1, "provenance": 3, "vocabularies":
                              release.counts["vocabularies"], "linked-art": 2}  # fmt: skip


def test_linked_art_lines_use_the_configured_base_url(records, dump_root):
    release = release_publish()
    lines = (release.path / "linked-art.ndjson").read_text(encoding="utf-8").splitlines()
    documents = [json.loads(line) for line in lines]
    assert [document["id"] for document in documents] == [
        "https://datos.retorno.example/id/piece/REP-DUMP-1",  # stable record URIs
        "https://datos.retorno.example/id/piece/REP-DUMP-2",
    ]
    assert documents[1]["produced_by"]["timespan"]["begin_of_the_begin"].startswith("-")


def test_queries_do_not_grow_with_the_number_of_pieces(
    records, dump_root, django_assert_max_num_queries
):
    release_publish()  # both measured releases have a previous one
    with CaptureQueriesContext(connection) as few:
        release_publish(now=timezone.now() + timedelta(minutes=1))
    for number in range(12):
        make_piece(f"REP-DUMP-MORE-{number:02d}", case=records, events=EVENTS)
    with django_assert_max_num_queries(len(few)):
        release = release_publish(now=timezone.now() + timedelta(minutes=2))
    assert release.counts["pieces"] == 14


def test_publish_dump_command_writes_and_records_a_release(records, dump_root, tmp_path):
    output = tmp_path / "elsewhere"
    call_command("publish_dump", output=output, stdout=(log := _Log()))
    release = Release.objects.get()
    assert release.path == output / release.version
    assert (output / release.version / "datapackage.json").is_file()
    assert not list(output.glob(".*.partial"))
    assert f"published release {release.version}" in log.text
    call_command("publish_dump", if_none=True, stdout=log)
    assert Release.objects.count() == 1


class _Log:
    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text
