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


def card_parts(piece, catalog_url: str | None) -> tuple[str, str, str]:
    """A piece's result card in three escaped parts: what comes before its title, its title,
    and what follows up to where a search's snippet goes. They depend on the piece, the active
    language and `catalog_url` only, so heritage.views keeps them per site version
    (heritage.selectors.pieces_kept_public) and joins them with each search's highlights."""
    head = '<li class="piece-card">\n  '
    first = piece.image_list[0] if piece.image_list else None
    if first is not None:
        thumb = card_rendition(first.image)
        head += (f'<img src="{escape(thumb.url)}" width="160" height="160"'
                 f' alt="{escape(first.alt_text)}" loading="lazy">')  # fmt: skip
    if catalog_url is None:  # no public catalog page to link to (a story's pieces, say)
        tag, link = "span", ""
    else:
        tag, link = "a", f' href="{escape(catalog_url + piece_route(piece.catalog_number))}"'
    head += f'\n  <div>\n    <{tag} class="piece-title"{link}{lang_attr(piece, "title")}>'
    meta = (f'</{tag}>\n    <p class="piece-meta"><span class="catalog-number">'
            f"{escape(piece.catalog_number)}</span>")  # fmt: skip
    if piece.culture:
        meta += f" · {escape(piece.culture)}"
    date = piece.date_label
    if date:
        meta += f" · {escape(date)}"
    if piece.is_illustrative:
        meta += f' · <span class="tag-illustrative">{escape(_("illustrative"))}</span>'
    return head, str(escape(piece.title)), meta + "</p>"


def join_card(parts: tuple[str, str, str], title_html=None, snippet_html=None) -> SafeString:
    """A card from its parts (card_parts) and a search's highlights, already escaped by the
    engine with only <mark> added."""
    head, title, meta = parts
    snippet = f'\n    <p class="snippet">{snippet_html}</p>' if snippet_html else ""
    html = f"{head}{title_html or title}{meta}{snippet}\n  </div>\n</li>"
    return mark_safe(html)  # noqa: S308 - every value escaped by card_parts or the engine


@register.simple_tag
def piece_card(piece, catalog_url: str | None) -> SafeString:
    """A piece's result card (pieces from heritage.selectors.piece_cards_public): a case's
    pieces, the featured pieces, a story's pieces. Written with escape() and f-strings."""
    return join_card(card_parts(piece, catalog_url))


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
