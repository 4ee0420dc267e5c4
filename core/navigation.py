"""The main menu and footer as plain data, cached per site and language.

Every public page shows them, so they are kept (core.cache); any change to the navigation or
to a page (a new slug changes a link) moves the namespace's version and so clears every copy at
once.
"""

from dataclasses import dataclass

from django.utils import translation

from core.cache import VersionedCache
from core.i18n import source_language
from core.models import NavigationSettings

TIMEOUT = 60 * 60 * 24
menus = VersionedCache("core:navigation")


@dataclass(frozen=True)
class NavLink:
    label: str
    href: str
    lang: str | None  # the label's language when it is not the reader's


def navigation_invalidate(sender=None, **kwargs) -> None:
    if kwargs.get("created") and sender is NavigationSettings:
        return  # made with its defaults on first read: the menus it shows are the same (none)
    menus.changed()


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

    def build() -> dict:
        nav = NavigationSettings.for_site(site)
        main = nav.main_menu_links.select_related("page") if nav.pk else []
        footer = nav.footer_links.select_related("page") if nav.pk else []
        footer_source = source_language(nav, "footer_text", current)
        corrections = nav.corrections_page if nav.corrections_page_id else None
        corrections_href = ""
        if corrections is not None and corrections.live:
            corrections_href = corrections.get_url(request=request) or ""
        return {
            "main": _links(main, current, request),
            "footer": _links(footer, current, request),
            "footer_text": nav.footer_text or "",
            "footer_text_lang": footer_source if footer_source != current else None,
            "corrections_href": corrections_href,
        }

    return menus.remember("menus", (site.pk, current), TIMEOUT, build)
