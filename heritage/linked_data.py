"""Structured data for the catalog: schema.org JSON-LD for the pages, Linked Art for software.

Linked Art documents are plain dicts shaped as the official Linked Art 1.0 JSON schemas require
(tests validate every demo record against them, read them with Getty's `cromulent` and expand
them with `pyld`). They are built as dicts rather than with cromulent's object model because
the builder is a pure function over rows fetched in a fixed number of queries, fast enough for
full dumps and harvests, and cromulent's factory keeps module-level state (base URL, id
minting) that would be shared by concurrent requests; cromulent stays the checker.

Every record has a stable, language-neutral URI (`record_uri`: /id/piece/<catalog number>,
/id/case/<code>, /id/term/<vocabulary>/<code>, /id/provenance/<event>) that answers JSON-LD
by content negotiation (heritage.records). Callers pass public records only (heritage.selectors);
find-spots are never written here, released or not.
"""

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.i18n import language_codes, localized_name
from core.links import absolute_url
from heritage.dates import iso_year
from heritage.models import (
    AuthorityType,
    Country,
    Culture,
    Institution,
    Material,
    ObjectType,
    Period,
    Piece,
    PieceImage,
    ProvenanceEvent,
    RecoveryCase,
    RecoveryMethod,
    Technique,
)
from heritage.models.pages import case_route, piece_route


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
            f"{iso_year(piece.date_start)}/{iso_year(piece.date_end)}"
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
        data["disambiguatingDescription"] = _ILLUSTRATIVE_EN
    return {key: value for key, value in data.items() if value is not None}


_ILLUSTRATIVE_EN = "Illustrative demo record, not a real catalog entry."

LINKED_ART_CONTEXT = "https://linked.art/ns/v1/linked-art.json"
LINKED_ART_CONTENT_TYPE = f'application/ld+json;profile="{LINKED_ART_CONTEXT}"'

# Getty AAT concepts Linked Art recommends.
AAT = "http://vocab.getty.edu/aat/"


def _aat(number: str, label: str, type_name: str = "Type") -> dict:
    return {"id": f"{AAT}{number}", "type": type_name, "_label": label}


ACCESSION_NUMBER = _aat("300312355", "accession number")
IDENTIFICATION_NUMBER = _aat("300404626", "identification number")
PRIMARY_NAME = _aat("300404670", "primary name")
DESCRIPTION = _aat("300435416", "description")
NOTE = _aat("300027200", "notes")
CITATION = _aat("300311705", "citation")
WEB_PAGE = _aat("300264578", "web page")
PROVENANCE_ACTIVITY = _aat("300055863", "provenance activity")
DIMENSION_TYPES = {
    "height_cm": _aat("300055644", "height"),
    "width_cm": _aat("300055647", "width"),
    "depth_cm": _aat("300072633", "depth"),
    "diameter_cm": _aat("300055624", "diameter"),
    "weight_g": _aat("300056240", "weight"),
}
CENTIMETERS = _aat("300379098", "centimeters", "MeasurementUnit")
GRAMS = _aat("300379225", "grams", "MeasurementUnit")

# Each vocabulary's name in its term URIs (/id/term/<name>/<code>) and the Linked Art class
# its terms are.
VOCABULARIES = {
    "culture": (Culture, "Type"),
    "period": (Period, "Type"),
    "object-type": (ObjectType, "Type"),
    "material": (Material, "Material"),
    "technique": (Technique, "Type"),
    "institution": (Institution, "Group"),
    "recovery-method": (RecoveryMethod, "Type"),
    "country": (Country, "Place"),
    "authority-type": (AuthorityType, "Type"),
}
_VOCABULARY_OF = {model: name for name, (model, _class) in VOCABULARIES.items()}

# How each kind of provenance event is written as a part of its Provenance Activity: a change
# of title, of custody, or the object being found. A creation is the object's production
# (`produced_by`) and has no part.
EVENT_PARTS = {
    "acquisition": "Acquisition",
    "sale": "Acquisition",
    "auction": "Acquisition",
    "accession": "Acquisition",
    "return": "Acquisition",
    "seizure": "TransferOfCustody",
    "loan": "TransferOfCustody",
    "exhibition": "TransferOfCustody",
    "export": "TransferOfCustody",
    "find": "Encounter",
}

