"""Illustrative catalog: ten recovery cases (every method), eighty pieces, images made by Pillow,
provenance with gaps and uncertain dates, some restricted pieces and hidden find-spots.

Nothing here is a real record: catalog numbers start with DEMO-, titles say "ilustrativo", and
every case and piece has is_illustrative set. Idempotent: what exists (by code) is left alone.
"""

import datetime
import io
import random
from decimal import Decimal

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Site

from core.demo import NAH_MARK, add_menu_link
from heritage.choices import (
    Authenticity,
    Confidence,
    DateQualifier,
    HolderType,
    ImageLicense,
    LegalBasis,
    ProvenanceEventType,
    SourceKind,
)
from heritage.illustrative import PlausiblePieces
from heritage.models import (
    AuthorityType,
    CaseAuthority,
    CaseSource,
    CatalogIndexPage,
    Country,
    Institution,
    Piece,
    PieceImage,
    ProvenanceEvent,
    RecoveryCase,
    RecoveryMethod,
)

SEED = 20240820
PIECE_COUNT = 80

# (code, method, country, city, holder, legal basis, year received)
CASES = [
    (
        "DEMO-CASE-01",
        "seizure",
        "us",
        "Houston",
        HolderType.CUSTOMS_POLICE,
        LegalBasis.NATIONAL_LAW,
        2019,
    ),
    (
        "DEMO-CASE-02",
        "voluntary-return",
        "de",
        "Múnich",
        HolderType.PRIVATE_COLLECTOR,
        LegalBasis.VOLUNTARY,
        2020,
    ),
    (
        "DEMO-CASE-03",
        "stopped-auction",
        "fr",
        "París",
        HolderType.AUCTION_HOUSE,
        LegalBasis.UNESCO_1970,
        2021,
    ),
    (
        "DEMO-CASE-04",
        "judicial-restitution",
        "it",
        "Roma",
        HolderType.PRIVATE_COLLECTOR,
        LegalBasis.COURT_RULING,
        2021,
    ),
    (
        "DEMO-CASE-05",
        "diplomatic-restitution",
        "nl",
        "Ámsterdam",
        HolderType.MUSEUM,
        LegalBasis.BILATERAL,
        2022,
    ),
    (
        "DEMO-CASE-06",
        "donation",
        "ch",
        "Ginebra",
        HolderType.PRIVATE_COLLECTOR,
        LegalBasis.VOLUNTARY,
        2022,
    ),
    (
        "DEMO-CASE-07",
        "auction-purchase",
        "be",
        "Bruselas",
        HolderType.AUCTION_HOUSE,
        LegalBasis.OTHER,
        2023,
    ),
    ("DEMO-CASE-08", "other", "es", "Madrid", HolderType.ANONYMOUS, LegalBasis.OTHER, 2023),
    (
        "DEMO-CASE-09",
        "seizure",
        "us",
        "Los Ángeles",
        HolderType.GALLERY,
        LegalBasis.BILATERAL,
        2024,
    ),
    (
        "DEMO-CASE-10",
        "stopped-auction",
        "de",
        "Berlín",
        HolderType.AUCTION_HOUSE,
        LegalBasis.UNESCO_1970,
        2024,
    ),
]

PALETTE = ["#7a1f12", "#2f5d50", "#8a6d1f", "#3b4a7a", "#6b3d5c", "#4f6b2a"]


def _demo_images(count: int = 12) -> list:
    image_model = get_image_model()
    images = []
    for number in range(1, count + 1):
        title = f"Pieza ilustrativa {number:02d} (imagen generada)"
        existing = image_model.objects.filter(title=title).first()
        if existing:
            images.append(existing)
            continue
        colour = PALETTE[number % len(PALETTE)]
        canvas = PILImage.new("RGB", (640, 640), "#fbfaf7")
        draw = ImageDraw.Draw(canvas)
        inset = 60 + (number % 4) * 20
        if number % 3 == 0:
            draw.ellipse([inset, inset, 640 - inset, 640 - inset], fill=colour)
        elif number % 3 == 1:
            draw.polygon(
                [(320, inset), (640 - inset, 640 - inset), (inset, 640 - inset)], fill=colour
            )
        else:
            draw.rounded_rectangle([inset, inset, 640 - inset, 640 - inset], 40, fill=colour)
        draw.text((20, 610), f"ilustrativo / illustrative #{number}", fill="#1d1d1b")
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG")
        images.append(
            image_model.objects.create(
                title=title, file=ImageFile(buffer, name=f"demo-piece-{number:02d}.png")
            )
        )
    return images


