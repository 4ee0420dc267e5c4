"""Structured data for a piece: schema.org JSON-LD. Hidden find-spots are never included."""

from django.utils.translation import get_language

from core.links import absolute_url


def signed_year_iso(year: int) -> str:
    """ISO 8601 extended years: -1200 → "-1200", 600 → "0600"."""
    return f"-{abs(year):04d}" if year < 0 else f"{year:04d}"


def _quantity(value, unit_code: str) -> dict | None:
    if value is None:
        return None
    return {"@type": "QuantitativeValue", "value": float(value), "unitCode": unit_code}


def piece_schema_org(*, piece, url: str, images: list, materials: list, request=None) -> dict:
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
        "image": [absolute_url(item.image.file.url, request) for item in images] or None,
    }
    if piece.is_illustrative:
        data["disambiguatingDescription"] = "Illustrative demo record, not a real catalog entry."
    return {key: value for key, value in data.items() if value is not None}


# Getty AAT concepts used by Linked Art's recommendations.
AAT = "http://vocab.getty.edu/aat/"
ACCESSION_NUMBER = {"id": f"{AAT}300312355", "type": "Type", "_label": "accession number"}
PRIMARY_NAME = {"id": f"{AAT}300404670", "type": "Type", "_label": "primary name"}
DESCRIPTION = {"id": f"{AAT}300435416", "type": "Type", "_label": "description"}
PROVENANCE_ACTIVITY = {"id": f"{AAT}300055863", "type": "Type", "_label": "provenance activity"}
DIMENSION_TYPES = {
    "height_cm": (f"{AAT}300055644", "height"),
    "width_cm": (f"{AAT}300055647", "width"),
    "depth_cm": (f"{AAT}300072633", "depth"),
    "diameter_cm": (f"{AAT}300055624", "diameter"),
    "weight_g": (f"{AAT}300056240", "weight"),
}
UNITS = {
    "cm": {"id": f"{AAT}300379098", "type": "MeasurementUnit", "_label": "centimeters"},
    "g": {"id": f"{AAT}300379225", "type": "MeasurementUnit", "_label": "grams"},
}
OWNERSHIP_EVENTS = {"acquisition", "sale", "auction", "seizure", "return", "accession"}


def _typed(term, type_name: str = "Type") -> dict:
    data = {"type": type_name, "_label": str(term)}
    if term.authority_uri:
        data["id"] = term.authority_uri
    return data


def _timespan(start: int | None, end: int | None, label: str = "") -> dict | None:
    if start is None and end is None:
        return None
    span = {"type": "TimeSpan"}
    if start is not None:
        span["begin_of_the_begin"] = f"{signed_year_iso(start)}-01-01T00:00:00Z"
    if end is not None:
        span["end_of_the_end"] = f"{signed_year_iso(end)}-12-31T23:59:59Z"
    if label:
        span["identified_by"] = [{"type": "Name", "content": label}]
    return span


def _activity(event, url: str, index: int) -> dict:
    activity = {
        "id": f"{url}#provenance-{index}",
        "type": "Activity",
        "_label": f"{event.get_event_type_display()} {event.year_label}",
        "classified_as": [PROVENANCE_ACTIVITY, {"type": "Type", "_label": event.event_type}],
    }
    span = _timespan(event.year_start, event.year_end, event.year_label)
    if span:
        activity["timespan"] = span
    if event.place:
        activity["took_place_at"] = [{"type": "Place", "_label": event.place}]
    if event.event_type in OWNERSHIP_EVENTS and (event.party_from or event.party_to):
        acquisition = {
            "type": "Acquisition",
            "transferred_title_of": [{"id": url, "type": "HumanMadeObject"}],
        }
        if event.party_from:
            acquisition["transferred_title_from"] = [{"type": "Group", "_label": event.party_from}]
        if event.party_to:
            acquisition["transferred_title_to"] = [{"type": "Group", "_label": event.party_to}]
        activity["part"] = [acquisition]
    if event.description:
        activity["referred_to_by"] = [
            {
                "type": "LinguisticObject",
                "content": event.description,
                "classified_as": [DESCRIPTION],
            }
        ]
    if event.source_citation or event.source_url:
        source = {"type": "LinguisticObject", "_label": event.source_citation or event.source_url}
        if event.source_url:
            source["id"] = event.source_url
        activity.setdefault("referred_to_by", []).append(source)
    return activity


