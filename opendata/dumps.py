"""Dated dumps of the public catalog: `manage.py publish_dump` writes a release.

A release is a folder (OPENDATA_ROOT/<version>/) holding the public catalog as CSV in the import
format (pieces, cases, provenance: heritage.exporting writes them, so a dump re-imports as a
no-op) plus the vocabularies, the pieces as Linked Art NDJSON, the change list against the
previous release, a Frictionless `datapackage.json` (Table Schema of every CSV, the licence,
checksums) and SHA256SUMS. Only public records are written (heritage.selectors' rule: live and
not restricted; cases: published), and a piece's unpublished case is left out of its row.

Memory and SQL stay bounded: every table is streamed from a database iterator in chunks, each
chunk with a fixed number of queries, straight to its file.
"""

import csv
import hashlib
import json
import shutil
from collections.abc import Iterable, Iterator
from datetime import datetime
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation

from core.i18n import site_name
from core.links import base_url
from heritage import exporting, linked_data, selectors
from heritage.choices import (
    PIECE_DATE_QUALIFIERS,
    Authenticity,
    Confidence,
    DateQualifier,
    HolderType,
    LegalBasis,
    ProvenanceEventType,
)
from heritage.importing import REQUIRED_COLUMNS
from heritage.models import VOCABULARIES, Piece
from opendata.releases import Release

CHUNK_SIZE = 1000
PIECES, CASES, PROVENANCE, VOCABULARY = "pieces", "cases", "provenance", "vocabularies"
LINKED_ART, CHANGES = "linked-art", "changes"
DATAPACKAGE, CHECKSUMS = "datapackage.json", "SHA256SUMS"
CSV_TYPE, NDJSON_TYPE = "text/csv", "application/x-ndjson"


# --- what is public -----------------------------------------------------------------------------
def public_pieces() -> QuerySet[Piece]:
    """The pieces a dump holds: heritage's public rule, in catalog-number order."""
    return selectors.piece_base_public().order_by("catalog_number")


def linked_art_documents(pieces: QuerySet[Piece], *, request=None) -> Iterator[dict]:
    """The pieces as Linked Art documents (heritage.linked_data), CHUNK_SIZE pieces at a time:
    memory bounded, a fixed number of queries per chunk."""
    rows = pieces.iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(rows, CHUNK_SIZE)):
        yield from linked_data.linked_art_documents(chunk, request=request)


def _piece_rows(columns: list[str]) -> Iterator[dict]:
    queryset = exporting.export_queryset(include_restricted=False).filter(
        selectors.piece_public_q()
    )
    for piece in queryset.iterator(chunk_size=CHUNK_SIZE):
        row = exporting.piece_row(piece, columns)
        if piece.case_id and not piece.case.live:
            row["case_code"] = ""  # an unpublished case is not named in public
        yield row


# --- Table Schemas --------------------------------------------------------------------------------
def _enum(choices) -> dict:
    return {"constraints": {"enum": [choice.value for choice in choices]}}


def _field(name: str, kind: str = "string", **extra) -> dict:
    return {"name": name, "type": kind, **extra}