def _cases() -> list[RecoveryCase]:
    authority_types = {term.code: term for term in AuthorityType.objects.all()}
    cases = []
    for code, method, country, city, holder, basis, year in CASES:
        existing = RecoveryCase.objects.filter(code=code).first()
        if existing:
            cases.append(existing)
            continue
        method_term = RecoveryMethod.objects.get(code=method)
        country_term = Country.objects.get(code=country)
        case = RecoveryCase(
            code=code,
            title_es=f"Caso ilustrativo: {method_term.label_es.lower()} en {city}",
            title_en=f"Illustrative case: {method_term.label_en.lower()} in {city}",
            summary_es=(
                f"Relato ilustrativo de una recuperación por {method_term.label_es.lower()} "
                f"en {city}, {country_term.label_es}. No describe un caso real."
            ),
            summary_en=(
                f"An illustrative account of a recovery by {method_term.label_en.lower()} "
                f"in {city}, {country_term.label_en}. It does not describe a real case."
            ),
            method=method_term,
            country=country_term,
            city=city,
            holder_type=holder,
            legal_basis=basis,
            date_reported=datetime.date(year - 1, 3, 15),
            date_handed_over=datetime.date(year, 5, 20),
            date_received=datetime.date(year, 6, 10),
            is_illustrative=True,
        )
        case.save()
        CaseAuthority.objects.create(
            case=case,
            authority_type=authority_types["embassy"],
            name=f"Embajada de México ({country_term.label_es})",
            role_es="Gestión de la devolución",
            role_en="Handled the return",
        )
        CaseAuthority.objects.create(
            case=case,
            authority_type=authority_types["inah"],
            name="INAH",
            role_es="Dictamen de autenticidad",
            role_en="Authenticity report",
            sort_order=1,
        )
        CaseSource.objects.create(
            case=case,
            kind=SourceKind.PRESS_RELEASE,
            title=f"Comunicado ilustrativo {code}",
            date=datetime.date(year, 6, 11),
        )
        case.save_revision().publish()
        cases.append(case)
    return cases


def _provenance(rng: random.Random, case: RecoveryCase) -> list[ProvenanceEvent]:
    received = case.date_received.year
    acquired = rng.randint(1940, 1965)
    auction = rng.randint(1980, 2005)
    return [
        ProvenanceEvent(
            sort_order=0,
            event_type=ProvenanceEventType.FIND,
            date_qualifier=DateQualifier.UNKNOWN,
            description_es="Hallazgo sin registro arqueológico.",
            description_en="Found with no archaeological record.",
            confidence=Confidence.LOW,
        ),
        ProvenanceEvent(
            sort_order=1,
            event_type=ProvenanceEventType.ACQUISITION,
            date_qualifier=DateQualifier.CIRCA,
            year_start=acquired,
            year_end=acquired,
            party_to="Colección privada ilustrativa",
            place="Ciudad de México",
            confidence=Confidence.MEDIUM,
        ),
        ProvenanceEvent(
            sort_order=2,
            event_type=ProvenanceEventType.AUCTION,
            date_qualifier=DateQualifier.EXACT,
            year_start=auction,
            year_end=auction,
            party_from="Colección privada ilustrativa",
            place=case.city,
            lot_number=str(rng.randint(10, 400)),
            sale_number=f"S-{auction}-{rng.randint(1, 30):02d}",
            source_citation="Catálogo de subasta (ilustrativo)",
            confidence=Confidence.HIGH,
        ),
        ProvenanceEvent(
            sort_order=3,
            event_type=ProvenanceEventType.RETURN,
            date_qualifier=DateQualifier.EXACT,
            year_start=received,
            year_end=received,
            party_to="INAH",
            place="Ciudad de México",
            confidence=Confidence.HIGH,
        ),
    ]


def _lower_first(text: str) -> str:
    """ "Tecali (Mexican onyx)" → "tecali (Mexican onyx)": a proper name inside stays capital."""
    return text[:1].lower() + text[1:]


# The demo piece whose reader-facing text is written in Nahuatl too (issue 15, item 4).
NAHUATL_PIECE = 1


