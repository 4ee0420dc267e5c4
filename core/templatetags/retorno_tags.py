"""Template tags every public page uses: language alternates, canonical URL, description,
fallback notice, navigation, the chosen filters of a listing."""

import functools
import html

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Site

from core import routes
from core.chips import Chip, filter_chips, form_filters
from core.i18n import is_draft_language, language_codes, source_language
from core.links import absolute_url, page_paths
from core.navigation import navigation_for

register = template.Library()


DESCRIPTION_LENGTH = 160  # what search engines show of a description


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[dict]:
    """The same page in every language: for the switcher and the hreflang links."""
    request = context.get("request")
    page = context.get("page")
    # A routable page's sub-route (a piece, a case) keeps its path and query in every language.
    suffix = context.get("route_suffix", "")
    query = request.GET.urlencode() if request is not None and page is not None else ""
    current = translation.get_language()
    paths = page_paths(page, request) if page is not None and hasattr(page, "get_url") else None
    alternates = []
    for code in language_codes():
        if paths is not None:
            url = paths[code]
            if url:
                url = f"{url}{suffix}" + (f"?{query}" if query else "")
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = None
        if not url:
            continue
        info = translation.get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name_local": info["name_local"],
                "url": url,
                "absolute_url": absolute_url(url, request),
                "is_current": code == current,
            }
        )
    return alternates


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's absolute URL in the reader's language, without query (filters, pages of a
    listing and tracking parameters all name one canonical page)."""
    request = context.get("request")
    page = context.get("page")
    path = None
    if page is not None and hasattr(page, "get_url_parts"):
        path = page_paths(page, request).get(translation.get_language())
        if path:
            path += context.get("route_suffix", "")
    if not path and request is not None:
        path = request.path
    return absolute_url(path, request) if path else ""


DESCRIBED_FIELDS = ("search_description", "summary", "intro")


@register.simple_tag
def describe(*candidates) -> str:
    """A meta description: the first of `candidates` with text (tags stripped, one line, at
    most DESCRIPTION_LENGTH characters), else what the site is."""
    return _description(translation.get_language(), tuple(str(text or "") for text in candidates))


@functools.lru_cache(maxsize=1024)
def _description(language: str, candidates: tuple[str, ...]) -> str:
    """describe's answer, a function of the texts and the language only, kept: stripping the
    tags of a page's intro costs more than the rest of its chrome."""
    for candidate in candidates:
        text = " ".join(html.unescape(strip_tags(candidate)).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return _(
        "Retorno: pre-Hispanic pieces returned to Mexico, their recovery cases, and cultural "
        "programs for Mexican communities abroad."
    )


@register.simple_tag
def describe_page(page) -> str:
    """The meta description of a page: its search description, summary or intro, whichever
    the page has (read here: a template looking up a field a page type lacks pays for a
    listing of every attribute of the page)."""
    return describe(*(getattr(page, name, None) for name in DESCRIBED_FIELDS))


@register.simple_tag
def lang_attr(obj, field: str) -> str:
    """` lang="xx"` when the reader sees `obj.<field>` in a language other than the page's."""
    current = translation.get_language()
    source = source_language(obj, field, current)
    if source and source != current:
        return format_html(' lang="{}"', source)
    return mark_safe("")  # noqa: S308 - a constant empty string


@register.simple_tag(takes_context=True)
def fallback_notice(context, obj) -> str:
    """Tells the reader, in their language, which parts of the page come from another one
    (nothing, without rendering the notice's template, when every part is in theirs)."""
    items = obj.reader_fallbacks() if hasattr(obj, "reader_fallbacks") else []
    languages = []
    for item in items:
        if item.language not in [code for code, _name in languages]:
            languages.append((item.language, item.language_name))
    if not languages:
        return ""
    return render_to_string(
        "core/includes/fallback_notice.html",
        {"fallback_languages": languages},
        request=context.get("request"),
    )


@register.inclusion_tag("core/includes/draft_language_notice.html")
def draft_language_notice(nav: dict | None) -> dict:
    """In a language whose interface is a draft translation, says so, with the link to suggest
    corrections that Settings › Navigation names (none when it names no page)."""
    if not is_draft_language():
        return {"shown": False}
    info = translation.get_language_info(translation.get_language())
    return {
        "shown": True,
        "language": info["name_translated"],
        "corrections_href": (nav or {}).get("corrections_href", ""),
    }


@register.simple_tag(takes_context=True)
def navigation(context) -> dict | None:
    """Main menu and footer for the request's site in the reader's language (cached)."""
    request = context.get("request")
    if request is None:
        return None
    site = Site.find_for_request(request)
    return navigation_for(site=site, request=request) if site else None


@register.simple_tag
def default_language() -> str:
    return settings.LANGUAGE_CODE


@register.filter
def json_ld(data) -> str:
    """A JSON-LD <script> body that cannot close its own tag (</script> in a title, say)."""
    import json

    text = json.dumps(data, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every <, > and & is escaped above


@register.filter
def split(value: str) -> list[str]:
    return value.split()


@register.filter
def field(container, name: str):
    """form|field:"name" or dict|field:"key" — item lookup by a name held in a variable."""
    if isinstance(container, dict):
        return container.get(name)
    return container[name]


@register.simple_tag(takes_context=True)
def form_chips(context, form, exclude: str = "") -> list[Chip]:
    """The chosen filters of a listing whose filters are a form, as removable chips (see
    core.chips); `exclude`: space-separated fields the page shows outside its filter panel."""
    request = context.get("request")
    if request is None or not form.is_bound:
        return []
    return filter_chips(request.GET, form_filters(form, exclude=exclude.split()))


@register.simple_tag
def widget(bound_field, form: str = "") -> str:
    """A form field's input with its error and help tied to it (aria-describedby names
    `err_<name>` and `help_<name>`, the ids the templates give those paragraphs); `form` ties
    an input placed outside its <form> (a listing's "near me" above the results) to it."""
    attrs = {}
    if form:
        attrs["form"] = form
    described = []
    if bound_field.errors:
        described.append(f"err_{bound_field.name}")
    if bound_field.help_text:
        described.append(f"help_{bound_field.name}")
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return bound_field.as_widget(attrs=attrs)


class KeptNode(template.Node):
    def __init__(self, nodelist, name: str, parts: list):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context) -> str:
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        parts = (
            translation.get_language(),
            site.pk if site is not None else None,
            *(str(part.resolve(context)) for part in self.parts),
        )
        html = routes.remember(
            f"kept:{self.name}",
            parts,
            lambda: str(self.nodelist.render(context)),
            immutable=True,  # a string: every request may share it
        )
        return mark_safe(html)  # noqa: S308 - rendered by this template, escaped there


@register.tag
def kept(parser, token):
    """{% kept "name" value… %}…{% endkept %}: the enclosed markup rendered once per language,
    site and values, and kept like routes (core.routes: until any record changes). For what is
    a function of those only — the page chrome (header, menus, footer), a listing's filter form
    (of its query string) — and costs more to render than to look up (issue 15: the program
    filters, some forty inputs; issue 13: the chrome, a fifth of a catalog search's time)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% kept %} takes a name, then any values")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(
        nodelist, bits[1].strip("\"'"), [parser.compile_filter(bit) for bit in bits[2:]]
    )
