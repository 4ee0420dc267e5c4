"""Builders for tests: a site with a home page, and translated pages under it."""

from wagtail.models import Page, Site

from core.models import HomePage, StandardPage


def root_page() -> Page:
    # Transactional tests flush the tables, taking the root node Wagtail's migration made.
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", title_es="Root"))
    return root


def build_site(**fields) -> HomePage:
    """A published home page at the root of the default site (replacing Wagtail's placeholder)."""
    values = {
        "title_es": "Inicio de prueba",
        "title_en": "Test home",
        "title_nah": "Caltenco",
        "slug_es": "inicio-prueba",
        "slug_en": "test-home",
        "slug_nah": "caltenco-prueba",
        "intro_es": "Introducción en español.",
        "intro_en": "Introduction in English.",
        "intro_nah": "Niltze.",
    }
    values.update(fields)
    home = HomePage(**values)
    root_page().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    previous = site.root_page if site.pk else None
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.save()
    if previous is not None and previous.pk != home.pk:
        previous.delete()
    return home


def add_standard_page(parent: Page, **fields) -> StandardPage:
    page = StandardPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