# Each kind of part's properties: the object it concerns, the party it came from, went to.
PART_PROPERTIES = {
    "Acquisition": ("transferred_title_of", "transferred_title_from", "transferred_title_to"),
    "TransferOfCustody": (
        "transferred_custody_of",
        "transferred_custody_from",
        "transferred_custody_to",
    ),
    "Encounter": ("encountered", None, None),
}


def record_uri(obj, request=None) -> str:
    """The stable, language-neutral URI of a piece, recovery case, vocabulary term or provenance
    event (absolute: the request's host, else SITE_BASE_URL). Keys survive edits: catalog
    numbers, case codes and term codes are the catalog's stable identifiers."""
    if isinstance(obj, Piece):
        path = reverse("record-piece", args=[obj.catalog_number])
    elif isinstance(obj, RecoveryCase):
        path = reverse("record-case", args=[obj.code])
    elif isinstance(obj, ProvenanceEvent):
        path = reverse("record-provenance", args=[obj.pk])
    else:
        path = reverse("record-term", args=[_VOCABULARY_OF[type(obj)], obj.code])
    return absolute_url(path, request)


def _language(code: str) -> list[dict]:
    concept = settings.LANGUAGE_CONCEPTS.get(code)
    if not concept:
        return []
    return [
        {"id": concept, "type": "Language", "_label": translation.get_language_info(code)["name"]}
    ]


def _in_languages(obj, field: str, *, type_name: str, classified_as: dict) -> list[dict]:
    """A translated field as one Name or LinguisticObject per language it is written in."""
    found = []
    for code in language_codes():
        content = getattr(obj, localized_name(field, code), None)
        if content and content.strip():
            item = {"type": type_name, "content": content, "classified_as": [classified_as]}
            if language := _language(code):
                item["language"] = language
            found.append(item)
    return found


def _texts(obj, field: str) -> list[dict]:
    return _in_languages(obj, field, type_name="LinguisticObject", classified_as=DESCRIPTION)


def _names(obj, field: str) -> list[dict]:
    return _in_languages(obj, field, type_name="Name", classified_as=PRIMARY_NAME)


def _illustrative() -> list[dict]:
    """The statement that a demo record is illustrative, in every language."""
    statements = []
    for code in language_codes():
        with translation.override(code):
            content = _("Illustrative demo record, not a real catalog entry.")
        statement = {"type": "LinguisticObject", "content": content, "classified_as": [NOTE]}
        if language := _language(code):
            statement["language"] = language
        statements.append(statement)
    return statements


def term_reference(term, request=None) -> dict:
    """A vocabulary term as a reference: our own URI, the curator's authority URI as
    `equivalent` when set."""
    _model, type_name = VOCABULARIES[_VOCABULARY_OF[type(term)]]
    reference = {"id": record_uri(term, request), "type": type_name, "_label": str(term)}
    if term.authority_uri:
        reference["equivalent"] = [
            {"id": term.authority_uri, "type": type_name, "_label": str(term)}
        ]
    return reference


def _timespan(start: int | None, end: int | None, label: str = "") -> dict | None:
    if start is None and end is None:
        return None
    span = {"type": "TimeSpan"}
    if start is not None:
        span["begin_of_the_begin"] = f"{iso_year(start)}-01-01T00:00:00Z"
    if end is not None:
        span["end_of_the_end"] = f"{iso_year(end)}-12-31T23:59:59Z"
    if label:
        span["identified_by"] = [{"type": "Name", "content": label}]
    return span


def _web_page(url: str | None) -> list[dict]:
    if not url:
        return []
    return [
        {
            "type": "LinguisticObject",
            "digitally_carried_by": [
                {
                    "type": "DigitalObject",
                    "classified_as": [WEB_PAGE],
                    "format": "text/html",
                    "access_point": [{"id": url, "type": "DigitalObject"}],
                }
            ],
        }
    ]


def _catalog_path(request) -> str | None:
    from heritage import selectors

    return selectors.catalog_path(request)


def _page_url(catalog: str | None, route: str, request) -> str | None:
    """The record's page under the catalog page's path (looked up once per batch)."""
    return absolute_url(catalog + route, request) if catalog else None


