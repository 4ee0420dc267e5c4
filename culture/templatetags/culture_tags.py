"""Template helpers of the programs: calendar subscription links and distances."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

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