REQUIRED = {"constraints": {"required": True}}
KEY = {"constraints": {"required": True, "unique": True}}
PIECE_FIELDS = {
    "catalog_number": KEY,
    **{name: REQUIRED for name in REQUIRED_COLUMNS if name != "catalog_number"},
    "date_qualifier": _enum(PIECE_DATE_QUALIFIERS),
    "date_start": {"type": "integer", "description": "Signed year: -1200 is 1200 BCE."},
    "date_end": {"type": "integer", "description": "Signed year: -1200 is 1200 BCE."},
    **{
        name: {"type": "number", "constraints": {"minimum": 0}}
        for name in ("height_cm", "width_cm", "depth_cm", "diameter_cm", "weight_g")
    },
    "materials": {"description": "Material codes (vocabularies.csv), separated by |."},
    "techniques": {"description": "Technique codes (vocabularies.csv), separated by |."},
    "authenticity": _enum(Authenticity),
    "case_code": {"description": "Code of the piece's published recovery case (cases.csv)."},
}
CASE_FIELDS = {
    "code": KEY,
    site_name("title"): REQUIRED,
    "method": {"constraints": {"required": True}, "description": "Recovery method code."},
    "holder_type": _enum(HolderType),
    "legal_basis": _enum(LegalBasis),
    **{name: {"type": "date"} for name in ("date_reported", "date_handed_over", "date_received")},
}
PROVENANCE_FIELDS = {
    "catalog_number": REQUIRED,
    "sequence": {"type": "integer", "constraints": {"required": True, "minimum": 1}},
    "event_type": {"constraints": {"required": True, "enum": list(ProvenanceEventType.values)}},
    "date_qualifier": _enum(DateQualifier),
    "year_start": {"type": "integer", "description": "Signed year: -1200 is 1200 BCE."},
    "year_end": {"type": "integer", "description": "Signed year: -1200 is 1200 BCE."},
    "confidence": _enum(Confidence),
}
VOCABULARY_FIELDS = {
    "vocabulary": {
        "constraints": {
            "required": True,
            "enum": [model._meta.model_name for model in VOCABULARIES],
        }
    },
    "code": REQUIRED,
    "start_year": {"type": "integer"},
    "end_year": {"type": "integer"},
    "broader": {"description": "Code of the broader term in the same vocabulary."},
}
CHANGE_FIELDS = {
    "kind": {"constraints": {"required": True, "enum": ["piece", "case"]}},
    "identifier": REQUIRED,
    "change": {"constraints": {"required": True, "enum": ["added", "changed", "withdrawn"]}},
}
CHANGE_COLUMNS = list(CHANGE_FIELDS)


def table_schema(columns: list[str], fields: dict, **keys) -> dict:
    """A Frictionless Table Schema: every column, typed and constrained as `fields` says."""
    schema_fields = []
    for column in columns:
        spec = dict(fields.get(column, {}))
        schema_fields.append(_field(column, spec.pop("type", "string"), **spec))
    return {"fields": schema_fields, "missingValues": [""], **keys}


def _schemas(piece_columns, case_columns) -> dict[str, dict]:
    return {
        PIECES: table_schema(
            piece_columns,
            PIECE_FIELDS,
            primaryKey=["catalog_number"],
            foreignKeys=[
                {"fields": ["case_code"], "reference": {"resource": CASES, "fields": ["code"]}}
            ],
        ),
        CASES: table_schema(case_columns, CASE_FIELDS, primaryKey=["code"]),
        PROVENANCE: table_schema(
            list(exporting.PROVENANCE_COLUMNS),
            PROVENANCE_FIELDS,
            primaryKey=["catalog_number", "sequence"],
            foreignKeys=[
                {
                    "fields": ["catalog_number"],
                    "reference": {"resource": PIECES, "fields": ["catalog_number"]},
                }
            ],
        ),
        VOCABULARY: table_schema(
            list(exporting.VOCABULARY_COLUMNS), VOCABULARY_FIELDS, primaryKey=["vocabulary", "code"]
        ),
        CHANGES: table_schema(CHANGE_COLUMNS, CHANGE_FIELDS),
    }


# --- writing ----------------------------------------------------------------------------------
def _write_table(directory: Path, name: str, rows: Iterable[dict], columns: list[str]) -> int:
    with (directory / f"{name}.csv").open("w", encoding="utf-8", newline="") as stream:
        return exporting.write_csv(rows, columns, stream)


def _write_ndjson(directory: Path, name: str, documents: Iterable[dict]) -> int:
    count = 0
    with (directory / f"{name}.ndjson").open("w", encoding="utf-8") as stream:
        for document in documents:
            stream.write(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
            count += 1
    return count


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _describe(path: Path, mediatype: str) -> dict:
    return {
        "name": path.name,
        "bytes": path.stat().st_size,
        "sha256": sha256_of(path),
        "mediatype": mediatype,
    }


# --- change list ------------------------------------------------------------------------------
def _read_csv(path: Path) -> Iterator[dict]:
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="") as stream:
        yield from csv.DictReader(stream)


