"""Demo data of the opendata app: the Open data page under the home page, in es/en/nah, and its
footer link. Idempotent like the other apps' demos (core.demo); the Nahuatl text is marked as
draft with core.demo.NAH_MARK. Releases are not made here: `manage.py publish_dump` writes them
(tools/setup_site.sh runs it once)."""

from django.db import transaction
from wagtail.models import Site

from core.demo import NAH_MARK
from core.models import FooterLink, NavigationSettings
from opendata.models import OpenDataPage

PAGE = {
    "title_es": "Datos abiertos",
    "title_en": "Open data",
    "title_nah": "Tlapohualli tlen tlapohtoc",
    "slug_es": "datos-abiertos",
    "slug_en": "open-data",
    "slug_nah": "tlapohualli-tlen-tlapohtoc",
    "intro_es": (
        "El catálogo público para programas y personas que investigan: descargas fechadas, API, "
        "OAI-PMH, IIIF y Linked Art, bajo una licencia abierta."
    ),
    "intro_en": (
        "The public catalog for software and researchers: dated downloads, API, OAI-PMH, IIIF "
        "and Linked Art, under an open licence."
    ),
    "intro_nah": "In tlapohualamatl ic nochtin: xiccui in tlapohualli." + NAH_MARK,
}
FOOTER_LABELS = {"label_es": "Datos abiertos", "label_en": "Open data",
                 "label_nah": "Tlapohualli tlen tlapohtoc"}  # fmt: skip


def load(*, stdout) -> None:
    with transaction.atomic():
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            return
        page = OpenDataPage.objects.first()
        if page is None:
            page = OpenDataPage(**PAGE, is_illustrative=True)
            site.root_page.add_child(instance=page)
            page.save_revision().publish()
        nav = NavigationSettings.for_site(site)
        if not FooterLink.objects.filter(setting=nav, page=page).exists():
            last = FooterLink.objects.filter(setting=nav).count()
            FooterLink.objects.create(setting=nav, page=page, sort_order=last, **FOOTER_LABELS)
    stdout.write("opendata: the Open data page (illustrative)")
