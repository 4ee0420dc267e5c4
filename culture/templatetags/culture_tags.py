"""Template helpers of the programs: calendar subscription links, distances, a session's change
and the listing's cards.

The cards and the change notice are written in Python: the listing shows twenty cards on every
request, and as templates (an include per change, a lookup per value) they were most of its
time in process (issue 15). They write what the templates wrote, in the reader's language."""

from functools import lru_cache
from zoneinfo import ZoneInfo

from django import template
from django.utils.formats import date_format, localize, number_format
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
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


@lru_cache(maxsize=4096)
def _local(moment, zone: str, fmt: str, language: str) -> str:
    """A moment as written in its session's zone, in `language` (the active one, part of the
    key): the cards of a listing show the same few hundred dates on every request."""
    return date_format(moment.astimezone(ZoneInfo(zone)), fmt)


def _when(moment, zone: str, fmt: str = "DATETIME_FORMAT") -> str:
    return _local(moment, zone, fmt, get_language())


@register.simple_tag
def session_change(start, session) -> SafeString:
    """A cancelled or moved session, said in words (SessionStatusMixin.change_text): `session`
    (a ProgramSession or a SessionSummary) and `start`, the occurrence concerned; nothing for
    a scheduled one."""
    if not (session.is_cancelled or session.is_moved):
        return mark_safe("")  # noqa: S308 - a constant empty string
    kind = "is-cancelled" if session.is_cancelled else "is-moved"
    return format_html('<strong class="session-change {}">{}</strong>', kind,
                       session.change_text(start))  # fmt: skip


def _next(program, origin) -> str:
    """A card's "Next:" line: the next session's date in its own zone, its place, the distance
    (HTML, its values escaped)."""
    if program.next_occurrence:
        begins, session = program.next_occurrence
        zone = session.timezone
        label = _("Next:")  # gettext outside f-strings: xgettext does not read into them
        html = (f'{escape(label)} <time datetime="{escape(_when(begins, zone, "c"))}">'
                f"{escape(_when(begins, zone))}</time>")  # fmt: skip
        if session.city:
            html += f" · {escape(session.city)}"
        elif session.online:
            online = _("online")
            html += f" · {escape(online)}"
    else:
        html = escape(_("No upcoming sessions."))
    html += "\n    "
    if program.distance_km is not None:
        away = _said(_("%(distance)s away"), distance=distance(program.distance_km))
        html += f'<span class="distance"> · {away}</span>'
    elif origin and program.next_occurrence:
        online = _("online")
        html += f'<span class="distance"> · {escape(online)}</span>'
    return html


def card_head(program) -> str:
    """The part of a listing card that changes only with its program's records, in the active
    language (HTML, its values escaped): kept with the cards (culture.selectors), so a listing
    writes only each card's next session and distance."""
    html = (f'<li class="program-card">\n    <a class="program-title"'
            f' href="{escape(program.card_url)}"{lang_attr(program, "title")}>'
            f"{escape(program.title)}</a>\n    ")  # fmt: skip
    if program.is_illustrative:
        tag = _("illustrative")
        html += f'<span class="tag-illustrative">{escape(tag)}</span>'
    meta = escape(program.category or "")
    if program.organizer:
        meta += f" · {escape(program.organizer)}"
    cost = _("Free") if program.is_free else f"{localize(program.cost)} USD"
    meta += f" · {escape(cost)}"
    html += f'\n    <p class="program-meta">{meta}</p>\n    '
    if program.summary:
        html += f"<p{lang_attr(program, 'summary')}>{escape(program.summary)}</p>"
    return html


@register.simple_tag
def program_card(program, origin=None) -> SafeString:
    """A listing card (culture.selectors.ProgramCard with its ranking's values); `origin`: the
    place the listing is measured from, if any. Written with escape() and f-strings: twenty
    on every listing request."""
    html = program.head or card_head(program)
    html += f'\n    <p class="program-next">{_next(program, origin)}</p>\n    '
    if program.session_change:
        html += f'<p class="program-change">{session_change(*program.session_change)}</p>'
    return mark_safe(html + "\n  </li>")  # noqa: S308 - every value escaped above


@register.filter
def map_url(venue) -> str:
    """An OpenStreetMap link to a place: its coordinates when known, else its address."""
    from urllib.parse import quote, urlencode

    if venue is None:
        return ""
    if venue.latitude is not None and venue.longitude is not None:
        lat, lon = f"{venue.latitude:.5f}", f"{venue.longitude:.5f}"
        marker = urlencode({"mlat": lat, "mlon": lon})
        return f"https://www.openstreetmap.org/?{marker}#map=17/{lat}/{lon}"
    return f"https://www.openstreetmap.org/search?query={quote(venue.address)}"


@register.filter
def tel_url(phone: str) -> str:
    """A `tel:` link for a phone number as people write it ("(312) 555-0100")."""
    digits = "".join(char for char in phone or "" if char.isdigit() or char == "+")
    return f"tel:{digits}" if digits else ""


@register.filter
def spans(values) -> str:
    """Opening spans as the reader writes times: "9:00–13:00, 15:00–18:00"."""
    from django.utils.formats import time_format

    return ", ".join(
        f"{time_format(span.opens, 'TIME_FORMAT')}–{time_format(span.closes, 'TIME_FORMAT')}"
        for span in values
    )


