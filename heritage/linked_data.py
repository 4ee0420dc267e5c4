"""Structured data for a piece: schema.org JSON-LD. Hidden find-spots are never included."""

from django.utils.translation import get_language


def signed_year_iso(year: int) -> str:
    """ISO 8601 extended years: -1200 → "-1200", 600 → "0600"."""
    return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"


def _quantity(value, unit_code: str) -> dict | None:
    if value is None:
        return None
    return {"@type": "QuantitativeValue", "value": float(value), "unitCode": unit_code}


def piece_schema_org(*, piece, url: str, images: list, materials: list) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "VisualArtwork",
        "@id": url,
        "url": url,
        "identifier": piece.catalog_number,
        "name": piece.title,
        "inLanguage": get_language(),
        "description": piece.description or None,
        "artform": str(piece.object_type) if piece.object_type_id else None,
        "artMedium": [str(material) for material in materials] or None,
        "temporalCoverage": (
            f"{signed_year_iso(piece.date_start)}/{signed_year_iso(piece.date_end)}"
            if piece.date_start is not None and piece.date_end is not None
            else None
        ),
        "height": _quantity(piece.height_cm, "CMT"),
        "width": _quantity(piece.width_cm, "CMT"),
        "depth": _quantity(piece.depth_cm, "CMT"),
        "weight": _quantity(piece.weight_g, "GRM"),
        "holdingArchive": (
            {"@type": "ArchiveOrganization", "name": str(piece.custodian)}
            if piece.custodian_id
            else None
        ),
        "image": [item.image.file.url for item in images] or None,
    }
    if piece.is_illustrative:
        data["disambiguatingDescription"] = "Illustrative demo record, not a real catalog entry."
    return {key: value for key, value in data.items() if value is not None}
