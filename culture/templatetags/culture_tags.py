"""Template helpers of the programs: calendar subscription links, distances, a session's change
and the listing's cards.

The cards and the change notice are written in Python: the listing shows twenty cards on every
request, and as templates (an include per change, a lookup per value) they were most of its
time in process (issue 15). They write what the templates wrote, in the reader's language."""

from zoneinfo import ZoneInfo

from django import template
from django.utils.formats import date_format, localize, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.templatetags.retorno_tags import lang_attr
from culture.calendar_links import webcal_url
from culture.geo import KM_PER_MILE

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal(context, path: str, query: str = "") -> str:
    """A webcal:// address of a feed, which calendar apps open as a subscription."""
    return webcal_url(path, context.get("request"), query)


@register.filter
def distance(kilometres: float | None) -> str:
    """'12 mi (19 km)' — miles first: the programs' places are mostly in the United States."""
    if kilometres is None:
        return ""
    miles = kilometres / KM_PER_MILE
    return _("%(miles)s mi (%(km)s km)") % {
        "miles": number_format(miles, 1 if miles < 10 else 0, force_grouping=True),
        "km": number_format(kilometres, 1 if kilometres < 10 else 0, force_grouping=True),
    }


def _said(text: str, **values) -> SafeString:
    """A translated sentence with its values escaped (as {% blocktranslate %} writes it)."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(text % escaped)  # noqa: S308 - the values are escaped, the text is ours


def _when(moment, zone: str) -> str:
    return date_format(moment.astimezone(ZoneInfo(zone)), "DATETIME_FORMAT")


@register.simple_tag
def session_change(start, session) -> SafeString:
    """A cancelled or moved session, said in words: `session` (a ProgramSession or a
    SessionSummary) and `start`, the occurrence concerned; nothing for a scheduled one."""
    if session.is_cancelled:
        text = _said(_("Cancelled: %(when)s"), when=_when(start, session.timezone))
        return format_html('<strong class="session-change is-cancelled">{}</strong>', text)
    if not session.is_moved:
        return mark_safe("")  # noqa: S308 - a constant empty string
    when = _when(start, session.timezone)
    if session.moved_from:
        text = _said(_("Moved to %(when)s (first planned for %(before)s)"), when=when,
                     before=_when(session.moved_from, session.timezone))  # fmt: skip
    else:
        text = _said(_("Moved to %(when)s"), when=when)
    return format_html('<strong class="session-change is-moved">{}</strong>', text)


def _next(program, origin) -> SafeString:
    """A card's "Next:" line: the next session's date in its own zone, its place, the distance."""
    if program.next_occurrence:
        begins, session = program.next_occurrence
        local = begins.astimezone(ZoneInfo(session.timezone))
        html = format_html('{} <time datetime="{}">{}</time>', _("Next:"), date_format(local, "c"),
                           date_format(local, "DATETIME_FORMAT"))  # fmt: skip
        if session.city:
            html += format_html(" · {}", session.city)
        elif session.online:
            html += format_html(" · {}", _("online"))
    else:
        html = conditional_escape(_("No upcoming sessions."))
    html += mark_safe("\n    ")  # noqa: S308 - a constant
    if program.distance_km is not None:
        away = _said(_("%(distance)s away"), distance=distance(program.distance_km))
        html += format_html('<span class="distance"> · {}</span>', away)
    elif origin and program.next_occurrence:
        html += format_html('<span class="distance"> · {}</span>', _("online"))
    return html


@register.simple_tag
def program_card(program, origin=None) -> SafeString:
    """A listing card (culture.selectors.ProgramCard with its ranking's values); `origin`: the
    place the listing is measured from, if any."""
    html = format_html(
        '<li class="program-card">\n    <a class="program-title" href="{}"{}>{}</a>\n    ',
        program.card_url, lang_attr(program, "title"), program.title,
    )  # fmt: skip
    if program.is_illustrative:
        html += format_html('<span class="tag-illustrative">{}</span>', _("illustrative"))
    meta = conditional_escape(program.category or "")
    if program.organizer:
        meta += format_html(" · {}", program.organizer)
    meta += format_html(" · {}", _("Free") if program.is_free else f"{localize(program.cost)} USD")
    html += format_html('\n    <p class="program-meta">{}</p>\n    ', meta)
    if program.summary:
        html += format_html("<p{}>{}</p>", lang_attr(program, "summary"), program.summary)
    html += format_html('\n    <p class="program-next">{}</p>\n    ', _next(program, origin))
    if program.session_change:
        html += format_html('<p class="program-change">{}</p>',
                            session_change(*program.session_change))  # fmt: skip
    return html + mark_safe("\n  </li>")  # noqa: S308 - a constant
