from django import template
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from wagtail.images.models import Filter

from core.templatetags.retorno_tags import lang_attr
from heritage.dates import year_label
from heritage.linked_data import piece_schema_org
from heritage.models.pages import case_route, piece_route

register = template.Library()
register.filter("piece_route", piece_route)
register.filter("case_route", case_route)

CARD_IMAGE = Filter("fill-320x320")


def card_rendition(image):
    """A card's thumbnail: among the renditions the selectors prefetched when it exists (no
    lookup, no cache write), else made once by Wagtail."""
    key = CARD_IMAGE.get_cache_key(image)
    for rendition in getattr(image, "_prefetched_objects_cache", {}).get("renditions", ()):
        if rendition.filter_spec == CARD_IMAGE.spec and rendition.focal_point_key == key:
            return rendition
    return image.get_rendition(CARD_IMAGE)


@register.simple_tag
def piece_card(piece, catalog_url: str, title_html=None, snippet_html=None) -> SafeString:
    """A piece's result card (pieces from heritage.selectors.piece_cards_public): the catalog's
    results, a case's pieces, the featured pieces. `title_html`/`snippet_html`: a search's
    highlights, already escaped by the engine with only <mark> added. Written with escape()
    and f-strings: twenty on every catalog page."""
    html = '<li class="piece-card">\n  '
    first = piece.image_list[0] if piece.image_list else None
    if first is not None:
        thumb = card_rendition(first.image)
        html += (f'<img src="{escape(thumb.url)}" width="160" height="160"'
                 f' alt="{escape(first.alt_text)}" loading="lazy">')  # fmt: skip
    title = title_html if title_html else escape(piece.title)
    html += (f'\n  <div>\n    <a class="piece-title" href="{escape(catalog_url)}'
             f'{escape(piece_route(piece.catalog_number))}"{lang_attr(piece, "title")}>{title}</a>'
             f'\n    <p class="piece-meta"><span class="catalog-number">'
             f"{escape(piece.catalog_number)}</span>")  # fmt: skip
    if piece.culture:
        html += f" · {escape(piece.culture)}"
    date = piece.date_label
    if date:
        html += f" · {escape(date)}"
    if piece.is_illustrative:
        html += f' · <span class="tag-illustrative">{escape(_("illustrative"))}</span>'
    html += "</p>"
    if snippet_html:
        html += f'\n    <p class="snippet">{snippet_html}</p>'
    return mark_safe(html + "\n  </div>\n</li>")  # noqa: S308 - every value escaped above


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


@register.simple_tag
def facet_options(group: dict) -> SafeString:
    """A facet's checkboxes (heritage.views._facet_groups): a hundred on the catalog page, each
    a template loop's dozen lookups when written in the template."""
    name = escape(group["name"])
    html = ""
    for option in group["options"]:
        checked = " checked" if option["checked"] else ""
        html += (f'\n      <label class="facet-option"><input type="checkbox" name="{name}"'
                 f' value="{escape(option["code"])}"{checked}> {escape(option["label"])}'
                 f' <span class="count">({option["count"]})</span></label>')  # fmt: skip
    return mark_safe(html)  # noqa: S308 - every value escaped above
