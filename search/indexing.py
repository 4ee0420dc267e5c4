"""From catalog records to search documents (public records only)."""

from django.conf import settings

from core.i18n import language_codes, localized_name
from heritage.catalog import FACETS, RECOVERED
from heritage.models import Piece
from heritage.selectors import piece_public_q
from search.documents import PieceDocument
from search.text import vocabulary_labels


def searchable_pieces():
    """Published, unrestricted pieces with what their documents need, in fixed queries."""
    return (
        Piece.objects.filter(piece_public_q())
        .select_related(
            "culture",
            "period",
            "period__parent",
            "period__parent__parent",
            "object_type",
            "custodian",
            "case",
        )
        .select_related("case__method", "case__country")
        .prefetch_related("materials", "techniques")
        .order_by("pk")
    )


def recovered_year(piece: Piece) -> int | None:
    """The year the piece's case was received in Mexico (heritage.catalog.RECOVERED), while the
    case is published."""
    case = piece.case if piece.case_id and piece.case.live else None
    return case.date_received.year if case and case.date_received else None


def piece_facts(piece: Piece) -> dict:
    """What the database engine filters, counts and orders on (search.models.PieceText): each
    facet's codes by facet name, the same codes the index documents carry; the same as one flat
    list of `name:code` (what the counts read); the years; and the catalog number."""
    facets = {facet.name: codes for facet in FACETS if (codes := facet.codes(piece))}
    return {
        "facets": facets,
        "codes": [f"{name}:{code}" for name, codes in facets.items() for code in codes],
        "date_start": piece.date_start,
        "date_end": piece.date_end,
        RECOVERED.name: recovered_year(piece),
        "catalog_number": piece.catalog_number,
    }


FALLBACK = ("title", "description")  # the site-language text every reader's search also reads


def _text(value) -> str | None:
    return value or None


def piece_document(piece: Piece) -> PieceDocument:
    """The document of a public piece. Find-spots, restriction notes and drafts never enter."""
    dates = None
    if piece.date_start is not None or piece.date_end is not None:
        dates = {
            key: value
            for key, value in (("gte", piece.date_start), ("lte", piece.date_end))
            if value is not None
        }
    labels = vocabulary_labels(piece)
    languages = language_codes()
    site = settings.LANGUAGE_CODE
    return PieceDocument(
        meta={"id": piece.pk},
        catalog_number=piece.catalog_number,
        **{
            localized_name(name, language): _text(getattr(piece, localized_name(name, language)))
            for name in ("title", "description")
            for language in languages
        },
        **{localized_name("terms", language): _text(labels[language]) for language in languages},
        fallback=" ".join(
            filter(None, (getattr(piece, localized_name(name, site)) for name in FALLBACK))
        )
        or None,
        **{facet.name: facet.codes(piece) or None for facet in FACETS},
        dates=dates,
        date_start=piece.date_start,
        date_end=piece.date_end,
        **{RECOVERED.name: recovered_year(piece)},
        illustrative=piece.is_illustrative,
        published_at=piece.last_published_at,
    )
