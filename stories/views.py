"""The stories' public pages: parse, call a selector, render."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from stories import selectors
from stories.services import story_may_be_published


def _render(request, page, context: dict) -> TemplateResponse:
    return TemplateResponse(
        request, page.get_template(request), {**page.get_context(request), **context}
    )


def story_index(request, *, page):
    stories = selectors.story_cards_public(parent=page)
    page_obj = Paginator(stories, selectors.STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return _render(request, page, {"page_obj": page_obj, "stories": page_obj.object_list})


def story_detail(request, *, page):
    # Wagtail routes live pages; consent is ours to check (editors' previews show any story).
    if not getattr(request, "is_preview", False) and not story_may_be_published(story=page):
        raise Http404
    return _render(request, page, selectors.story_context(story=page, request=request))
