"""Illustrative demo site: home page, a few standard pages, navigation and footer, in es/en/nah.

Idempotent: what exists (found by its Spanish slug) is left as it is, so a second run changes
nothing. Nahuatl is given where a short, common phrase suffices; elsewhere the page falls back to
Spanish and says so, which is also what the demo is meant to show.
"""

import io
import json
import uuid

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from core.models import FooterLink, HomePage, MainMenuLink, NavigationSettings, StandardPage

DEMO_IMAGE_TITLE = "Retorno — imagen de demostración (ilustrativa)"

HOME = {
    "title_es": "Retorno",
    "title_en": "Retorno",
    "title_nah": "Retorno",
    # Not seen in URLs (the home page is /es/, /en/, /nah/); unlike Wagtail's placeholder's "home".
    "slug_es": "retorno",
    "slug_en": "retorno",
    "slug_nah": "retorno",
    "intro_es": (
        "El patrimonio prehispánico que ha vuelto a México y la programación cultural para las "
        "comunidades mexicanas en el exterior, en un solo lugar."
    ),
    "intro_en": (
        "The pre-Hispanic heritage that has returned to Mexico, and cultural programming for "
        "Mexican communities abroad, in one place."
    ),
    "intro_nah": (
        "Niltze! Huehcauh tlamantin tlen ocuepaloqueh Mexihco, ihuan programas tlen toltecayotl "
        "ic mexihcah tlen nemih occe tlalpan, ipan zan ce campa."
    ),
}

# How the demo marks its draft Nahuatl texts (the apps' demos too).
NAH_MARK = " (náhuatl ilustrativo)"

# The home page's own blocks; the apps add their sections and doors (extend_home).
HOME_TEXT = {
    "es": "<p>Explore las piezas recuperadas y encuentre programas culturales cercanos.</p>",
    "en": "<p>Explore the recovered pieces and find cultural programs near you.</p>",
    "nah": f"<p>Xiquitta huehcauh tlamantin ihuan xictemo programas nonahuac.{NAH_MARK}</p>",
}
DOORS_HEADING = {
    "es": "¿Por dónde quiere empezar?",
    "en": "Where would you like to start?",
    "nah": "¿Campa ticpehuaz?" + NAH_MARK,
}

STANDARD_PAGES = [
    {
        "title_es": "Acerca de Retorno",
        "title_en": "About Retorno",
        "slug_es": "acerca-de",
        "slug_en": "about",
        "intro_es": "Qué es este sitio y para quién existe.",
        "intro_en": "What this site is and whom it is for.",
        "paragraph_es": (
            "<p>Retorno reúne el catálogo de piezas recuperadas —por aseguramientos, devoluciones "
            "voluntarias y subastas detenidas— con los programas culturales que los consulados "
            "organizan para las comunidades de primera y siguientes generaciones.</p>"
        ),
        "paragraph_en": (
            "<p>Retorno brings together the catalog of recovered pieces — through seizures, "
            "voluntary returns and stopped auctions — and the cultural programs that consulates "
            "run for first- and later-generation communities.</p>"
        ),
        "quote_es": "El patrimonio recuperado es patrimonio de la comunidad.",
        "quote_en": "Recovered heritage is the community's heritage.",
    },
    {
        "title_es": "Cómo consultar el catálogo",
        "title_en": "How to search the catalog",
        "slug_es": "como-consultar",
        "slug_en": "how-to-search",
        "intro_es": "Guía breve para investigadores.",
        "intro_en": "A short guide for researchers.",
        "paragraph_es": (
            "<p>Combine texto libre con filtros por cultura, periodo, material y método de "
            "recuperación. Las fechas antes de nuestra era se escriben como años negativos.</p>"
        ),
        "paragraph_en": (
            "<p>Combine free text with filters by culture, period, material and recovery method. "
            "Dates before the common era are written as negative years.</p>"
        ),
        "quote_es": "",
        "quote_en": "",
    },
    {
        "title_es": "Aviso de privacidad",
        "title_en": "Privacy notice",
        "slug_es": "aviso-de-privacidad",
        "slug_en": "privacy",
        "intro_es": "Texto de ejemplo: no es un aviso de privacidad real.",
        "intro_en": "Sample text: this is not a real privacy notice.",
        "paragraph_es": "<p>Este texto es ilustrativo y será sustituido por el aviso oficial.</p>",
        "paragraph_en": "<p>This text is illustrative; the official one will replace it.</p>",
        "quote_es": "",
        "quote_en": "",
    },
]

MENU = [
    # (Spanish slug of the page, label es, label en, label nah); "" = falls back to Spanish
    ("acerca-de", "Acerca de", "About", "Tlen Retorno"),
    ("como-consultar", "Guía de consulta", "Research guide", ""),
]
FOOTER = [
    ("aviso-de-privacidad", "Aviso de privacidad", "Privacy notice", "Tlanahuatilli ic ichtacayotl")
]
FOOTER_TEXT = {
    "footer_text_es": "Sitio de demostración: todo su contenido es ilustrativo.",
    "footer_text_en": "Demonstration site: all of its content is illustrative.",
    "footer_text_nah": "Amatlalli ic tlanextiliztli: nochi tlen quipia zan tlaixyeyecoltilli.",
}


