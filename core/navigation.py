"""The main menu and footer as plain data, cached per site and language.

Every public page shows them, so they are read from the cache; any change to the navigation or
to a page (a new slug changes a link) bumps a version number and so clears every copy at once.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation

from core.i18n import source_language
from core.models import NavigationSettings

VERSION_KEY = "retorno:navigation:version"
TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    lang: str | None  # the label's language when it is not the reader's


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def navigation_invalidate(**_kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _links(links, current: str, request) -> list[NavLink]:
    result = []
    for link in links:
        source = source_language(link, "label", current)
        result.append(
            NavLink(
                label=link.label,
                href=link.href(request),
                lang=source if source and source != current else None,
            )
        )
    return result


def navigation_for(*, site, request=None) -> dict:
    current = translation.get_language()
    key = f"retorno:navigation:{_version()}:{site.pk}:{current}"
    data = cache.get(key)
    if data is None:
        nav = NavigationSettings.for_site(site)
        main = nav.main_menu_links.select_related("page") if nav.pk else []
        footer = nav.footer_links.select_related("page") if nav.pk else []
        footer_source = source_language(nav, "footer_text", current)
        corrections = nav.corrections_page if nav.corrections_page_id else None
        corrections_href = ""
        if corrections is not None and corrections.live:
            corrections_href = corrections.get_url(request=request) or ""
        data = {
            "main": _links(main, current, request),
            "footer": _links(footer, current, request),
            "footer_text": nav.footer_text or "",
            "footer_text_lang": footer_source if footer_source != current else None,
            "corrections_href": corrections_href,
        }
        # for_site() may have just created the settings row, which bumps the version.
        key = f"retorno:navigation:{_version()}:{site.pk}:{current}"
        cache.set(key, data, TIMEOUT)
    return data