def _object_reference(piece: Piece, request) -> dict:
    return {"id": record_uri(piece, request), "type": "HumanMadeObject", "_label": piece.title}


def _party(uri: str, role: str, name: str) -> dict:
    """A party named in free text: a Group identified inside the provenance record."""
    return {"id": f"{uri}#{role}", "type": "Group", "_label": name}


def _event_part(event: ProvenanceEvent, piece: Piece, uri: str, request) -> dict | None:
    kind = EVENT_PARTS.get(event.event_type)
    if kind is None:
        return None
    part = {"type": kind, "_label": f"{event.get_event_type_display()} {event.year_label}"}
    of, source, destination = PART_PROPERTIES[kind]
    part[of] = [_object_reference(piece, request)]
    if source and event.party_from:
        part[source] = [_party(uri, "from", event.party_from)]
    if destination and event.party_to:
        part[destination] = [_party(uri, "to", event.party_to)]
    return part


def _when_and_where(event: ProvenanceEvent, uri: str) -> dict:
    """An event's timespan and place (a place named in free text, identified in its record)."""
    found = {}
    if span := _timespan(event.year_start, event.year_end, event.year_label):
        found["timespan"] = span
    if event.place:
        found["took_place_at"] = [{"id": f"{uri}#place", "type": "Place", "_label": event.place}]
    return found


def provenance_document(event: ProvenanceEvent, piece: Piece, *, request=None) -> dict:
    """One provenance event as a Linked Art Provenance Activity: an Activity classified as
    provenance, whose `part` is the Acquisition, TransferOfCustody or Encounter it was."""
    uri = record_uri(event, request)
    activity = {
        "@context": LINKED_ART_CONTEXT,
        "id": uri,
        "type": "Activity",
        "_label": f"{event.get_event_type_display()} {event.year_label}",
        "classified_as": [PROVENANCE_ACTIVITY],
        "used_specific_object": [_object_reference(piece, request)],
    }
    activity.update(_when_and_where(event, uri))
    if part := _event_part(event, piece, uri, request):
        activity["part"] = [part]
    statements = _texts(event, "description")
    if event.source_citation or event.source_url:
        source = {
            "type": "LinguisticObject",
            "content": event.source_citation or event.source_url,
            "classified_as": [CITATION],
        }
        if event.source_url:
            source["digitally_carried_by"] = _web_page(event.source_url)[0]["digitally_carried_by"]
        statements.append(source)
    if statements:
        activity["referred_to_by"] = statements
    return activity


def _dimensions(piece: Piece) -> list[dict]:
    dimensions = []
    for field, classification in DIMENSION_TYPES.items():
        value = getattr(piece, field)
        if value is not None:
            dimensions.append(
                {
                    "type": "Dimension",
                    "value": float(value),
                    "unit": GRAMS if field == "weight_g" else CENTIMETERS,
                    "classified_as": [classification],
                }
            )
    return dimensions


def _embedded_events(piece: Piece, request) -> dict:
    """The provenance parts the object's own record carries (changes of title, finds), each
    `part_of` its Provenance Activity record, where the custody transfers are too."""
    acquisitions, encounters = [], []
    for event in piece.event_list:
        kind = EVENT_PARTS.get(event.event_type)
        if kind not in {"Acquisition", "Encounter"}:
            continue
        uri = record_uri(event, request)
        part = _event_part(event, piece, uri, request)
        del part[PART_PROPERTIES[kind][0]]  # the object whose record this is
        part.update(_when_and_where(event, uri))
        part["part_of"] = {"id": uri, "type": "Activity", "_label": part["_label"]}
        (acquisitions if kind == "Acquisition" else encounters).append(part)
    found = {}
    if acquisitions:
        found["changed_ownership_through"] = acquisitions
    if encounters:
        found["encountered_by"] = encounters
    return found