def fingerprints(directory: Path) -> dict[tuple[str, str], str]:
    """(kind, identifier) → digest of the record's rows in a release's CSV files (a piece's
    own row and its provenance rows; a case's row), read from the files themselves so that any
    two releases compare the same way."""
    digests: dict[tuple[str, str], hashlib._Hash] = {}

    def add(key, row: dict) -> None:
        digests.setdefault(key, hashlib.sha256()).update(
            json.dumps(row, sort_keys=True, ensure_ascii=False).encode()
        )

    for row in _read_csv(directory / f"{PIECES}.csv"):
        add(("piece", row["catalog_number"]), row)
    for row in _read_csv(directory / f"{PROVENANCE}.csv"):
        if ("piece", row["catalog_number"]) in digests:
            add(("piece", row["catalog_number"]), row)
    for row in _read_csv(directory / f"{CASES}.csv"):
        add(("case", row["code"]), row)
    return {key: digest.hexdigest() for key, digest in digests.items()}


def change_list(before: dict, after: dict) -> list[dict]:
    """Added, changed and withdrawn (in the previous release, not public now) records."""
    rows = []
    for key in sorted(before.keys() | after.keys()):
        if key not in before:
            change = "added"
        elif key not in after:
            change = "withdrawn"
        elif before[key] != after[key]:
            change = "changed"
        else:
            continue
        rows.append({"kind": key[0], "identifier": key[1], "change": change})
    return rows


# --- the release ------------------------------------------------------------------------------
def next_version(now: datetime) -> str:
    """The release's date (2026-12-02), with .2, .3 … for later releases on the same day."""
    day = timezone.localdate(now).isoformat()
    taken = set(Release.objects.filter(version__startswith=day).values_list("version", flat=True))
    version, number = day, 1
    while version in taken:
        number += 1
        version = f"{day}.{number}"
    return version


def datapackage(*, version: str, created: datetime, schemas: dict, files: dict) -> dict:
    """The Frictionless descriptor of a release: one resource per file, with its checksum."""
    license_ = settings.RETORNO_DATA_LICENSE

    def resource(name: str, filename: str, title: str, **extra) -> dict:
        described = files[filename]
        return {
            "name": name,
            "path": filename,
            "title": title,
            "mediatype": described["mediatype"],
            "encoding": "utf-8",
            "bytes": described["bytes"],
            "hash": f"sha256:{described['sha256']}",
            **extra,
        }

    def table(name: str, title: str) -> dict:
        return resource(
            name,
            f"{name}.csv",
            title,
            type="table",
            profile="tabular-data-resource",
            format="csv",
            dialect={"delimiter": ",", "header": True},
            schema=schemas[name],
        )

    return {
        "profile": "data-package",
        "name": "retorno-catalog",
        "title": "Retorno: catalog of repatriated pre-Hispanic pieces",
        "version": version,
        "created": created.isoformat(timespec="seconds"),
        "homepage": base_url(),
        "licenses": [license_],
        "sources": [{"title": "Retorno", "path": base_url()}],
        "resources": [
            table(PIECES, "Public pieces (import format)"),
            table(CASES, "Published recovery cases (import format)"),
            table(PROVENANCE, "Provenance events of the public pieces (import format)"),
            table(VOCABULARY, "Vocabulary terms"),
            table(CHANGES, "Changes since the previous release"),
            resource(
                LINKED_ART,
                f"{LINKED_ART}.ndjson",
                "Public pieces as Linked Art JSON-LD, one document per line",
                type="file",  # not a table: frictionless checks its size and checksum
                profile="data-resource",
                format="ndjson",
            ),
        ],
    }


