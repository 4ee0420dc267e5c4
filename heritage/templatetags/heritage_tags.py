from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from heritage.dates import year_label
from heritage.linked_data import piece_schema_org
from heritage.models.pages import case_route, piece_route

register = template.Library()
register.filter("piece_route", piece_route)
register.filter("case_route", case_route)


@register.filter
def year(value) -> str:
    return year_label(int(value)) if value is not None else ""


@register.simple_tag
def dimensions(piece) -> str:
    parts = []
    for field, label in (
        ("height_cm", _("height")),
        ("width_cm", _("width")),
        ("depth_cm", _("depth")),
        ("diameter_cm", _("diameter")),
    ):
        value = getattr(piece, field)
        if value is not None:
            parts.append(f"{label} {number_format(value.normalize())} cm")
    if piece.weight_g is not None:
        parts.append(f"{_('weight')} {number_format(piece.weight_g.normalize())} g")
    return "; ".join(parts)


@register.simple_tag(takes_context=True)
def piece_json_ld(context) -> dict:
    return piece_schema_org(
        piece=context["piece"],
        url=context.get("permalink", ""),
        images=context.get("images", []),
        materials=context.get("materials", []),
        request=context.get("request"),
    )
