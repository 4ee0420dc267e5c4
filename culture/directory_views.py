"""The directory's pages: the listing (culture.models.DirectoryPage) and an organization. Each
parses its input, calls culture.directory and renders."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dates import WEEKDAYS

from culture import hours

RESULTS_PER_PAGE = 25


def directory_index(request, *, page) -> TemplateResponse:
    from culture.directory import directory_entries
    from culture.forms import DirectoryFilterForm, read_filters

    form = DirectoryFilterForm(request.GET or None)
    valid, filters = read_filters(form)
    entries = (directory_entries(parent=page, filters=filters, now=timezone.now(), cards=True)
               if valid else [])  # fmt: skip
    page_obj = Paginator(entries, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "form": form, "valid": valid, "filters": filters,
        "page_obj": page_obj, "entries": page_obj.object_list,
        "near_me": {"origin": filters.get("origin"), "radius": filters.get("radius"),
                    "by_distance": filters.get("origin") is not None},
    }  # fmt: skip
    return page.render(request, context_overrides=context)


def organization_context(*, page, now) -> dict:
    """What an organization's page shows besides its own fields: its place's week of opening
    hours, today's and whether it is open at `now`, on the place's clock."""
    venue = page.venue
    rows = list(venue.hours.all()) if venue else []
    return {
        "venue": venue,
        "week": [(WEEKDAYS[day], spans) for day, spans in hours.week(rows)],
        "today": hours.hours_today(rows, zone=venue.timezone, now=now) if venue else [],
        "open_now": hours.is_open(rows, zone=venue.timezone, now=now) if venue else None,
        "local_now": hours.local(now, venue.timezone) if venue else None,
    }


def organization_detail(request, *, page) -> TemplateResponse:
    # Linked data (schema.org) plugs in here: a `json_ld` in the context is written by the
    # template's `structured_data` block (culture/organization_page.html).
    from django.db.models import prefetch_related_objects

    from core.links import page_url, parent_page_path
    from culture.directory import offering_prefetches
    from culture.linked_data import organization_json_ld

    # what the page and its linked data both read, once
    prefetch_related_objects([page], *offering_prefetches())
    context = organization_context(page=page, now=timezone.now())
    context["json_ld"] = organization_json_ld(page, url=page_url(page, request))
    context["index_url"] = parent_page_path(page)
    return page.render(request, context_overrides=context)
