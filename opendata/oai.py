"""OAI-PMH 2.0 provider: the public catalog's pieces for harvesters (Europeana-style
aggregators, Mexicana, partner museums).

Written with lxml rather than pyoai's server (`oaipmh.server`): pyoai 2.5 imports the `cgi`
module, gone in Python 3.13 (which we support), and `pkg_resources`; its resumption tokens are
the plain query (a harvester can edit them) and its offsets re-read every earlier page. Here a
token is signed and dated (django.core.signing: a changed or stale one is badResumptionToken)
and carries the last row served, so each page costs the same few queries whatever its depth.

Records are the rows of the harvest log (opendata.records): one per catalog number ever public,
with its datestamp; a row withdrawn since is a deleted record (deletedRecord=persistent). The
metadata of a record comes only from heritage's public selectors, checked again at each answer:
a row the log still holds as live for a piece that is not public is answered as deleted.
Sets are the catalog's facets (heritage.catalog): `method:<code>`, `case:<code>`,
`culture:<code>`. Formats: `oai_dc` (titles and descriptions in every language, xml:lang) and
`linked_art` (the piece's Linked Art JSON-LD inside one element of our own namespace).
"""

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote

from django.conf import settings
from django.core import signing
from django.db.models import Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from core.i18n import has_value, language_codes, localized_name
from core.links import absolute_url
from heritage import linked_data
from heritage.api import Links
from heritage.dates import iso_year
from heritage.models import Piece, ProvenanceEvent
from heritage.selectors import piece_list_public, piece_public_q
from opendata.models import HarvestRecord
from opendata.records import SET_FACETS, set_lookup

NS_OAI = "http://www.openarchives.org/OAI/2.0/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_XML = "http://www.w3.org/XML/1998/namespace"
# Our wrapper for Linked Art: one element whose text is the JSON-LD document (its schema is
# served at /oai/linked-art.xsd).
NS_LINKED_ART = "urn:retorno:oai:linked-art"
LINKED_ART_SCHEMA = f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{NS_LINKED_ART}"
           elementFormDefault="qualified">
  <xs:element name="linkedArt">
    <xs:annotation><xs:documentation>A Linked Art JSON-LD document (https://linked.art/),
    UTF-8 JSON as the element's text.</xs:documentation></xs:annotation>
    <xs:complexType><xs:simpleContent><xs:extension base="xs:string">
      <xs:attribute name="contentType" type="xs:string" use="required"/>
    </xs:extension></xs:simpleContent></xs:complexType>
  </xs:element>
</xs:schema>
"""
TOKEN_SALT = "opendata.oai.resumption"  # noqa: S105 (a signing salt, not a secret)
STAMP = "%Y-%m-%dT%H:%M:%SZ"

# verb → {argument: "required" | "optional" | "exclusive"}
VERBS: dict[str, dict[str, str]] = {
    "Identify": {},
    "ListMetadataFormats": {"identifier": "optional"},
    "ListSets": {"resumptionToken": "exclusive"},
    "GetRecord": {"identifier": "required", "metadataPrefix": "required"},
    "ListIdentifiers": {
        "metadataPrefix": "required",
        "from": "optional",
        "until": "optional",
        "set": "optional",
        "resumptionToken": "exclusive",
    },
}
VERBS["ListRecords"] = VERBS["ListIdentifiers"]


class OaiError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STAMP)


def _element(parent, tag: str, text: str | None = None, **attributes):
    child = etree.SubElement(parent, tag, {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        child.text = text
    return child


def _oai(name: str) -> str:
    return f"{{{NS_OAI}}}{name}"


# --- identifiers and arguments ------------------------------------------------------------------
def record_identifier(catalog_number: str) -> str:
    return f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:{quote(catalog_number, safe='')}"


def _catalog_number(identifier: str) -> str | None:
    prefix = f"oai:{settings.OAI_REPOSITORY_IDENTIFIER}:"
    return unquote(identifier[len(prefix) :]) if identifier.startswith(prefix) else None


def _arguments(query) -> tuple[str, dict[str, str]]:
    """(verb, its arguments) from the request's QueryDict, or the protocol's error."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", _("The verb is missing, repeated or not an OAI-PMH verb."))
    verb = verbs[0]
    allowed = VERBS[verb]
    arguments = {}
    for name in query:
        if name == "verb":
            continue
        values = query.getlist(name)
        if name not in allowed or len(values) != 1:
            raise OaiError(
                "badArgument",
                _("Argument %(name)s is not allowed or is repeated.") % {"name": name},
            )
        arguments[name] = values[0]
    exclusive = [name for name in arguments if allowed[name] == "exclusive"]
    if exclusive and len(arguments) > 1:
        raise OaiError("badArgument", _("A resumptionToken comes alone."))
    if not exclusive:
        missing = [name for name, kind in allowed.items() if kind == "required"]
        missing = [name for name in missing if name not in arguments]
        if missing:
            raise OaiError(
                "badArgument", _("Missing argument: %(name)s.") % {"name": ", ".join(missing)}
            )
    return verb, arguments