def release_publish(*, root: Path | None = None, now: datetime | None = None) -> Release:
    """Write a release of the public catalog under `root` (OPENDATA_ROOT, by default
    MEDIA_ROOT/opendata) and record it.

    The files are written to a hidden folder first and moved into place when complete, so a
    release is never seen half-written."""
    now = now or timezone.now()
    root = Path(root or settings.OPENDATA_ROOT or Path(settings.MEDIA_ROOT) / "opendata")
    version = next_version(now)
    previous = Release.objects.order_by("-created_at", "-pk").first()
    staging, directory = root / f".{version}.partial", root / version
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    piece_columns = exporting.export_columns(include_restricted=False)
    case_columns = exporting.case_columns(include_notes=False)
    with translation.override(settings.LANGUAGE_CODE):
        counts = {
            PIECES: _write_table(staging, PIECES, _piece_rows(piece_columns), piece_columns),
            CASES: _write_table(
                staging,
                CASES,
                exporting.case_rows(selectors.case_list_public().order_by("code"), case_columns),
                case_columns,
            ),
            PROVENANCE: _write_table(
                staging,
                PROVENANCE,
                exporting.provenance_rows(exporting.provenance_queryset(pieces=public_pieces())),
                list(exporting.PROVENANCE_COLUMNS),
            ),
            VOCABULARY: _write_table(
                staging, VOCABULARY, exporting.vocabulary_rows(), exporting.VOCABULARY_COLUMNS
            ),
            LINKED_ART: _write_ndjson(staging, LINKED_ART, linked_art_documents(public_pieces())),
        }
    before = fingerprints(previous.path) if previous and previous.path.is_dir() else {}
    changes = change_list(before, fingerprints(staging))
    _write_table(staging, CHANGES, changes, CHANGE_COLUMNS)
    files = {
        f"{name}.csv": _describe(staging / f"{name}.csv", CSV_TYPE)
        for name in (PIECES, CASES, PROVENANCE, VOCABULARY, CHANGES)
    }
    files[f"{LINKED_ART}.ndjson"] = _describe(staging / f"{LINKED_ART}.ndjson", NDJSON_TYPE)
    package = datapackage(
        version=version,
        created=now,
        schemas=_schemas(piece_columns, case_columns),
        files=files,
    )
    (staging / DATAPACKAGE).write_text(
        json.dumps(package, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    files[DATAPACKAGE] = _describe(staging / DATAPACKAGE, "application/json")
    (staging / CHECKSUMS).write_text(
        "".join(f"{item['sha256']}  {name}\n" for name, item in files.items()), encoding="utf-8"
    )
    files[CHECKSUMS] = _describe(staging / CHECKSUMS, "text/plain")
    shutil.rmtree(directory, ignore_errors=True)  # a folder no release records
    staging.rename(directory)
    tally = {kind: sum(1 for row in changes if row["change"] == kind) for kind in CHANGE_KINDS}
    return Release.objects.create(
        version=version,
        created_at=now,
        license=settings.RETORNO_DATA_LICENSE["name"],
        counts=counts,
        files=[files[name] for name in FILE_ORDER],
        changes=tally,
        previous_version=previous.version if previous else "",
        directory=str(directory),
    )


CHANGE_KINDS = ("added", "changed", "withdrawn")
FILE_ORDER = [
    DATAPACKAGE,
    f"{PIECES}.csv",
    f"{CASES}.csv",
    f"{PROVENANCE}.csv",
    f"{VOCABULARY}.csv",
    f"{LINKED_ART}.ndjson",
    f"{CHANGES}.csv",
    CHECKSUMS,
]


def release_list_public() -> QuerySet[Release]:
    """Every release, newest first (a release holds only public records)."""
    return Release.objects.order_by("-created_at", "-pk")


def release_get(*, version: str) -> Release | None:
    """The release of that version, or the newest for `latest`."""
    releases = release_list_public()
    if version == "latest":
        return releases.first()
    return releases.filter(version=version).first()
