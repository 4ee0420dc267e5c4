"""Reads the public pages, the admin and the API share. Public = live and not restricted."""

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import get_language

from core import pagecache, routes
from core.cache import VersionedCache
from core.i18n import localized_name, site_name
from core.links import page_path
from heritage.models import (
    Material,
    Piece,
    PieceImage,
    ProvenanceEvent,
    RecoveryCase,
    Technique,
    provenance_timeline,
)


def catalog_page_public():
    """The live catalog page, under which pieces and cases have their URLs (or None)."""
    from heritage.models import CatalogIndexPage

    return CatalogIndexPage.objects.live().first()


def catalog_path(request) -> str | None:
    """The live catalog page's path in the active language (`/es/catalogo/`), or None: what
    every link to a piece, a case or a search starts with. Kept like the routes that lead to
    it (core.routes), until any record changes."""

    def find() -> str:
        page = catalog_page_public()
        return (page_path(page, request) if page else None) or ""

    key = (get_language(), request.get_host(), request.scheme) if request else (get_language(),)
    return routes.remember("catalog-path", key, find) or None


def figures_page_public():
    """(path in the active language, is illustrative) of the live figures page, or None; kept
    like catalog_path."""
    from heritage.models import FiguresPage

    def find():
        page = FiguresPage.objects.live().public().first()
        path = page_path(page) if page else None
        return (path, page.is_illustrative) if path else None

    return routes.remember("figures-page", (get_language(),), find)


def piece_public_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}live": True, f"{prefix}restricted": False})


def piece_base_public() -> QuerySet[Piece]:
    """Published, unrestricted pieces and the vocabulary terms shown with them."""
    return Piece.objects.filter(piece_public_q()).select_related(
        "culture", "period", "object_type", "custodian", "case", "case__method", "case__country"
    )


def _images() -> Prefetch:
    """A piece's images in order, with their renditions, as `image_list`."""
    return Prefetch(
        "images",
        queryset=PieceImage.objects.select_related("image")
        .prefetch_related("image__renditions")
        .order_by("sort_order"),
        to_attr="image_list",
    )


def piece_list_public() -> QuerySet[Piece]:
    """For listings: each row's images (`image_list`), materials (`material_list`) and
    techniques (`technique_list`) too, in a fixed number of queries — a list item shows what
    the piece's own page shows. Prefetches go to plain lists: modelcluster's related managers
    ignore a prefetch's filter when a query is chained on them."""
    return piece_base_public().prefetch_related(
        Prefetch("materials", queryset=Material.objects.all(), to_attr="material_list"),
        Prefetch("techniques", queryset=Technique.objects.all(), to_attr="technique_list"),
        _images(),
    )


def piece_cards_public() -> QuerySet[Piece]:
    """For result cards (heritage_tags.piece_card): the culture and the images only —
    a card shows no materials, techniques, custodian or case, and each join costs the page."""
    return (
        Piece.objects.filter(piece_public_q()).select_related("culture").prefetch_related(_images())
    )


def pieces_in_order(ids: list[int], *, cards: bool = False) -> list[Piece]:
    """The public pieces among `ids`, in that order, ready for listing (fixed queries): as
    list items (what the API lists), or as cards when `cards`.

    The public rule is checked here again: a document an index still holds for a piece that
    has just been restricted or unpublished is never shown."""
    if not ids:
        return []
    position = {pk: index for index, pk in enumerate(ids)}
    queryset = piece_cards_public() if cards else piece_list_public()
    return sorted(queryset.filter(pk__in=ids), key=lambda piece: position[piece.pk])


def kept_entries(kind: str, ids: list[int], parts: tuple) -> list[tuple[str, tuple]]:
    """The (kind, parts) entries pieces_kept_public keeps `ids` under: for core.routes.prefetch
    (heritage.catalog.search's `together`), to read them in a round trip made anyway."""
    return [(kind, (pk, *parts)) for pk in ids]


def pieces_kept_public(kind: str, ids: list[int], parts: tuple, build, *, cards: bool = False,
                       immutable: bool = False):  # fmt: skip
    """{pk: build(piece)} for the public pieces among `ids`, in that order, kept under the pages'
    version (core.cache, through core.routes) as (kind, pk, *parts): a warm page of results
    reads no piece. `parts` holds what else `build`'s value depends on (the language, a host);
    `immutable` values (tuples of strings) are shared by the requests that read them, not
    copied (core.cache). Those not kept in this process are read from the shared cache in one
    round trip (none when kept_entries had them read with the search's counts). Values are made
    only from pieces_in_order, which checks the public rule, and every change to a record a
    visitor sees moves the version, so none outlives a restriction or an unpublish."""

    def make(keys: list[tuple]) -> dict[tuple, object]:
        pieces = pieces_in_order([pk for pk, *_rest in keys], cards=cards)
        return {(piece.pk, *parts): build(piece) for piece in pieces}

    keys = [key for _kind, key in kept_entries(kind, ids, parts)]
    kept = routes.remember_many(kind, keys, make, immutable=immutable)
    return {pk: value for (pk, *_rest), value in kept.items()}