def _piece_document(piece: Piece, request, catalog: str | None) -> dict:
    data = {
        "@context": LINKED_ART_CONTEXT,
        "id": record_uri(piece, request),
        "type": "HumanMadeObject",
        "_label": piece.title,
        "identified_by": [
            *_names(piece, "title"),
            {
                "type": "Identifier",
                "content": piece.catalog_number,
                "classified_as": [ACCESSION_NUMBER],
            },
        ],
    }
    terms = [piece.object_type, piece.culture, piece.period]
    if classified := [term_reference(term, request) for term in terms if term is not None]:
        data["classified_as"] = classified
    statements = _texts(piece, "description")
    if piece.is_illustrative:
        statements += _illustrative()
    if statements:
        data["referred_to_by"] = statements
    if piece.material_list:
        data["made_of"] = [term_reference(term, request) for term in piece.material_list]
    if dimensions := _dimensions(piece):
        data["dimension"] = dimensions
    if piece.custodian_id:
        data["current_custodian"] = [term_reference(piece.custodian, request)]
    if piece.case_id and piece.case.live:
        data["member_of"] = [
            {"id": record_uri(piece.case, request), "type": "Set", "_label": piece.case.title}
        ]
    production = {"type": "Production"}
    if span := _timespan(piece.date_start, piece.date_end, piece.date_label):
        production["timespan"] = span
    if piece.technique_list:
        production["technique"] = [term_reference(term, request) for term in piece.technique_list]
    if len(production) > 1:
        data["produced_by"] = production
    data.update(_embedded_events(piece, request))
    if piece.linked_art_images:
        data["representation"] = linked_art_representation(
            images=piece.linked_art_images, request=request
        )
    if page := _web_page(_page_url(catalog, piece_route(piece.catalog_number), request)):
        data["subject_of"] = page
    return data


def _prefetch(pieces: Iterable[Piece]) -> list[Piece]:
    """The pieces with everything their documents show, in a fixed number of queries."""
    pieces = list(pieces)
    prefetch_related_objects(
        pieces,
        "object_type",
        "culture",
        "period",
        "custodian",
        "case",
        Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list"),
        Prefetch("techniques", queryset=Technique.objects.all(), to_attr="technique_list"),
        Prefetch(
            "provenance_events",
            queryset=ProvenanceEvent.objects.order_by("sort_order"),
            to_attr="event_list",
        ),
        Prefetch(
            "images",
            queryset=PieceImage.objects.select_related("image").order_by("sort_order"),
            to_attr="linked_art_images",
        ),
    )
    return pieces


def linked_art_documents(pieces: Iterable[Piece], *, request=None) -> Iterator[dict]:
    """Each piece as a Linked Art HumanMadeObject, in order, in a fixed number of queries
    whatever the number of pieces. Pass public pieces only (heritage.selectors)."""
    pieces = _prefetch(pieces)
    catalog = _catalog_path(request) if pieces else None
    for piece in pieces:
        yield _piece_document(piece, request, catalog)


def linked_art_document(piece: Piece, *, request=None) -> dict:
    """One public piece as a Linked Art HumanMadeObject."""
    return next(linked_art_documents([piece], request=request))


def provenance_documents(pieces: Iterable[Piece], *, request=None) -> Iterator[dict]:
    """Every provenance event of the pieces (public ones) as a Provenance Activity record."""
    for piece in _prefetch(pieces):
        for event in piece.event_list:
            yield provenance_document(event, piece, request=request)


def case_document(case: RecoveryCase, *, request=None) -> dict:
    """A published recovery case as a Linked Art Set: the pieces it returned are `member_of`
    it."""
    data = {
        "@context": LINKED_ART_CONTEXT,
        "id": record_uri(case, request),
        "type": "Set",
        "_label": case.title,
        "identified_by": [
            *_names(case, "title"),
            {"type": "Identifier", "content": case.code, "classified_as": [IDENTIFICATION_NUMBER]},
        ],
        "classified_as": [term_reference(case.method, request)],
    }
    statements = _texts(case, "summary")
    if case.is_illustrative:
        statements += _illustrative()
    if statements:
        data["referred_to_by"] = statements
    if page := _web_page(_page_url(_catalog_path(request), case_route(case.code), request)):
        data["subject_of"] = page
    return data


def term_document(term, *, request=None) -> dict:
    """A vocabulary term as a Linked Art concept, group (institutions) or place (countries)."""
    reference = term_reference(term, request)
    data = {"@context": LINKED_ART_CONTEXT, **reference, "identified_by": _names(term, "label")}
    if not data["identified_by"]:
        data["identified_by"] = [{"type": "Name", "content": term.code}]
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