def _bound(value: str, *, until: bool) -> tuple[datetime, int]:
    """A `from`/`until` datestamp as an aware datetime bound (inclusive `from`, exclusive end of
    `until`), with its length (the granularity: both must share it)."""
    for pattern, step in (("%Y-%m-%d", timedelta(days=1)), (STAMP, timedelta(seconds=1))):
        try:
            moment = datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
        try:
            return (moment + step if until else moment), len(value)
        except OverflowError:  # until=9999-12-31: no end
            return datetime.max.replace(tzinfo=UTC), len(value)
    raise OaiError(
        "badArgument",
        _("Dates are YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ: %(value)s") % {"value": value},
    )


# --- metadata formats ---------------------------------------------------------------------------
def _translations(obj, name: str) -> list[tuple[str, str]]:
    """(language, text) of a translated field, the languages that have one."""
    found = []
    for code in language_codes():
        text = getattr(obj, localized_name(name, code), None)
        if has_value(text):
            found.append((code, str(text)))
    return found


def _write_oai_dc(parent, piece: Piece, url: str, document: dict | None) -> None:
    dc = etree.SubElement(
        parent, f"{{{NS_OAI_DC}}}dc", nsmap={"oai_dc": NS_OAI_DC, "dc": NS_DC, "xsi": NS_XSI}
    )
    dc.set(
        f"{{{NS_XSI}}}schemaLocation", f"{NS_OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    )

    def add(name: str, text: str, lang: str | None = None) -> None:
        element = _element(dc, f"{{{NS_DC}}}{name}", text)
        if lang:
            element.set(f"{{{NS_XML}}}lang", lang)

    for code, text in _translations(piece, "title"):
        add("title", text, code)
    for code, text in _translations(piece, "description"):
        add("description", text, code)
    for term in filter(None, (piece.culture, piece.period)):
        for code, text in _translations(term, "label"):
            add("subject", text, code)
    if piece.date_start is not None and piece.date_end is not None:
        add("date", f"{iso_year(piece.date_start)}/{iso_year(piece.date_end)}")
    add("type", "PhysicalObject")
    if piece.object_type_id:
        for code, text in _translations(piece.object_type, "label"):
            add("type", text, code)
    for material in piece.material_list:
        for code, text in _translations(material, "label"):
            add("format", text, code)
    if url:
        add("identifier", url)
    add("identifier", piece.catalog_number)
    for code in sorted({code for code, _text in _translations(piece, "title")}):
        add("language", code)
    add("rights", settings.RETORNO_DATA_LICENSE["path"])


def _write_linked_art(parent, piece: Piece, url: str, document: dict | None) -> None:
    _element(
        parent,
        f"{{{NS_LINKED_ART}}}linkedArt",
        json.dumps(document, ensure_ascii=False, sort_keys=True),
        contentType="application/ld+json",
    )


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    namespace: str
    write: object  # (parent element, piece, stable URL, Linked Art document or None) → None
    schema: str = ""  # absolute URL; empty: our own, at /oai/<prefix>.xsd
    linked_art: bool = False  # needs the piece's Linked Art document


FORMATS = {
    fmt.prefix: fmt
    for fmt in (
        MetadataFormat(
            "oai_dc", NS_OAI_DC, _write_oai_dc, "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        ),
        MetadataFormat("linked_art", NS_LINKED_ART, _write_linked_art, linked_art=True),
    )
}


def _format(prefix: str) -> MetadataFormat:
    if prefix not in FORMATS:
        raise OaiError(
            "cannotDisseminateFormat",
            _("Metadata formats offered: %(formats)s.") % {"formats": ", ".join(FORMATS)},
        )
    return FORMATS[prefix]


def _schema_url(fmt: MetadataFormat, request) -> str:
    return fmt.schema or absolute_url(reverse(f"opendata:oai-{fmt.prefix}-schema"), request)


# --- the Linked Art builder: ONE adapter ---------------------------------------------------------
def _linked_art_documents(pieces: list[Piece], request) -> list[dict]:
    """The pieces' Linked Art documents, in order (heritage.linked_data)."""
    return list(linked_data.linked_art_documents(pieces, request=request))


def _piece_url(piece: Piece, links: Links) -> str:
    """The piece's page in the site's language ("" while no catalog page is live)."""
    return links.piece(piece.catalog_number) or ""


def _public_pieces(ids: list[int], *, full: bool) -> dict[int, Piece]:
    """The public pieces among `ids` (heritage's rule), ready for metadata when `full`."""
    if not full:
        public = Piece.objects.filter(piece_public_q(), pk__in=ids)
        return {pk: Piece(pk=pk, catalog_number=number)
                for pk, number in public.values_list("pk", "catalog_number")}  # fmt: skip
    events = ProvenanceEvent.objects.order_by("sort_order")
    pieces = piece_list_public().filter(pk__in=ids)
    pieces = pieces.prefetch_related(Prefetch("provenance_events", events, to_attr="event_list"))
    return {piece.pk: piece for piece in pieces}


# --- answers ------------------------------------------------------------------------------------
@dataclass
class Answer:
    request: object
    arguments: dict[str, str] = field(default_factory=dict)
    verb: str = ""

    def envelope(self, *, echo: bool):
        root = etree.Element(_oai("OAI-PMH"), nsmap={None: NS_OAI, "xsi": NS_XSI})
        root.set(
            f"{{{NS_XSI}}}schemaLocation",
            f"{NS_OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
        )
        _element(root, _oai("responseDate"), _stamp(timezone.now()))
        attributes = {"verb": self.verb, **self.arguments} if echo else {}
        _element(root, _oai("request"), self.base_url, **attributes)
        return root

    @property
    def base_url(self) -> str:
        return absolute_url(reverse("opendata:oai"), self.request)


def _known_sets() -> dict[str, str]:
    """setSpec → setName of every set, parents first (`method`, then `method:seizure`…);
    cases: published ones only (heritage.catalog's terms)."""
    sets = {}
    for facet in SET_FACETS:
        sets[facet.name] = str(facet.label)
        for code, label in sorted(facet.terms().items()):
            sets[f"{facet.name}:{code}"] = f"{facet.label}: {label}"
    return sets


def _earliest() -> datetime:
    return HarvestRecord.objects.aggregate(first=Min("datestamp"))["first"] or timezone.now()


def identify(answer: Answer, body) -> None:
    identify = _element(body, _oai("Identify"))
    _element(identify, _oai("repositoryName"), settings.OAI_REPOSITORY_NAME)
    _element(identify, _oai("baseURL"), answer.base_url)
    _element(identify, _oai("protocolVersion"), "2.0")
    for email in settings.OAI_ADMIN_EMAILS:
        _element(identify, _oai("adminEmail"), email.strip())
    _element(identify, _oai("earliestDatestamp"), _stamp(_earliest()))
    _element(identify, _oai("deletedRecord"), "persistent")
    _element(identify, _oai("granularity"), "YYYY-MM-DDThh:mm:ssZ")


def list_metadata_formats(answer: Answer, body) -> None:
    identifier = answer.arguments.get("identifier")
    if identifier is not None:
        _record_row(identifier)
    formats = _element(body, _oai("ListMetadataFormats"))
    for fmt in FORMATS.values():
        item = _element(formats, _oai("metadataFormat"))
        _element(item, _oai("metadataPrefix"), fmt.prefix)
        _element(item, _oai("schema"), _schema_url(fmt, answer.request))
        _element(item, _oai("metadataNamespace"), fmt.namespace)


def list_sets(answer: Answer, body) -> None:
    if "resumptionToken" in answer.arguments:  # every set fits in one answer: we give none
        raise OaiError("badResumptionToken", _("This resumption token is not valid."))
    sets = _element(body, _oai("ListSets"))
    for spec, name in _known_sets().items():
        item = _element(sets, _oai("set"))
        _element(item, _oai("setSpec"), spec)
        _element(item, _oai("setName"), name)


def _record_row(identifier: str) -> HarvestRecord:
    number = _catalog_number(identifier)
    row = HarvestRecord.objects.filter(catalog_number=number).first() if number else None
    if row is None:
        raise OaiError(
            "idDoesNotExist", _("No record has the identifier %(id)s.") % {"id": identifier}
        )
    return row


def _write_records(answer: Answer, parent, rows: list[HarvestRecord], fmt, *, full: bool) -> None:
    """Each row's header (and metadata when `full`): a row whose piece is not public (any
    more) is a deleted record, whatever the log says."""
    pieces = _public_pieces([row.piece_id for row in rows if not row.deleted], full=full)
    live = [
        row
        for row in rows
        if not row.deleted
        and row.piece_id in pieces
        and pieces[row.piece_id].catalog_number == row.catalog_number
    ]
    shown = {row.pk for row in live}
    links = Links(answer.request) if full else None
    documents = {}
    if full and fmt.linked_art:
        ordered = [pieces[row.piece_id] for row in live]
        built = _linked_art_documents(ordered, answer.request)
        documents = {row.pk: document for row, document in zip(live, built, strict=True)}
    known = _known_sets()
    for row in rows:
        deleted = row.pk not in shown
        target = _element(parent, _oai("record")) if full else parent
        header = _element(target, _oai("header"), status="deleted" if deleted else None)
        _element(header, _oai("identifier"), record_identifier(row.catalog_number))
        _element(header, _oai("datestamp"), _stamp(row.datestamp))
        for spec in row.sets.split():
            if spec in known:
                _element(header, _oai("setSpec"), spec)
        if full and not deleted:
            piece = pieces[row.piece_id]
            url = _piece_url(piece, links)
            fmt.write(_element(target, _oai("metadata")), piece, url, documents.get(row.pk))


def get_record(answer: Answer, body) -> None:
    fmt = _format(answer.arguments["metadataPrefix"])
    row = _record_row(answer.arguments["identifier"])
    _write_records(answer, _element(body, _oai("GetRecord")), [row], fmt, full=True)


@dataclass(frozen=True)
class Listing:
    """A list request's selection, as given (strings) so a token can carry it."""

    verb: str
    prefix: str
    start: str | None = None
    end: str | None = None
    set_spec: str | None = None

    def rows(self):
        lookup = Q()
        bounds = []
        if self.start:
            moment, length = _bound(self.start, until=False)
            lookup &= Q(datestamp__gte=moment)
            bounds.append(length)
        if self.end:
            moment, length = _bound(self.end, until=True)
            lookup &= Q(datestamp__lt=moment)
            bounds.append(length)
        if len(set(bounds)) > 1:
            raise OaiError("badArgument", _("from and until must have the same granularity."))
        if self.set_spec is not None:
            if self.set_spec not in _known_sets():
                raise OaiError("noRecordsMatch", _("No records match this request."))
            lookup &= set_lookup(self.set_spec)
        return HarvestRecord.objects.filter(lookup)

    def token(self, *, after: int, cursor: int) -> str:
        return signing.dumps(
            [self.verb, self.prefix, self.start, self.end, self.set_spec, after, cursor],
            salt=TOKEN_SALT,
            compress=True,
        )

    @classmethod
    def resumed(cls, verb: str, token: str) -> tuple["Listing", int, int]:
        """(the listing, the last row served, how many served) from a token of ours."""
        try:
            values = signing.loads(token, salt=TOKEN_SALT, max_age=settings.OAI_TOKEN_MAX_AGE)
            token_verb, prefix, start, end, set_spec, after, cursor = values
        except (signing.BadSignature, ValueError, TypeError):
            token_verb = None
        if token_verb != verb:
            raise OaiError("badResumptionToken", _("This resumption token is not valid."))
        return cls(verb, prefix, start, end, set_spec), after, cursor


def list_records(answer: Answer, body) -> None:
    """ListRecords and ListIdentifiers: one page of the log in row order, the token for the
    next one (signed, dated) or an empty one on the last page of a resumed list."""
    arguments = answer.arguments
    if "resumptionToken" in arguments:
        listing, after, cursor = Listing.resumed(answer.verb, arguments["resumptionToken"])
    else:
        listing = Listing(answer.verb, arguments["metadataPrefix"], arguments.get("from"),
                          arguments.get("until"), arguments.get("set"))  # fmt: skip
        after, cursor = 0, 0
    fmt = _format(listing.prefix)
    selected = listing.rows()
    size = settings.OAI_BATCH_SIZE
    rows = list(selected.filter(pk__gt=after).order_by("pk")[: size + 1])
    if not rows:
        raise OaiError("noRecordsMatch", _("No records match this request."))
    more = len(rows) > size
    rows = rows[:size]
    container = _element(body, _oai(answer.verb))
    _write_records(answer, container, rows, fmt, full=answer.verb == "ListRecords")
    if more or cursor:
        expires = timezone.now() + timedelta(seconds=settings.OAI_TOKEN_MAX_AGE)
        _element(
            container,
            _oai("resumptionToken"),
            listing.token(after=rows[-1].pk, cursor=cursor + len(rows)) if more else None,
            completeListSize=str(selected.count()),
            cursor=str(cursor),
            expirationDate=_stamp(expires) if more else None,
        )


ANSWERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_records,
    "ListRecords": list_records,
}


def oai_response(request, query) -> bytes:
    """The XML answer to an OAI-PMH request (its arguments in `query`, a QueryDict): the verb's
    answer, or the protocol's error element."""
    answer = Answer(request)
    try:
        answer.verb, answer.arguments = _arguments(query)
        root = answer.envelope(echo=True)
        ANSWERS[answer.verb](answer, root)
    except OaiError as error:
        # After badVerb or badArgument the request element carries no attributes.
        root = answer.envelope(echo=error.code not in ("badVerb", "badArgument"))
        _element(root, _oai("error"), error.message, code=error.code)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)