def pieces_featured_public(*, site, count: int) -> list[Piece]:
    """The pieces curators feature on `site` (FeaturedPiecesSettings), in their order, as
    cards; when none of them is public, the `count` pieces most recently returned (received
    in Mexico, through a published case). Fixed queries whatever `count`."""
    from heritage.models import FeaturedPiece

    chosen = list(
        FeaturedPiece.objects.filter(setting__site=site, piece__live=True,
                                     piece__restricted=False)
        .order_by("sort_order", "pk")
        .values_list("piece_id", flat=True)[:count]
    ) if site is not None else []  # fmt: skip
    if chosen:
        return pieces_in_order(chosen, cards=True)
    # The date a case's pieces came back counts only while the case is published.
    returned = Case(When(case__live=True, then=F("case__date_received")))
    recent = piece_cards_public().order_by(returned.desc(nulls_last=True), "-pk")
    return list(recent[:count])


def piece_get_public(*, catalog_number: str) -> Piece:
    try:
        return piece_base_public().get(catalog_number=catalog_number)
    except Piece.DoesNotExist as missing:
        raise Http404(catalog_number) from missing


# Raw columns only: the untranslated `label` would be taken as the active language's text.
_TECHNIQUE_COLUMNS = [f for f in Technique._meta.concrete_fields if f.attname != "label"]


def _materials_and_techniques(piece: Piece) -> tuple[list, list]:
    """Both vocabularies of a piece in one query: they share their columns (VocabularyTerm),
    so a UNION ALL tagged with the kind returns them together."""
    materials = Material.objects.filter(piece=piece).annotate(kind=Value("material")).order_by()
    techniques = Technique.objects.filter(piece=piece).annotate(kind=Value("technique")).order_by()
    rows = list(materials.union(techniques, all=True).order_by("kind", site_name("label")))
    found_materials = [row for row in rows if row.kind == "material"]
    found_techniques = [
        Technique(**{f.attname: getattr(row, f.attname) for f in _TECHNIQUE_COLUMNS})
        for row in rows
        if row.kind == "technique"
    ]
    return found_materials, found_techniques


def piece_context(*, piece: Piece) -> dict:
    """What a piece page shows. Find-spots only when released; never for restricted pieces."""
    if piece.pk and not getattr(piece, "is_preview_instance", False):
        events = list(ProvenanceEvent.objects.filter(piece=piece).order_by("sort_order"))
        images = list(
            PieceImage.objects.filter(piece=piece).select_related("image").order_by("sort_order")
        )
        materials, techniques = _materials_and_techniques(piece)
    else:  # an unsaved preview: the related objects live on the instance only
        events = list(piece.provenance_events.all())
        images = list(piece.images.all())
        materials = list(piece.materials.all())
        techniques = list(piece.techniques.all())
    return {
        "piece": piece,
        "images": images,
        "materials": materials,
        "techniques": techniques,
        "timeline": provenance_timeline(events),
        "find_spot": (
            {"site": piece.find_site, "lat": piece.find_lat, "lon": piece.find_lon}
            if piece.find_spot_is_public
            else None
        ),
        "case": piece.case if piece.case_id and piece.case.live else None,
    }


def piece_page_public(*, catalog_number: str) -> dict:
    """What a public piece's page shows (`piece_context` of `piece_get_public`), kept by each
    process with the routes (core.routes) until any record changes: a warm piece page reads
    the site version instead of five statements. Http404 for a piece that is not public."""

    def load() -> dict:
        return piece_context(piece=piece_get_public(catalog_number=catalog_number))

    return routes.remember("piece-page", (catalog_number, get_language()), load)


def case_list_public() -> QuerySet[RecoveryCase]:
    return (
        RecoveryCase.objects.filter(live=True)
        .select_related("method", "country")
        .annotate(public_piece_count=Count("pieces", filter=piece_public_q("pieces__")))
    )


def case_get_public(*, code: str) -> RecoveryCase:
    try:
        return case_list_public().get(code=code)
    except RecoveryCase.DoesNotExist as missing:
        raise Http404(code) from missing


def case_pieces_public(*, case: RecoveryCase) -> QuerySet[Piece]:
    return piece_list_public().filter(case=case)


# Answers over the whole public catalog (facet counts, the figures page), cached until the
# catalog changes (heritage.apps connects the signals) or for an hour.
catalog_cache = VersionedCache("heritage:catalog")
CATALOG_CACHE_SECONDS = 60 * 60


def facets_invalidate(**_kwargs) -> None:
    """Called on any change to what the public catalog holds (see heritage.apps), also for
    writes that send no model signal (imports, bulk restrictions)."""
    catalog_cache.changed()
    pagecache.changed()


def missing_translations(*, lang: str, fields: dict | None = None) -> list[dict]:
    """Pieces and cases whose reader-facing text exists in Spanish but not in `lang`."""
    from heritage.filters import MissingTranslationFilter

    specs = fields or {
        Piece: ("title", "description"),
        RecoveryCase: ("title", "summary"),
    }
    rows = []
    for model, names in specs.items():
        queryset = MissingTranslationFilter(fields=names).filter(model.objects.all(), lang)
        for obj in queryset.order_by("pk")[:500]:
            missing = [name for name in names if not getattr(obj, localized_name(name, lang), None)]
            missing = [name for name in missing if getattr(obj, site_name(name), None)]
            rows.append({"object": obj, "model": model, "missing": missing})
    return rows
