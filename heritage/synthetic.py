"""Synthetic, clearly illustrative catalogs for benchmarks (15,000 and 150,000 pieces).

Every record says it is synthetic: catalog numbers start with SYN-, titles say "sintética",
and is_illustrative is set. Written in bulk (no per-record revisions) to stay fast.
"""

import datetime
import random
from collections.abc import Callable

from django.db import transaction

from heritage.choices import Authenticity, DateQualifier, ProvenanceEventType
from heritage.models import (
    Country,
    Culture,
    Institution,
    Material,
    ObjectType,
    Period,
    Piece,
    ProvenanceEvent,
    RecoveryCase,
    RecoveryMethod,
    Technique,
)

PIECES_PER_CASE = 150


def synthetic_rows(*, count: int, seed: int, start: int = 1) -> list[dict]:
    """Rows in the import format (docs/import-format.md), for import benchmarks."""
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data, not security
    cultures = list(Culture.objects.values_list("code", flat=True))
    periods = list(
        Period.objects.filter(parent__isnull=False).values("code", "start_year", "end_year")
    )
    object_types = list(ObjectType.objects.values_list("code", flat=True))
    materials = list(Material.objects.values_list("code", flat=True))
    techniques = list(Technique.objects.values_list("code", flat=True))
    custodians = list(Institution.objects.values_list("code", flat=True))
    rows = []
    for number in range(start, start + count):
        period = rng.choice(periods)
        begin = rng.randint(period["start_year"], period["end_year"] - 20)
        rows.append(
            {
                "catalog_number": f"SYN-{seed}-{number:07d}",
                "title_es": f"Pieza sintética {number} (ilustrativa)",
                "title_en": f"Synthetic piece {number} (illustrative)",
                "description_es": "Registro sintético para pruebas de rendimiento; no es real.",
                "description_en": "Synthetic record for performance tests; not real.",
                "culture": rng.choice(cultures),
                "period": period["code"],
                "date_start": str(begin),
                "date_end": str(min(period["end_year"], begin + rng.choice([20, 50, 100, 200]))),
                "object_type": rng.choice(object_types),
                "materials": "|".join(rng.sample(materials, k=rng.randint(1, 3))),
                "techniques": "|".join(rng.sample(techniques, k=rng.randint(1, 2))),
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
    cultures = list(Culture.objects.all())
    periods = list(Period.objects.filter(parent__isnull=False))
    object_types = list(ObjectType.objects.all())
    materials = list(Material.objects.all())
    techniques = list(Technique.objects.all())
    custodians = list(Institution.objects.all())
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
            chunk = []
            for number in numbers:
                period = rng.choice(periods)
                begin = rng.randint(period.start_year, period.end_year - 20)
                chunk.append(
                    Piece(
                        catalog_number=f"SYN-{seed}-{number:07d}",
                        title=f"Pieza sintética {number} (ilustrativa)",
                        title_es=f"Pieza sintética {number} (ilustrativa)",
                        title_en=f"Synthetic piece {number} (illustrative)",
                        description_es="Registro sintético para pruebas de rendimiento.",
                        description_en="Synthetic record for performance tests.",
                        culture=rng.choice(cultures),
                        period=period,
                        date_start=begin,
                        date_end=min(period.end_year, begin + rng.choice([20, 50, 100, 200])),
                        object_type=rng.choice(object_types),
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
                    for piece in chunk
                    for term in rng.sample(materials, k=rng.randint(1, 3))
                ],
                batch_size=5000,
            )
            technique_through.objects.bulk_create(
                [
                    technique_through(piece_id=piece.pk, technique_id=term.pk)
                    for piece in chunk
                    for term in rng.sample(techniques, k=rng.randint(1, 2))
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
