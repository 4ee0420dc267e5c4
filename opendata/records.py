"""The harvest log (HarvestRecord): what OAI-PMH harvesters are told changed, and when.

Harvesters ask "what changed since" (`from=`) and must learn of withdrawals
(deletedRecord=persistent): a catalog number that was public and is no more (its piece
unpublished, restricted, deleted, or renumbered) keeps a tombstone row for ever; pieces never
public are never listed. Rows are written from heritage's `record_changed` funnel — the same
events that update the search index — and the public rule is heritage's (piece_public_q).
Each batch of pieces costs the same three queries whatever its size.
"""

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from heritage.catalog import FACET_BY_NAME, Facet
from heritage.models import Piece, RecoveryCase
from heritage.selectors import piece_public_q

BATCH = 500
# The OAI sets: the catalog's own facets (recovery method, case, culture), setSpec
# `<facet>:<code>`; a case's facets count only while the case is published.
SET_FACETS: tuple[Facet, ...] = tuple(FACET_BY_NAME[name] for name in ("method", "case", "culture"))


def set_specs(row: dict) -> str:
    """A public piece's setSpecs from its values() row, space-delimited with a space at each
    end (so a set is found with `contains=" method:seizure "`, a parent with " method:")."""
    specs = [
        f"{facet.name}:{row[facet.code_lookup]}"
        for facet in SET_FACETS
        if row[facet.code_lookup] and (row["case__live"] or not facet.via_case)
    ]
    return f" {' '.join(specs)} " if specs else ""


def _public_rows(pieces, **filters) -> list[dict]:
    """values() of the public pieces (heritage's rule) with what their rows are made of."""
    lookups = sorted({facet.code_lookup for facet in SET_FACETS})
    public = pieces.filter(piece_public_q(), **filters)
    return list(public.values("pk", "catalog_number", "case__live", *lookups))


def set_lookup(spec: str) -> Q:
    """The rows of set `spec`: the set itself, or every set below it (`method` → `method:*`)."""
    return Q(sets__contains=f" {spec} ") | Q(sets__contains=f" {spec}:")


def records_sync(*, piece_ids: Iterable[int], pieces=None, records=None, now=None) -> int:
    """Bring the log in step with the pieces `piece_ids` as they are now: a public piece's row
    gets `now` as its datestamp (a returning catalog number is public again); a row whose piece
    is no longer public under that number becomes a tombstone dated `now`. `pieces` and
    `records` are managers (historical ones in a migration). Returns the rows written."""
    from opendata.models import HarvestRecord

    pieces = pieces if pieces is not None else Piece.objects
    records = records if records is not None else HarvestRecord.objects
    now = now or timezone.now()
    ids = sorted(set(piece_ids))
    written = 0
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        public = _public_rows(pieces, pk__in=batch)
        rows = [
            records.model(
                catalog_number=row["catalog_number"],
                piece_id=row["pk"],
                datestamp=now,
                deleted=False,
                sets=set_specs(row),
            )
            for row in public
        ]
        if rows:
            records.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["catalog_number"],
                update_fields=["piece_id", "datestamp", "deleted", "sets"],
            )
        numbers = [row["catalog_number"] for row in public]
        written += len(rows) + records.filter(piece_id__in=batch, deleted=False).exclude(
            catalog_number__in=numbers
        ).update(deleted=True, datestamp=now)
    return written


def on_record_changed(sender, ids, **kwargs) -> None:
    """heritage.signals.record_changed: a piece's own record, or every piece of a case (its
    sets and its metadata carry the case)."""
    if sender is Piece:
        records_sync(piece_ids=ids)
    elif sender is RecoveryCase:
        records_sync(piece_ids=Piece.objects.filter(case__in=ids).values_list("pk", flat=True))


def records_drift(*, pieces=None, records=None) -> list[int]:
    """The pieces whose log rows are out of step (a write that sent no signal): public without
    a live row under their number and sets, or a live row without a public piece."""
    from opendata.models import HarvestRecord

    pieces = pieces if pieces is not None else Piece.objects
    records = records if records is not None else HarvestRecord.objects
    public = {(row["pk"], row["catalog_number"], set_specs(row)) for row in _public_rows(pieces)}
    logged = set(records.filter(deleted=False).values_list("piece_id", "catalog_number", "sets"))
    return sorted({pk for pk, _number, _sets in public ^ logged})
