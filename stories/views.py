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
    from culture.forms import read_filters
    from stories.forms import StoryFilterForm

    query = request.GET.copy()
    query.pop("page", None)
    form = StoryFilterForm(query or None)
    valid, filters = read_filters(form)
    stories = selectors.story_list_public(parent=page, filters=filters)
    page_obj = Paginator(stories, selectors.STORIES_PER_PAGE).get_page(request.GET.get("page"))
    return _render(
        request, page,
        {"page_obj": page_obj, "stories": page_obj.object_list, "form": form, "valid": valid,
         "filters": filters},
    )  # fmt: skip


def story_detail(request, *, page):
    # Wagtail routes live pages; consent is ours to check (editors' previews show any story).
    if not getattr(request, "is_preview", False) and not story_may_be_published(story=page):
        raise Http404
    from stories.linked_data import story_json_ld

    preview = getattr(request, "is_preview", False)
    if preview:
        context = selectors.story_context(story=page, request=request)
    else:
        context = selectors.story_page_public(story=page, request=request)
    context["json_ld"] = None if preview else story_json_ld(page, context, request=request)
    return _render(request, page, context)
