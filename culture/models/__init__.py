from culture.models.pages import ProgramIndexPage, ProgramPage, ProgramSession
from culture.models.places import Organizer, Venue
from culture.models.vocabularies import (
    PROGRAM_VOCABULARIES,
    Audience,
    ProgramCategory,
    ProgramLanguage,
)

__all__ = [
    "PROGRAM_VOCABULARIES",
    "Audience",
    "Organizer",
    "ProgramCategory",
    "ProgramIndexPage",
    "ProgramLanguage",
    "ProgramPage",
    "ProgramSession",
    "Venue",
]
