"""Registers the stories' admin and their sections on piece and program pages."""

from django.contrib import messages
from django.template.loader import render_to_string
from django.utils.translation import get_language, gettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from core import routes
from stories import cache, selectors
from stories.models import StoryPage
from stories.services import story_may_be_published
from stories.viewsets import StoriesViewSetGroup

register_snippet(StoriesViewSetGroup)


def _linked_keys() -> tuple[set[int], set[int], set[int]]:
    """(piece ids, culture ids, program ids) any saved story links to: a superset of what
    public stories show, kept in the cache until a story changes (stories.cache), so pages
    without stories are told apart without a query."""

    def read():
        return (
            set(StoryPage.related_pieces.through.objects.values_list("piece_id", flat=True)),
            set(StoryPage.cultures.through.objects.values_list("culture_id", flat=True)),
            set(StoryPage.related_programs.through.objects.values_list("programpage_id",
                                                                        flat=True)),
        )  # fmt: skip

    return cache.links.remember("links", (), cache.LINKS_SECONDS, read)


def _section(request, stories, *, anchor: str, heading: str) -> str:
    if not stories:
        return ""
    return render_to_string(
        "stories/includes/stories_section.html",
        {"stories": stories, "anchor": anchor, "heading": heading},
        request=request,
    )


@hooks.register("heritage_piece_sections")
def stories_about_piece(request, piece) -> str:
    """The piece page lists the public stories linked to it or about its culture. A piece no
    story names shows its culture's stories: one section for all the culture's pieces, kept
    with the routes (core.routes) until a record changes, not a query for each piece."""
    pieces, cultures, _programs = _linked_keys()
    if piece.pk not in pieces and piece.culture_id not in cultures:
        return ""

    def section() -> str:
        stories = selectors.stories_for_piece(piece=piece)
        heading = gettext("Voices about this piece")
        return _section(request, stories, anchor="piece-stories", heading=heading)

    if piece.pk in pieces:
        return section()
    key = (piece.culture_id, get_language(), request.get_host(), request.scheme)
    return routes.remember("culture-stories", key, section)


@hooks.register("culture_program_sections")
def stories_about_program(request, program) -> str:
    _pieces, _cultures, programs = _linked_keys()
    if program.pk not in programs:
        return ""
    stories = selectors.stories_for_program(program=program)
    heading = gettext("Stories from this program")
    return _section(request, stories, anchor="program-stories", heading=heading)


def _publish_as_draft(request, page) -> None:
    """A story without a consent for the public web is saved as a draft instead of published,
    with a message saying why: the editor's work is kept (stories.signals also takes back one
    published through another door, such as a schedule)."""
    if request.method != "POST" or "action-publish" not in request.POST:
        return
    if story_may_be_published(story=page):
        return
    data = request.POST.copy()
    del data["action-publish"]
    request.POST = data
    messages.warning(
        request,
        gettext(
            "This story was saved as a draft, not published: record a consent for the public "
            "web first (Stories › Consent records)."
        ),
    )


@hooks.register("before_edit_page")
def story_publish_needs_consent(request, page):
    if isinstance(page.specific_deferred, StoryPage):
        _publish_as_draft(request, page)


@hooks.register("before_create_page")
def new_story_publish_needs_consent(request, parent_page, page_class):
    if issubclass(page_class, StoryPage):
        _publish_as_draft(request, StoryPage())