def _pieces(cases: list[RecoveryCase], images: list) -> int:
    rng = random.Random(SEED)  # noqa: S311 - reproducible demo data, not security
    plausible = PlausiblePieces()
    custodians = list(Institution.objects.order_by("code"))
    created = 0
    for number in range(1, PIECE_COUNT + 1):
        catalog_number = f"DEMO-{2019 + number % 6}-{number:06d}"
        if Piece.objects.filter(catalog_number=catalog_number).exists():
            continue
        # Every culture in turn; what it made and when, drawn from what is plausible for it.
        drawn = plausible.draw(rng, culture=plausible.cultures[number % len(plausible.cultures)])
        culture, period, object_type = drawn.culture, drawn.period, drawn.object_type
        material = drawn.materials[0]
        case = cases[number % len(cases)]
        # Worded so that no adjective has to agree with the object type's gender.
        what_es = f"{object_type.label_es} de {_lower_first(material.label_es)}"
        what_en = f"{object_type.label_en} in {_lower_first(material.label_en)}"
        piece = Piece(
            catalog_number=catalog_number,
            title_es=f"{what_es}, cultura {culture.label_es} (ilustrativo)",
            title_en=f"{what_en}, {culture.label_en} culture (illustrative)",
            description_es=(
                f"Registro ilustrativo, no una pieza real: {_lower_first(what_es)}, cultura "
                f"{culture.label_es}, {period.label_es}."
            ),
            description_en=(
                f"Illustrative record, not a real piece: {_lower_first(what_en)}, "
                f"{culture.label_en} culture, {period.label_en}."
            ),
            culture=culture,
            period=period,
            date_start=drawn.date_start,
            date_end=drawn.date_end,
            date_qualifier=DateQualifier.CIRCA if number % 4 == 0 else DateQualifier.EXACT,
            object_type=object_type,
            height_cm=rng.randint(4, 60),
            width_cm=rng.randint(3, 40),
            weight_g=rng.randint(20, 4000),
            custodian=custodians[number % len(custodians)],
            authenticity=(
                Authenticity.REPLICA
                if number % 17 == 0
                else Authenticity.UNDER_STUDY
                if number % 7 == 0
                else Authenticity.AUTHENTIC
            ),
            case=case,
            restricted=number % 10 == 0,
            restriction_reason="Caso en litigio (ilustrativo)" if number % 10 == 0 else "",
            find_site=f"Sitio ilustrativo {number}" if number % 5 == 0 else "",
            find_lat=Decimal(19) + Decimal(number) / 100 if number % 5 == 0 else None,
            find_lon=Decimal(-99) - Decimal(number) / 100 if number % 5 == 0 else None,
            find_spot_released=number % 15 == 0,
            is_illustrative=True,
            live=number % 13 != 0,  # a few stay drafts, as curators leave them
        )
        if number == NAHUATL_PIECE:
            # One piece read wholly in Nahuatl (culture names are proper names, kept as written).
            piece.title_nah = (
                f"Huehcauh tlamantli, {culture.label_es} nemiliztli (tlaixyeyecoltilli)"
            )
            piece.description_nah = (
                f"Tlaixyeyecoltilli, amo nelli huehcauh tlamantli: omochiuh ipan "
                f"{culture.label_es} nemiliztli."
            )
        elif number % 9 == 0:
            # Others only partly: the reader is told which parts fall back to Spanish.
            piece.title_nah = f"{culture.label_es}: huehcauh tlamantli (tlaixyeyecoltilli)"
        # Children and many-to-many values of a ClusterableModel are saved with it, in one go.
        piece.materials = drawn.materials
        piece.techniques = drawn.techniques
        piece.images = [
            PieceImage(
                image=images[number % len(images)],
                alt_text_es=f"Imagen generada para el registro ilustrativo {catalog_number}",
                alt_text_en=f"Generated image for illustrative record {catalog_number}",
                credit="Retorno (imagen ilustrativa)",
                license=ImageLicense.CC0,
            )
        ]
        piece.provenance_events = _provenance(rng, case)
        piece.save()
        revision = piece.save_revision()
        if piece.live:
            revision.publish()
        created += 1
    return created


