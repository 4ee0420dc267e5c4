from culture.models.community import (
    ConsultationField,
    ConsultationPage,
    ConsultationSummaryPage,
    MobileConsulatePage,
)
from culture.models.pages import ProgramIndexPage, ProgramPage, ProgramSession
from culture.models.places import Organizer, Venue
from culture.models.routes import MobileConsulateRoute, RouteStop
from culture.models.vocabularies import (
    PROGRAM_VOCABULARIES,
    Audience,
    ProgramCategory,
    ProgramLanguage,
)

__all__ = [
    "PROGRAM_VOCABULARIES",
    "Audience",
    "ConsultationField",
    "ConsultationPage",
    "ConsultationSummaryPage",
    "MobileConsulatePage",
    "MobileConsulateRoute",
    "Organizer",
    "ProgramCategory",
    "ProgramIndexPage",
    "ProgramLanguage",
    "ProgramPage",
    "ProgramSession",
    "RouteStop",
    "Venue",
]
