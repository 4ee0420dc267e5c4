"""IIIF Presentation 3.0 manifests of public pieces, built with iiif-prezi3.

Labels, summaries and metadata are language maps over settings.LANGUAGES: a text is given in
the languages whose own column holds it (never a fallback passed off as a translation), field
names in every language. One canvas per image, painted with the image's IIIF Image service;
`rights` from the image licence (heritage.choices.IMAGE_LICENSE_URIS) and the credit lines as
`requiredStatement`.
"""

import json

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.i18n import has_value, language_codes, localized_name
from core.links import absolute_url
from heritage.choices import IMAGE_LICENSE_URIS
from heritage.models.pages import piece_route
from heritage.selectors import catalog_path

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
CONTENT_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'
THUMBNAIL_WIDTH = 400


def _own(obj, field: str) -> dict[str, list[str]]:
    """{language: [text]} for the languages whose own column of `field` has a value."""
    texts = {}
    for code in language_codes():
        value = getattr(obj, localized_name(field, code), None)
        if has_value(value):
            texts[code] = [str(value)]
    return texts


def _every_language(text) -> dict[str, list[str]]:
    """An interface string (a field's name) in every language."""
    texts = {}
    for code in language_codes():
        with translation.override(code):
            texts[code] = [str(text)]
    return texts


def _term(term) -> dict[str, list[str]]:
    return _own(term, "label") or {"none": [str(term)]}


def image_service_id(image, request=None) -> str:
    return absolute_url(reverse("iiif-image-base", args=[image.pk]), request)


def _metadata(piece) -> list[dict]:
    rows = [(_("Catalog number"), {"none": [piece.catalog_number]})]
    for label, term in (
        (_("Culture"), piece.culture),
        (_("Period"), piece.period),
        (_("Object type"), piece.object_type),
        (_("Current custodian"), piece.custodian),
    ):
        if term is not None:
            rows.append((label, _term(term)))
    if date := _own(piece, "date_display"):
        rows.append((_("Date"), date))
    return [{"label": _every_language(label), "value": value} for label, value in rows]


def _homepages(piece, request) -> list[dict]:
    pages = []
    for code in language_codes():
        with translation.override(code):
            base = catalog_path(request)
            if base:
                pages.append(
                    {
                        "id": absolute_url(base + piece_route(piece.catalog_number), request),
                        "type": "Text",
                        "label": _own(piece, "title") or {"none": [piece.catalog_number]},
                        "format": "text/html",
                        "language": [code],
                    }
                )
    return pages


def piece_manifest(*, piece, images: list, request=None) -> dict:
    """The manifest of a public piece (the caller checked it is public) with its images
    (PieceImage rows with their image, in order)."""
    # Imported on the first manifest, not with the URLs: iiif-prezi3 builds its pydantic models
    # as it loads (1 s and 6 MB measured), which a worker that never serves a manifest need not pay.
    from iiif_prezi3 import Manifest, ServiceV3

    manifest_id = absolute_url(reverse("iiif-manifest", args=[piece.catalog_number]), request)
    manifest = Manifest(
        id=manifest_id,
        label=_own(piece, "title") or {"none": [piece.catalog_number]},
        metadata=_metadata(piece),
    )
    if summary := _own(piece, "description"):
        manifest.summary = summary
    if homepages := _homepages(piece, request):
        manifest.homepage = homepages
    credits = list(dict.fromkeys(item.credit for item in images if item.credit))
    if credits:
        manifest.requiredStatement = {
            "label": _every_language(_("Credit")),
            "value": {"none": ["; ".join(credits)]},
        }
    licenses = {item.license for item in images}
    if len(licenses) == 1:
        manifest.rights = IMAGE_LICENSE_URIS[licenses.pop()]
    for number, item in enumerate(images, start=1):
        image = item.image
        service = image_service_id(image, request)
        canvas = manifest.make_canvas(
            id=f"{manifest_id}/canvas/{number}",
            label=_own(item, "alt_text") or {"none": [str(number)]},
            width=image.width,
            height=image.height,
        )
        canvas.rights = IMAGE_LICENSE_URIS[item.license]
        if item.credit:
            canvas.requiredStatement = {
                "label": _every_language(_("Credit")),
                "value": {"none": [item.credit]},
            }
        canvas.add_image(
            image_url=f"{service}/full/max/0/default.jpg",
            anno_id=f"{manifest_id}/annotation/{number}",
            anno_page_id=f"{manifest_id}/page/{number}",
            format="image/jpeg",
            width=image.width,
            height=image.height,
            service=[ServiceV3(id=service, type="ImageService3", profile="level1")],
        )
        if number == 1:
            manifest.thumbnail = [
                {
                    "id": f"{service}/full/{min(THUMBNAIL_WIDTH, image.width)},/0/default.jpg",
                    "type": "Image",
                    "format": "image/jpeg",
                    "service": [{"id": service, "type": "ImageService3", "profile": "level1"}],
                }
            ]
    return json.loads(manifest.jsonld())
