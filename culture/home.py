"""What the programs offer the home page (core.home): upcoming programs near the visitor and
the mobile consulate's next stops, read through culture's selectors, drawn by its templates.
Registered in culture/wagtail_hooks.py.

"Near" is a plain GET form (postal code or city; the browser's location only when the visitor
presses the button, static/js/near-me.js) that comes back to the home page: nothing is sent
anywhere until the visitor asks. Both sections read the same place from the query string."""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.utils import timezone

from core.links import live_page_path
from culture.forms import StopFilterForm, read_filters
from culture.models import MobileConsulatePage, ProgramIndexPage
from culture.selectors import next_stop_near, program_list_public, upcoming_stops

PLACE_FIELDS = ("near", "lat", "lng", "radius")


def _place(request) -> tuple:
    """(form, valid, filters) of the place the visitor gave, read once per request."""
    if request is None:
        form = StopFilterForm()
        return (form, *read_filters(form))
    if not hasattr(request, "_home_place"):
        given = {name: request.GET[name] for name in PLACE_FIELDS if request.GET.get(name)}
        form = StopFilterForm(given or None)
        request._home_place = (form, *read_filters(form))
    return request._home_place


def _place_query(form) -> str:
    return urlencode({name: form.data[name] for name in PLACE_FIELDS if form.data.get(name)})


def programs_near(request, *, count: int, anchor: str) -> str:
    """The next programs (nearest first once the visitor gives a place) and the near-me form."""
    index_url = live_page_path(ProgramIndexPage)
    if index_url is None:
        return ""
    form, valid, filters = _place(request)
    programs = list(program_list_public(filters=filters)[:count]) if valid else []
    return render_to_string(
        "culture/home/programs_near.html",
        {
            "form": form, "valid": valid, "filters": filters, "programs": programs,
            "anchor": anchor, "index_url": index_url, "place_query": _place_query(form),
            "action": request.path if request else "",
        },
        request=request,
    )  # fmt: skip


def consulate_stops(request, *, count: int, anchor: str) -> str:
    """The mobile consulate's next stops; with a place given, the next one near it first."""
    page_url = live_page_path(MobileConsulatePage)
    if page_url is None:
        return ""
    form, valid, filters = _place(request)
    origin = filters.get("origin")
    stops = upcoming_stops(now=timezone.now(), origin=origin)
    nearest = next_stop_near(stops, radius=filters.get("radius")) if origin else None
    return render_to_string(
        "culture/home/consulate_stops.html",
        {
            "stops": stops[:count], "nearest": nearest, "page_url": page_url,
            "place_query": _place_query(form) if valid else "",
        },
        request=request,
    )  # fmt: skip
