"""From catalog records to search documents (public records only)."""

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


def _text(value) -> str | None:
    return value or None


def piece_document(piece: Piece) -> PieceDocument:
    """The document of a public piece. Find-spots, restriction notes and drafts never enter."""
    periods = []
    period = piece.period
    while period is not None:
        periods.append(period.code)
        period = period.parent
    case = piece.case if piece.case_id and piece.case.live else None
    dates = None
    if piece.date_start is not None or piece.date_end is not None:
        dates = {
            key: value
            for key, value in (("gte", piece.date_start), ("lte", piece.date_end))
            if value is not None
        }
    labels = vocabulary_labels(piece)
    return PieceDocument(
        meta={"id": piece.pk},
        catalog_number=piece.catalog_number,
        title_es=_text(piece.title_es),
        title_en=_text(piece.title_en),
        title_nah=_text(piece.title_nah),
        description_es=_text(piece.description_es),
        description_en=_text(piece.description_en),
        description_nah=_text(piece.description_nah),
        inscription_es=_text(piece.inscription_es),
        terms_es=_text(labels["es"]),
        terms_en=_text(labels["en"]),
        terms_nah=_text(labels["nah"]),
        fallback=" ".join(filter(None, [piece.title_es, piece.description_es])) or None,
        culture=piece.culture.code if piece.culture_id else None,
        period=periods or None,
        object_type=piece.object_type.code if piece.object_type_id else None,
        materials=[term.code for term in piece.materials.all()] or None,
        techniques=[term.code for term in piece.techniques.all()] or None,
        method=case.method.code if case else None,
        country=case.country.code if case and case.country_id else None,
        custodian=piece.custodian.code if piece.custodian_id else None,
        case=case.code if case else None,
        dates=dates,
        date_start=piece.date_start,
        date_end=piece.date_end,
        illustrative=piece.is_illustrative,
        published_at=piece.last_published_at,
    )
