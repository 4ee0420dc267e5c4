"""The kinds of record the search layer indexes, and how each one becomes text and documents.

Pieces have their own rich document (facets, dates) and the researcher's search contract.
Recovery cases and pages share a plain content document for the site-wide search; programs
and stories (with their recordings' transcripts, per language) join them. Each kind says which
of its records are public: nothing else is ever written to an index or a text table.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone, translation
from wagtail.models import Page

from core.i18n import language_codes, localized_name
from culture.models import OrganizationPage, ProgramPage, RouteStop, Service
from heritage.models import RecoveryCase
from heritage.selectors import case_list_public
from search.documents import ContentDocument, content_index, piece_index
from search.indexing import piece_document, searchable_pieces
from search.models import TEXT_FIELDS as TEXT
from search.text import field_text as _field
from search.text import piece_texts, translated
from stories.models import StoryMedia, StoryPage
from stories.selectors import recording_ids, story_public_queryset


@dataclass(frozen=True)
class Kind:
    name: str
    plural: str
    public: Callable[[], QuerySet]
    texts: Callable[[Any], dict[str, str]]
    document: Callable[[Any], Any]
    index: Callable[[str], Any]


def _content_document(obj, texts: dict[str, str]) -> ContentDocument:
    return ContentDocument(
        meta={"id": obj.pk},
        **{key: value or None for key, value in texts.items()},
        fallback=" ".join(
            filter(None, (texts[localized_name(name, settings.LANGUAGE_CODE)] for name in TEXT))
        )
        or None,
        illustrative=getattr(obj, "is_illustrative", False),
        published_at=getattr(obj, "last_published_at", None),
    )


# --- recovery cases ---------------------------------------------------------------------------
def public_cases() -> QuerySet:
    return case_list_public().order_by("pk")


def case_texts(case: RecoveryCase) -> dict[str, str]:
    texts = {}
    for language in language_codes():
        terms = [translated(term, "label", language) for term in (case.method, case.country)]
        title, body = (localized_name(name, language) for name in TEXT)
        texts[title] = f"{case.code} {_field(case, 'title', language)}".strip()
        texts[body] = " ".join(filter(None, [_field(case, "summary", language), case.city, *terms]))
    return texts


# --- pages ------------------------------------------------------------------------------------
def public_pages() -> QuerySet:
    """Live pages without view restrictions, below the root (programs are a kind of their own)."""
    return (
        Page.objects.live().public().filter(depth__gt=1)
        .not_type(ProgramPage, StoryPage, OrganizationPage).specific()
        .order_by("pk")
    )  # fmt: skip


def _stream_text(page, language: str) -> str:
    value = getattr(page, localized_name("body", language), None)
    if not value:
        return ""
    return " ".join(value.stream_block.get_searchable_content(value))


def page_texts(page) -> dict[str, str]:
    texts = {}
    for language in language_codes():
        title, body = (localized_name(name, language) for name in TEXT)
        texts[title] = _field(page, "title", language)
        texts[body] = " ".join(
            filter(
                None,
                [
                    _field(page, "search_description", language),
                    _field(page, "intro", language),
                    _stream_text(page, language),
                ],
            )
        )
    return texts


# --- programs ---------------------------------------------------------------------------------
def public_programs() -> QuerySet:
    return (
        ProgramPage.objects.live().public()
        .select_related("category", "organizer")
        .prefetch_related("languages", "audiences", "sessions__venue")
        .order_by("pk")
    )  # fmt: skip


def program_texts(program) -> dict[str, str]:
    """A program's title, and as its body: summary, text, category, audiences, languages spoken,
    organizer and the cities of its sessions — so "náhuatl Chicago" finds the class."""
    texts = page_texts(program)
    terms = [program.category, *program.audiences.all(), *program.languages.all()]
    places = sorted({session.venue.city for session in program.sessions.all() if session.venue})
    for language in language_codes():
        extra = [
            _field(program, "summary", language),
            *(translated(term, "label", language) for term in terms),
            translated(program.organizer, "name", language),
            *places,
        ]
        body = localized_name("body", language)
        texts[body] = " ".join(filter(None, [*extra, texts[body]]))
    return texts


# --- stories ----------------------------------------------------------------------------------
def public_stories() -> QuerySet:
    """Stories public on every channel (live, public, consented: stories.selectors)."""
    return (
        story_public_queryset()
        .prefetch_related("themes", "languages", "people", "places")
        .order_by("pk")
    )  # fmt: skip


def story_texts(story) -> dict[str, str]:
    """A story's title, and as its body in each language: teaser, text, the transcripts of its
    recordings in that language, themes, languages spoken, people, communities and places — so
    a word said in a recording finds the story, in the language it was said in."""
    texts = page_texts(story)
    recordings = list(StoryMedia.objects.filter(pk__in=recording_ids(story)).order_by("pk"))
    terms = [*story.themes.all(), *story.languages.all()]
    names = [part for person in story.people.all() for part in (person.name, person.community)]
    places = [str(place) for place in story.places.all()]
    for language in language_codes():
        extra = [
            _field(story, "teaser", language),
            *(getattr(media, localized_name("transcript", language)) or "" for media in recordings),
            *(translated(term, "label", language) for term in terms),
            *names,
            *places,
        ]
        body = localized_name("body", language)
        texts[body] = " ".join(filter(None, [*extra, texts[body]]))
    return texts


# --- the directory's services group: organizations, mobile-consulate stops, services ---------
def _service_words(services, language: str) -> list[str]:
    """Each service's label and synonyms in `language` ("pasaporte", "matrícula")."""
    words = []
    for service in services:
        words.append(translated(service, "label", language))
        words.extend(service.synonym_list(language))
    return words


