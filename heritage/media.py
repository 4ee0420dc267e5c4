"""Which piece images the public may see, for every door to their files: /media/ (originals
and renditions, through core.media's guard) and IIIF.

One rule, on top of the catalog's own (heritage.selectors.piece_public_q): an image shown by a
public piece is public; one used only by pieces that are not (unpublished or restricted) is not,
whatever URL asks for it. An image a curator added to a piece in a draft not yet published is
not public either: until the draft is published, the piece's revision holds it, not a
`PieceImage` row. Files in Wagtail's image folders that no image record owns (a guessed or
left-over name) are not served either.
"""

from django.db.models import Count
from wagtail.images import get_image_model
from wagtail.models import Revision

from heritage.models import PieceImage
from heritage.selectors import piece_public_q

IMAGE_FOLDERS = ("original_images/", "images/")


def image_uses(image_ids) -> dict[int, tuple[int, int]]:
    """{image id: (uses by public pieces, uses by other pieces)} for the images pieces use."""
    rows = (
        PieceImage.objects.filter(image_id__in=image_ids)
        .values("image_id")
        .annotate(
            public=Count("pk", filter=piece_public_q("piece__")),
            private=Count("pk", filter=~piece_public_q("piece__")),
        )
        .order_by()
    )
    return {row["image_id"]: (row["public"], row["private"]) for row in rows}


def images_in_drafts() -> set[int]:
    """The images pieces' unpublished drafts hold (each piece's latest revision, while it has
    changes not yet published): a handful of revisions, read only for an image no public
    piece shows."""
    from heritage.models import Piece

    drafts = Revision.objects.filter(
        pk__in=Piece.objects.filter(has_unpublished_changes=True).values("latest_revision_id")
    )
    return {
        item["image"]
        for content in drafts.values_list("content", flat=True)
        for item in (content or {}).get("images") or ()
        if isinstance(item, dict) and item.get("image")
    }


def image_hidden(image_id: int) -> bool:
    """True when no public piece shows the image and an unpublished or restricted piece, or a
    piece's unpublished draft, holds it."""
    public, private = image_uses([image_id]).get(image_id, (0, 0))
    if public:
        return False
    return private > 0 or image_id in images_in_drafts()


def piece_image_public(image_id: int) -> PieceImage | None:
    """The first use of the image by a public piece, with the image (None when no public
    piece shows it): what IIIF serves, piece images only."""
    return (
        PieceImage.objects.filter(piece_public_q("piece__"), image_id=image_id)
        .select_related("image")
        .order_by("pk")
        .first()
    )


def image_owning(name: str) -> int | None:
    """The image whose original or rendition is the file `name` (None for a file no image
    record owns); other apps' image guards read it too."""
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    owners = list(
        image_model.objects.filter(file=name)
        .values_list("pk", flat=True)
        .union(rendition_model.objects.filter(file=name).values_list("image_id", flat=True))[:1]
    )
    return owners[0] if owners else None


def media_file_hidden(name: str) -> bool:
    """core.media's guard: an original or a rendition of a hidden image, or a file in the
    image folders no record owns."""
    if not name.startswith(IMAGE_FOLDERS):
        return False
    owner = image_owning(name)
    return owner is None or image_hidden(owner)
