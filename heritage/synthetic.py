"""Synthetic, clearly illustrative catalogs for benchmarks (15,000 and 150,000 pieces).

Every record says it is synthetic: catalog numbers start with SYN-, titles say "sintética",
and is_illustrative is set. Cultures, periods, years, object types and materials are drawn
together from what is plausible (heritage.illustrative), so facets and date searches over a
synthetic catalog meet the correlations a real one has. Written in bulk (no per-record
revisions) to stay fast.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction

from heritage.choices import Authenticity, DateQualifier, ProvenanceEventType
from heritage.illustrative import PlausiblePieces
from heritage.models import (
    Country,
    Institution,
    Piece,
    ProvenanceEvent,
    RecoveryCase,
    RecoveryMethod,
)

PIECES_PER_CASE = 150


def synthetic_rows(*, count: int, seed: int, start: int = 1) -> list[dict]:
    """Rows in the import format (docs/import-format.md), for import benchmarks."""
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not security
    plausible = PlausiblePieces()
    custodians = list(Institution.objects.order_by("code").values_list("code", flat=True))
    rows = []
    for number in range(start, start + count):
        drawn = plausible.draw(rng)
        rows.append(
            {
                "catalog_number": f"SYN-{seed}-{number:07d}",
                "title_es": f"Pieza sintética {number} (ilustrativa)",
                "title_en": f"Synthetic piece {number} (illustrative)",
                "description_es": "Registro sintético para pruebas de rendimiento; no es real.",
                "description_en": "Synthetic record for performance tests; not real.",
                "culture": drawn.culture.code,
                "period": drawn.period.code,
                "date_start": str(drawn.date_start),
                "date_end": str(drawn.date_end),
                "object_type": drawn.object_type.code,
                "materials": "|".join(term.code for term in drawn.materials),
                "techniques": "|".join(term.code for term in drawn.techniques),
                "height_cm": str(rng.randint(2, 90)),
                "weight_g": str(rng.randint(10, 9000)),
                "custodian": rng.choice(custodians),
                "authenticity": rng.choice(["authentic", "authentic", "under_study", "replica"]),
            }
        )
    return rows


def generate_catalog(
    *,
    pieces: int,
    seed: int,
    events_per_piece: int = 3,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Create `pieces` published synthetic pieces over synthetic cases, with provenance."""
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not security
    methods = list(RecoveryMethod.objects.all())
    countries = list(Country.objects.all())
    plausible = PlausiblePieces()
    custodians = list(Institution.objects.order_by("code"))
    existing = set(
        Piece.objects.filter(catalog_number__startswith=f"SYN-{seed}-").values_list(
            "catalog_number", flat=True
        )
    )
    case_count = max(1, pieces // PIECES_PER_CASE)
    with transaction.atomic():
        cases = []
        for index in range(1, case_count + 1):
            code = f"SYN-CASE-{seed}-{index:05d}"
            year = 2018 + index % 7
            case, _created = RecoveryCase.objects.get_or_create(
                code=code,
                defaults={
                    "title_es": f"Caso sintético {index} (ilustrativo)",
                    "title_en": f"Synthetic case {index} (illustrative)",
                    "title": f"Caso sintético {index} (ilustrativo)",
                    "method": methods[index % len(methods)],
                    "country": countries[index % len(countries)],
                    "date_received": datetime.date(year, 1 + index % 12, 1 + index % 28),
                    "is_illustrative": True,
                    "live": True,
                },
            )
            cases.append(case)
        created = 0
        batch = 2000
        for start in range(1, pieces + 1, batch):
            numbers = [
                n
                for n in range(start, min(start + batch, pieces + 1))
                if f"SYN-{seed}-{n:07d}" not in existing
            ]
            chunk, made_of = [], []
            for number in numbers:
                drawn = plausible.draw(rng)
                made_of.append(drawn)
                chunk.append(
                    Piece(
                        catalog_number=f"SYN-{seed}-{number:07d}",
                        title=f"Pieza sintética {number} (ilustrativa)",
                        title_es=f"Pieza sintética {number} (ilustrativa)",
                        title_en=f"Synthetic piece {number} (illustrative)",
                        description_es="Registro sintético para pruebas de rendimiento.",
                        description_en="Synthetic record for performance tests.",
                        culture=drawn.culture,
                        period=drawn.period,
                        date_start=drawn.date_start,
                        date_end=drawn.date_end,
                        object_type=drawn.object_type,
                        height_cm=rng.randint(2, 90),
                        custodian=rng.choice(custodians),
                        authenticity=rng.choice(list(Authenticity)).value,
                        case=cases[(number - 1) // PIECES_PER_CASE % len(cases)],
                        restricted=number % 50 == 0,
                        is_illustrative=True,
                        live=True,
                        has_unpublished_changes=False,
                    )
                )
            Piece.objects.bulk_create(chunk, batch_size=1000)
            material_through = Piece.materials.through
            technique_through = Piece.techniques.through
            material_through.objects.bulk_create(
                [
                    material_through(piece_id=piece.pk, material_id=term.pk)
                    for piece, drawn in zip(chunk, made_of, strict=True)
                    for term in drawn.materials
                ],
                batch_size=5000,
            )
            technique_through.objects.bulk_create(
                [
                    technique_through(piece_id=piece.pk, technique_id=term.pk)
                    for piece, drawn in zip(chunk, made_of, strict=True)
                    for term in drawn.techniques
                ],
                batch_size=5000,
            )
            ProvenanceEvent.objects.bulk_create(
                [
                    ProvenanceEvent(
                        piece_id=piece.pk,
                        sort_order=order,
                        event_type=kind,
                        date_qualifier=DateQualifier.CIRCA if order == 0 else DateQualifier.EXACT,
                        year_start=year,
                        year_end=year,
                        party_to="Colección sintética",
                    )
                    for piece in chunk
                    for order, (kind, year) in enumerate(
                        [
                            (ProvenanceEventType.ACQUISITION, 1950 + piece.pk % 20),
                            (ProvenanceEventType.AUCTION, 1980 + piece.pk % 25),
                            (ProvenanceEventType.RETURN, 2018 + piece.pk % 7),
                        ][:events_per_piece]
                    )
                ],
                batch_size=5000,
            )
            created += len(chunk)
            if progress:
                progress(min(start + batch - 1, pieces), pieces)
    from heritage.selectors import facets_invalidate

    facets_invalidate()  # bulk writes send no signals; search indices need search_rebuild
    return {"pieces": created, "cases": len(cases)}