def _offering_words(record, language: str) -> list[str]:
    terms = [*record.languages_served.all(), *record.languages_on_request.all()]
    return [
        *_service_words(record.services.all(), language),
        *(translated(term, "label", language) for term in terms),
        _field(record, "eligibility", language),
    ]


def _place_words(venue) -> list[str]:
    return [venue.name, venue.city, venue.state, venue.postal_code] if venue else []


def public_organizations() -> QuerySet:
    from culture.directory import organizations_public

    return (
        organizations_public().select_related("venue")
        .prefetch_related("services", "languages_served", "languages_on_request")
        .order_by("pk")
    )  # fmt: skip


def organization_texts(page) -> dict[str, str]:
    """An organization's name, and as its body: summary, kind, services with their synonyms,
    languages, eligibility, place and service area — "matrícula Chicago" finds the consulate."""
    texts = page_texts(page)
    for language in language_codes():
        with translation.override(language):
            kind = str(page.get_kind_display())
        extra = [_field(page, "summary", language), kind, *_offering_words(page, language),
                 *_place_words(page.venue), _field(page, "service_area", language),
                 page.service_states]  # fmt: skip
        body = localized_name("body", language)
        texts[body] = " ".join(filter(None, [*extra, texts[body]]))
    return texts


def public_stops() -> QuerySet:
    """Scheduled stops of published routes from yesterday on (the site's search shows only
    those still to come)."""
    from culture.selectors import stops_public

    since = timezone.localdate() - timedelta(days=1)
    return (
        stops_public(since=since).filter(status=RouteStop.Status.SCHEDULED)
        .select_related("route", "venue")
        .prefetch_related("services", "languages_served", "languages_on_request")
        .order_by("pk")
    )  # fmt: skip


def stop_texts(stop) -> dict[str, str]:
    texts = {}
    for language in language_codes():
        title, body = (localized_name(name, language) for name in TEXT)
        texts[title] = " ".join(
            filter(None, [translated(stop.route, "name", language), stop.venue.city])
        )
        texts[body] = " ".join(
            filter(None, [*_offering_words(stop, language), *_place_words(stop.venue),
                          _field(stop, "service_note", language), stop.day.isoformat()])
        )  # fmt: skip
    return texts


def public_services() -> QuerySet:
    return Service.objects.order_by("pk")


def service_texts(service) -> dict[str, str]:
    """A service's label and its synonyms; each language also finds the others' synonyms
    ("passport" on the Spanish site)."""
    texts = {}
    every = [word for language in language_codes() for word in service.synonym_list(language)]
    for language in language_codes():
        title, body = (localized_name(name, language) for name in TEXT)
        texts[title] = translated(service, "label", language)
        with translation.override(language):
            group = str(service.get_group_display())
        texts[body] = " ".join(dict.fromkeys(filter(None, [group, *service.synonym_list(language),
                                                             *every])))  # fmt: skip
    return texts


def _content_kind(name: str, plural: str, public, texts) -> Kind:
    """A kind of the shared content index: its documents are its records' texts."""
    return Kind(name, plural, public, texts,
                lambda record: _content_document(record, texts(record)), content_index)  # fmt: skip


KINDS = {
    "piece": Kind("piece", "pieces", searchable_pieces, piece_texts, piece_document, piece_index),
    "case": _content_kind("case", "cases", public_cases, case_texts),
    "page": _content_kind("page", "pages", public_pages, page_texts),
    "program": _content_kind("program", "programs", public_programs, program_texts),
    "story": _content_kind("story", "stories", public_stories, story_texts),
    "organization": _content_kind(
        "organization", "organizations", public_organizations, organization_texts
    ),
    "stop": _content_kind("stop", "stops", public_stops, stop_texts),
    "service": _content_kind("service", "services", public_services, service_texts),
}
# Wagtail page events concern these kinds (each indexes the page only if it is one of its own).
PAGE_KINDS = ("page", "program", "story", "organization")
# The site search's "services" group: these kinds, in this order.
SERVICE_KINDS = ("service", "organization", "stop")
