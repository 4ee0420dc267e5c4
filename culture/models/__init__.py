from culture.models.community import (
    ConsultationField,
    ConsultationPage,
    ConsultationSummaryPage,
    MobileConsulatePage,
)
from culture.models.directory import DirectoryPage, OrganizationPage
from culture.models.offering import Offering
from culture.models.pages import ProgramIndexPage, ProgramPage, ProgramSession
from culture.models.places import OpeningHours, Organizer, Venue
from culture.models.routes import MobileConsulateRoute, RouteStop
from culture.models.stop_requests import StopRequest, StopRequestPage
from culture.models.vocabularies import (
    PROGRAM_VOCABULARIES,
    Audience,
    ProgramCategory,
    ProgramLanguage,
    Service,
)

__all__ = [
    "PROGRAM_VOCABULARIES",
    "Audience",
    "ConsultationField",
    "ConsultationPage",
    "ConsultationSummaryPage",
    "DirectoryPage",
    "MobileConsulatePage",
    "MobileConsulateRoute",
    "Offering",
    "OpeningHours",
    "OrganizationPage",
    "Organizer",
    "ProgramCategory",
    "ProgramIndexPage",
    "ProgramLanguage",
    "ProgramPage",
    "ProgramSession",
    "RouteStop",
    "Service",
    "StopRequest",
    "StopRequestPage",
    "Venue",
]