def _catalog_page(home) -> CatalogIndexPage:
    existing = CatalogIndexPage.objects.first()
    if existing:
        return existing
    page = CatalogIndexPage(
        title_es="Catálogo de piezas recuperadas",
        title_en="Catalog of recovered pieces",
        slug_es="catalogo",
        slug_en="catalog",
        intro_es="Piezas prehispánicas que volvieron a México. Todo registro es ilustrativo.",
        intro_en="Pre-Hispanic pieces that have returned to Mexico. Every record is illustrative.",
        is_illustrative=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _menu_link(page: CatalogIndexPage) -> None:
    add_menu_link(page, sort_order=-1, label_es="Catálogo", label_en="Catalog",
                  label_nah="Tlapohualamatl")  # fmt: skip


def _figures_page(home) -> None:
    from heritage.models import FiguresPage

    if FiguresPage.objects.exists():
        return
    page = FiguresPage(
        title_es="El patrimonio recuperado en cifras",
        title_en="The recovered heritage in figures",
        slug_es="cifras",
        slug_en="figures",
        intro_es="Cifras de las piezas públicas del catálogo. Con los datos de demostración, "
        "todas son ilustrativas.",
        intro_en="Figures of the catalog's public pieces. With the demo data, every figure is "
        "illustrative.",
        is_illustrative=True,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    add_menu_link(page, sort_order=2, label_es="Cifras", label_en="Figures",
                  label_nah="Tlapohualli")  # fmt: skip


NAH = NAH_MARK
HOME_SECTIONS = {
    # language → (featured heading, figures heading, cases heading)
    "es": ("Piezas destacadas", "El patrimonio recuperado en cifras",
           "Casos de recuperación recientes"),
    "en": ("Featured pieces", "The recovered heritage in figures", "Latest recovery cases"),
    "nah": ("Huehcauh tlamantin" + NAH, "Tlamantin tlen omocuepque" + NAH, "Yancuic casos" + NAH),
}  # fmt: skip
CATALOG_DOOR = {
    "es": ("Explore el catálogo", "Piezas prehispánicas que volvieron a México: por cultura, "
           "periodo, material y cómo regresaron.", "Ver el catálogo"),
    "en": ("Explore the catalog", "Pre-Hispanic pieces that came back to Mexico: by culture, "
           "period, material and how they returned.", "See the catalog"),
    "nah": ("Xiquitta in tlapohualamatl" + NAH, "Huehcauh tlamantin tlen omocuepque Mexihco.",
            "Tlapohualamatl"),
}  # fmt: skip
RESEARCH_DOOR = {
    "es": ("Investigación y datos abiertos", "Busque con filtros, descargue los resultados y "
           "use la API pública.", ("Búsqueda avanzada", "Piezas recuperadas por aseguramiento",
                                    "Cifras y sus datos (CSV)",
                                    "Descargar el catálogo (CSV)", "API pública (OpenAPI)")),
    "en": ("Research and open data", "Search with filters, download the results and use the "
           "public API.", ("Advanced search", "Pieces recovered through seizures",
                           "Figures and their data (CSV)",
                           "Download the catalog (CSV)", "Public API (OpenAPI)")),
    "nah": ("Tlatemoliztli ihuan datos" + NAH, "Xictemo, xiccui in datos ihuan in API.",
            ("Xictemo", "Tlamantin (aseguramiento)", "Tlapohualli (CSV)",
             "Tlapohualamatl (CSV)", "API (OpenAPI)")),
}  # fmt: skip
FEATURED_COUNT = 4


def _featured_pieces(site) -> None:
    """Curators' choice for the home page: four public pieces of different cultures."""
    from heritage.models import FeaturedPiece, FeaturedPiecesSettings

    setting = FeaturedPiecesSettings.for_site(site)
    if setting.featured_pieces.exists():
        return
    chosen, cultures = [], set()
    for piece in Piece.objects.filter(live=True, restricted=False).order_by("catalog_number"):
        if piece.culture_id not in cultures:
            chosen.append(piece)
            cultures.add(piece.culture_id)
        if len(chosen) == FEATURED_COUNT:
            break
    for order, piece in enumerate(chosen):
        FeaturedPiece.objects.create(setting=setting, piece=piece, sort_order=order)


def _home(catalog: CatalogIndexPage) -> None:
    """The catalog's sections and doors on the home page, in every language of the demo."""
    from django.utils import translation

    from core.demo import extend_home
    from core.links import page_path
    from heritage.models import FiguresPage

    figures = FiguresPage.objects.first()
    sections, doors = {}, {}
    for code, (featured, numbers, cases) in HOME_SECTIONS.items():
        sections[code] = [("featured-pieces", featured, FEATURED_COUNT),
                          ("headline-figures", numbers, 3), ("latest-cases", cases, 3)]  # fmt: skip
        with translation.override(code):
            catalog_path = page_path(catalog) or "/"
        export, seizures = catalog_path + "export/csv/", catalog_path + "?method=seizure"
        heading, text, label = CATALOG_DOOR[code]
        r_heading, r_text, (search, seized, data, download, api) = RESEARCH_DOOR[code]
        doors[code] = [
            (0, heading, text, [(label, catalog.pk)]),
            (1, r_heading, r_text, [(search, catalog.pk), (seized, seizures), (data, figures.pk),
                                    (download, export), (api, "/api/v1/openapi.json")]),
        ]  # fmt: skip
    extend_home(sections=sections, doors=doors)


def load(*, stdout) -> None:
    with transaction.atomic():
        site = Site.objects.get(is_default_site=True)
        home = site.root_page.specific
        page = _catalog_page(home)
        _menu_link(page)
        _figures_page(home)
        cases = _cases()
        created = _pieces(cases, _demo_images())
        _featured_pieces(site)
        _home(page)
    stdout.write(f"heritage: {len(cases)} cases, {created} new pieces (illustrative)")