def piece_linked_art(*, piece, url: str, materials: list, techniques: list, events: list) -> dict:
    """The piece as a Linked Art HumanMadeObject; its provenance as activities. No find-spot
    unless released (find-spots are held back by the caller's selector too)."""
    language = get_language()
    data = {
        "@context": "https://linked.art/ns/v1/linked-art.json",
        "id": url,
        "type": "HumanMadeObject",
        "_label": piece.title,
        "identified_by": [
            {
                "type": "Name",
                "content": piece.title,
                "classified_as": [PRIMARY_NAME],
                "language": [{"type": "Language", "_label": language}],
            },
            {
                "type": "Identifier",
                "content": piece.catalog_number,
                "classified_as": [ACCESSION_NUMBER],
            },
        ],
    }
    if piece.object_type_id:
        data["classified_as"] = [_typed(piece.object_type)]
    if materials:
        data["made_of"] = [_typed(term, "Material") for term in materials]
    production = {"type": "Production"}
    span = _timespan(piece.date_start, piece.date_end, piece.date_label)
    if span:
        production["timespan"] = span
    if techniques:
        production["technique"] = [_typed(term) for term in techniques]
    if piece.culture_id:
        production["carried_out_by"] = [{"type": "Group", "_label": str(piece.culture)}]
    if len(production) > 1:
        data["produced_by"] = production
    dimensions = []
    for field, (concept, label) in DIMENSION_TYPES.items():
        value = getattr(piece, field)
        if value is not None:
            dimensions.append(
                {
                    "type": "Dimension",
                    "value": float(value),
                    "unit": UNITS["g" if field == "weight_g" else "cm"],
                    "classified_as": [{"id": concept, "type": "Type", "_label": label}],
                }
            )
    if dimensions:
        data["dimension"] = dimensions
    if piece.custodian_id:
        data["current_keeper"] = [_typed(piece.custodian, "Group")]
    if piece.description:
        data["referred_to_by"] = [
            {
                "type": "LinguisticObject",
                "content": piece.description,
                "classified_as": [DESCRIPTION],
            }
        ]
    if events:
        data["changed_ownership_through"] = [
            _activity(event, url, index) for index, event in enumerate(events, start=1)
        ]
    if piece.find_spot_is_public and piece.find_site:
        data["_find_spot"] = {"type": "Place", "_label": piece.find_site}
    if piece.is_illustrative:
        data["_illustrative"] = "Illustrative demo record, not a real catalog entry."
    return data


def linked_art_representation(*, images: list, request=None) -> list[dict]:
    """A public piece's images (PieceImage rows with their image) as Linked Art
    `representation`: each a VisualItem digitally shown by a DigitalObject, the image as JPEG
    from our IIIF Image API, which the DigitalService it is available via describes."""
    from heritage.iiif.presentation import image_service_id

    representation = []
    for item in images:
        service = image_service_id(item.image, request)
        iiif = [{"id": "http://iiif.io/api/image", "type": "InformationObject"}]
        digital = {
            "type": "DigitalObject",
            "_label": item.alt_text,
            "access_point": [{"id": f"{service}/full/max/0/default.jpg", "type": "DigitalObject"}],
            "format": "image/jpeg",
            "digitally_available_via": [
                {
                    "type": "DigitalService",
                    "access_point": [{"id": service, "type": "DigitalObject"}],
                    "conforms_to": iiif,
                }
            ],
        }
        representation.append(
            {"type": "VisualItem", "_label": item.alt_text, "digitally_shown_by": [digital]}
        )
    return representation