@register.simple_tag
def stop_request_path() -> str | None:
    """The path of the live "ask for a stop" page (culture.models.StopRequestPage), if any."""
    from core.links import live_page_path
    from culture.models import StopRequestPage

    return live_page_path(StopRequestPage)


def _languages(label: str, terms) -> str:
    indigenous = escape(_("indigenous language"))
    names = ", ".join(
        escape(name) + (f' <span class="tag-indigenous">{indigenous}</span>' if flag else "")
        for name, flag in terms
    )
    return f'<p class="offering-languages"><span class="label">{escape(label)}</span> {names}</p>'


@register.simple_tag
def offering(summary) -> SafeString:
    """What a record offers (culture.directory.OfferingSummary, or an Offering with its
    services and languages prefetched): services, languages served in and by interpretation,
    cost, appointment and eligibility. Written in Python: a directory page shows 25."""
    from culture.directory import OfferingSummary

    if not isinstance(summary, OfferingSummary):
        summary = OfferingSummary.of(summary)
    html = ""
    if summary.services:
        label = _("Services:")
        names = ", ".join(escape(name) for name in summary.services)
        html += (f'<p class="offering-services"><span class="label">{escape(label)}</span>'
                 f" {names}</p>")  # fmt: skip
    if summary.served:
        html += "\n" + _languages(_("Served in:"), summary.served)
    if summary.interpreted:
        html += "\n" + _languages(_("Interpretation on request:"), summary.interpreted)
    if summary.cost or summary.appointment:
        terms = " · ".join(escape(term) for term in (summary.cost, summary.appointment) if term)
        html += f'\n<p class="offering-terms">{terms}</p>'
    if summary.eligibility:
        html += (f'\n<p class="offering-eligibility"{summary.eligibility_lang}>'
                 f"{escape(summary.eligibility)}</p>")  # fmt: skip
    return mark_safe(html)  # noqa: S308 - every value escaped above


@lru_cache(maxsize=4096)
def _hours_line(today: tuple, zone: str, is_stop: bool, open_now: bool, language: str) -> str:
    """A card's "Hours today" and "open now" (worked out on the place's clock at the request's
    instant); kept per values and language: a page shows the same few lines again and again."""
    html = ""
    if today:
        label = _("Hours today:")
        html = (f'<span class="label">{escape(label)}</span> {escape(spans(today))}'
                f' <span class="tz">({escape(zone)})</span>')  # fmt: skip
    elif not is_stop:
        html = escape(_("Closed today"))
    if open_now:
        html += f' · <strong class="tag-open">{escape(_("open now"))}</strong>'
    return f'\n  <p class="entry-hours">{html}</p>'


@lru_cache(maxsize=4096)
def _distance(kilometres: float, language: str) -> str:
    return f' · <span class="distance">{escape(distance(kilometres))}</span>'


def _action(url: str, label: str, rel: str = "") -> str:
    return f'<a class="button secondary" href="{escape(url)}"{rel}>{escape(label)}</a>'


@lru_cache(maxsize=4096)
def _card_parts(card, language: str) -> tuple[str, str, str]:
    """The parts of a card that depend on its record only, in `language`: before the distance,
    between it and the hours, after them. Kept per card (its values are the key, so a changed
    record is a new card)."""
    if card.is_stop:
        day = date_format(card.day, "l j F")
        top = (f'<li class="directory-entry is-stop">\n  <h2 class="entry-title">'
               f"<span{card.name_lang}>{escape(card.name)}</span>: "
               f'<time datetime="{card.day.isoformat()}">{escape(day)}</time></h2>')  # fmt: skip
    else:
        top = (f'<li class="directory-entry">\n  <h2 class="entry-title"><a href="'
               f'{escape(card.url)}"{card.name_lang}>{escape(card.name)}</a></h2>')  # fmt: skip
    top += f'\n  <p class="entry-meta">{escape(card.kind)}'
    if card.illustrative:
        top += f' · <span class="tag-illustrative">{escape(_("illustrative"))}</span>'
    middle = "</p>"
    if card.place:
        middle += f'\n  <p class="entry-place">{escape(card.place)}</p>'
    elif card.service_area:
        middle += (f'\n  <p class="entry-place"{card.service_area_lang}>'
                   f"{escape(card.service_area)}</p>")  # fmt: skip
    bottom = f'\n  {offering(card.offering)}\n  <p class="entry-actions">'
    if card.phone:
        bottom += _action(card.phone, _("Call"))
    if card.map_url:
        bottom += _action(card.map_url, _("Map"))
    if card.website:
        bottom += _action(card.website, _("Website"), ' rel="noopener"')
    if card.appointment_url:
        bottom += _action(card.appointment_url, _("Make an appointment"))
    return top, middle, bottom + "</p>\n</li>"


@register.simple_tag
def directory_card(entry) -> SafeString:
    """A directory result (culture.directory.DirectoryEntry with its DirectoryCard): name,
    kind, distance, place, hours today, offering and the call / map / website actions.
    Written with escape() and f-strings, as the programs' cards, and what depends on the
    record only kept per card and language: 25 on every page."""
    card, language = entry.card, get_language()
    top, middle, bottom = _card_parts(card, language)
    html = top
    if entry.distance_km is not None:
        html += _distance(entry.distance_km, language)
    html += middle
    if card.zone:
        html += _hours_line(tuple(entry.today), card.zone, card.is_stop, bool(entry.open_now),
                            language)  # fmt: skip
    return mark_safe(html + bottom)  # noqa: S308 - every value escaped above