def _demo_image():
    image_model = get_image_model()
    existing = image_model.objects.filter(title=DEMO_IMAGE_TITLE).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (1200, 675), "#7a1f12")
    draw = ImageDraw.Draw(canvas)
    for tier in range(8):  # stepped terraces, a nod to a pyramid
        shade = 140 + tier * 12
        draw.rectangle(
            [100 + tier * 60, 620 - (tier + 1) * 55, 1100 - tier * 60, 620 - tier * 55],
            fill=(shade, 70, 40),
        )
    draw.text((40, 40), "Retorno · ilustrativo / illustrative", fill="#fbfaf7")
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=DEMO_IMAGE_TITLE,
        file=ImageFile(buffer, name="retorno-demo.png"),
    )


def _body(paragraph: str, image, alt: str, quote: str) -> list:
    blocks = [("paragraph", paragraph)] if paragraph else []
    if image is not None:
        blocks.append(("image", {"image": image, "alt_text": alt, "caption": "", "credit": ""}))
    if quote:
        blocks.append(("quote", {"text": quote, "attribution": ""}))
    return blocks


def _home_page(image) -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage(
        **HOME,
        is_illustrative=True,
        **{
            f"body_{code}": [
                *_body(text, None, "", ""),
                ("doors", {"heading": DOORS_HEADING[code], "doors": []}),
            ]
            for code, text in HOME_TEXT.items()
        },
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    previous_root = site.root_page if site else None
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Retorno"
    site.save()
    # The placeholder page Wagtail's own migration creates is replaced by ours.
    if previous_root and previous_root.pk != home.pk and previous_root.depth == 2:
        previous_root.delete()
    return home


def add_menu_link(page, *, sort_order: int, **labels: str) -> None:
    """Link `page` from the main menu of its site, once (labels: label_es=…, label_en=…)."""
    nav = NavigationSettings.for_site(page.get_site())
    if not nav.main_menu_links.filter(page=page).exists():
        MainMenuLink.objects.create(setting=nav, page=page, sort_order=sort_order, **labels)


def _raw(value) -> dict:
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def extend_home(*, sections: dict | None = None, doors: dict | None = None) -> None:
    """Add an app's demo sections and doors to the home page, in each language given, once.

    `sections`: language → [(source, heading, count)], appended in order unless the source is
    on the page already. `doors`: language → [(position, heading, text, [(label, page or
    path)])], inserted in the page's doors block unless a door has that heading. The home page
    is published again when anything changed."""
    site = Site.objects.filter(is_default_site=True).first()
    home = site.root_page.specific if site else None
    if not isinstance(home, HomePage):
        return
    changed = False
    codes = [code for code, _name in settings.LANGUAGES]
    for code in codes:
        raw = list(getattr(home, f"body_{code}").raw_data) if getattr(home, f"body_{code}") else []
        present = {b["value"]["source"] for b in raw if b["type"] == "section"}
        for source, heading, count in (sections or {}).get(code, []):
            if source not in present:
                raw.append(
                    {
                        "type": "section",
                        "id": str(uuid.uuid4()),
                        "value": {"source": source, "heading": heading, "count": count},
                    }
                )
                changed = True  # fmt: skip
        block = next((b for b in raw if b["type"] == "doors"), None)
        if block is not None:
            have = {door["value"]["heading"] for door in block["value"]["doors"]}
            for position, heading, text, links in (doors or {}).get(code, []):
                if heading in have:
                    continue
                door = {"heading": heading, "text": text, "links": [
                    _raw({"label": label,
                          "page": target if isinstance(target, int) else None,
                          "url": target if isinstance(target, str) else ""})
                    for label, target in links
                ]}  # fmt: skip
                block["value"]["doors"].insert(position, _raw(door))
                changed = True
        setattr(home, f"body_{code}", json.dumps(raw))
    if changed:
        home.save_revision().publish()


def _standard_page(parent: HomePage, spec: dict, image) -> StandardPage:
    existing = StandardPage.objects.child_of(parent).filter(slug_es=spec["slug_es"]).first()
    if existing:
        return existing
    page = StandardPage(
        title_es=spec["title_es"],
        title_en=spec["title_en"],
        slug_es=spec["slug_es"],
        slug_en=spec["slug_en"],
        intro_es=spec["intro_es"],
        intro_en=spec["intro_en"],
        body_es=_body(spec["paragraph_es"], None, "", spec["quote_es"]),
        body_en=_body(spec["paragraph_en"], None, "", spec["quote_en"]),
        is_illustrative=True,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _links(model, nav: NavigationSettings, pages: dict, rows: list) -> None:
    if model.objects.filter(setting=nav).exists():
        return
    for order, (slug, label_es, label_en, label_nah) in enumerate(rows):
        model.objects.create(
            setting=nav,
            sort_order=order,
            page=pages[slug],
            label_es=label_es,
            label_en=label_en,
            label_nah=label_nah,
        )


def load(*, stdout) -> None:
    with transaction.atomic():
        image = _demo_image()
        home = _home_page(image)
        pages = {spec["slug_es"]: _standard_page(home, spec, image) for spec in STANDARD_PAGES}
        site = home.get_site()
        nav = NavigationSettings.for_site(site)
        if not nav.footer_text_es:
            for field, value in FOOTER_TEXT.items():
                setattr(nav, field, value)
            nav.save()
        _links(MainMenuLink, nav, pages, MENU)
        _links(FooterLink, nav, pages, FOOTER)
    stdout.write(f"core: home page and {len(pages)} standard pages (illustrative)")
