from heritage.models.cases import CaseAuthority, CaseSource, RecoveryCase
from heritage.models.featured import FeaturedPiece, FeaturedPiecesSettings
from heritage.models.figures import CatalogFiguresSettings, FiguresPage
from heritage.models.imports import ImportJob
from heritage.models.pages import CatalogIndexPage
from heritage.models.pieces import RESTRICTED_PERMISSION, Piece, PieceImage
from heritage.models.provenance import ProvenanceEvent, provenance_timeline
from heritage.models.vocabularies import (
    VOCABULARIES,
    AuthorityType,
    Country,
    Culture,
    DatedTerm,
    Institution,
    Material,
    ObjectType,
    Period,
    RecoveryMethod,
    Technique,
)

__all__ = [
    "CatalogFiguresSettings",
    "FeaturedPiece",
    "FeaturedPiecesSettings",
    "FiguresPage",
    "RESTRICTED_PERMISSION",
    "VOCABULARIES",
    "AuthorityType",
    "CatalogIndexPage",
    "CaseAuthority",
    "CaseSource",
    "Country",
    "Culture",
    "DatedTerm",
    "ImportJob",
    "Institution",
    "Material",
    "ObjectType",
    "Period",
    "Piece",
    "PieceImage",
    "ProvenanceEvent",
    "RecoveryCase",
    "RecoveryMethod",
    "Technique",
    "provenance_timeline",
]
