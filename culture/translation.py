"""modeltranslation registrations of the programs: the site's language (Spanish) is required where
a field is."""

from django.conf import settings
from modeltranslation.translator import TranslationOptions, register, translator

from culture.models import (
    PROGRAM_VOCABULARIES,
    ConsultationField,
    ConsultationPage,
    ConsultationSummaryPage,
    DirectoryPage,
    MobileConsulatePage,
    MobileConsulateRoute,
    OrganizationPage,
    Organizer,
    ProgramIndexPage,
    ProgramPage,
    ProgramSession,
    RouteStop,
    Service,
    StopRequestPage,
    Venue,
)


class TermTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = (settings.LANGUAGE_CODE,)


translator.register(PROGRAM_VOCABULARIES, TermTranslation)


@register(Service)
class ServiceTranslation(TermTranslation):
    fields = ("label", "synonyms")
    required_languages = {settings.LANGUAGE_CODE: ("label",)}


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "accessibility", "hours_note", "eligibility")
    required_languages = {settings.LANGUAGE_CODE: ("name",)}


@register(Organizer)
class OrganizerTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {settings.LANGUAGE_CODE: ("name",)}


@register(ProgramIndexPage)
class ProgramIndexPageTranslation(TranslationOptions):
    fields = ()


@register(ProgramPage)
class ProgramPageTranslation(TranslationOptions):
    fields = ("summary", "cost_note")


@register(ProgramSession)
class ProgramSessionTranslation(TranslationOptions):
    fields = ("notice",)


@register(MobileConsulateRoute)
class MobileConsulateRouteTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {settings.LANGUAGE_CODE: ("name",)}


@register(RouteStop)
class RouteStopTranslation(TranslationOptions):
    fields = ("service_note", "notice", "eligibility")


@register(MobileConsulatePage)
class MobileConsulatePageTranslation(TranslationOptions):
    fields = ()


@register(ConsultationPage)
class ConsultationPageTranslation(TranslationOptions):
    fields = ("privacy_notice", "thank_you_text")
    required_languages = {settings.LANGUAGE_CODE: ("privacy_notice",)}


@register(ConsultationField)
class ConsultationFieldTranslation(TranslationOptions):
    fields = ("label", "help_text", "choices")
    required_languages = {settings.LANGUAGE_CODE: ("label",)}


@register(ConsultationSummaryPage)
class ConsultationSummaryPageTranslation(TranslationOptions):
    fields = ()


@register(DirectoryPage)
class DirectoryPageTranslation(TranslationOptions):
    fields = ()


@register(OrganizationPage)
class OrganizationPageTranslation(TranslationOptions):
    fields = ("summary", "service_area", "eligibility")


@register(StopRequestPage)
class StopRequestPageTranslation(TranslationOptions):
    fields = ("privacy_notice", "thank_you_text")
    required_languages = {settings.LANGUAGE_CODE: ("privacy_notice",)}
