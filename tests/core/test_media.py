"""/media/ through the one guarded view (core.media): caching headers, what it never serves, the
X-Accel-Redirect hand-off, and heritage's rule for piece images (renditions included)."""

import pytest

from core.media import register_media_guard
from tests.utils import make_image, make_piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    (settings.MEDIA_ROOT / "documents" / "guia.txt").write_text("Guía pública")
    (tmp_path / "secret.txt").write_text("outside MEDIA_ROOT")
    return settings.MEDIA_ROOT


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_public_file_is_served_with_validators_and_a_cache_lifetime(client, media, settings):
    response = client.get("/media/documents/guia.txt")

    assert response.status_code == 200
    assert _body(response) == "Guía pública".encode()
    assert response["Cache-Control"] == f"public, max-age={settings.MEDIA_MAX_AGE}"
    assert response["Last-Modified"]
    again = client.get("/media/documents/guia.txt", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    since = client.get("/media/documents/guia.txt",
                       HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])  # fmt: skip
    assert since.status_code == 304


@pytest.mark.parametrize(
    "path",
    [
        "/media/../secret.txt",
        "/media/documents/../../secret.txt",
        "/media/%2e%2e/secret.txt",
        "/media/documents/",
        "/media/documents/nothing.txt",
        "/media/.hidden",
    ],
)
def test_nothing_outside_media_root_or_missing_is_served(client, media, path):
    assert client.get(path).status_code == 404


def test_nginx_sends_the_bytes_once_the_view_said_yes(client, media, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"

    response = client.get("/media/documents/guia.txt")

    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/protected-media/documents/guia.txt"
    assert response["Content-Type"].startswith("text/plain")


def test_a_guard_hides_a_file_like_a_missing_one(client, media):
    register_media_guard(lambda name: name == "documents/guia.txt")
    try:
        assert client.get("/media/documents/guia.txt").status_code == 404
    finally:
        from core import media as module

        module._guards.pop()


@pytest.fixture
def piece_images(catalog, media):
    """The files of an image a public piece shows, one only a restricted piece shows and one
    only a draft shows, each with a rendition (what pages link to)."""
    from heritage.models import PieceImage

    def piece(number, **fields):
        image = make_image(f"Imagen {number}")
        item = PieceImage(image=image, alt_text="Vasija", credit="INAH")
        make_piece(number, images=[item], **fields)
        rendition = image.get_rendition("width-20")
        return [f"/media/{image.file.name}", f"/media/{rendition.file.name}"]

    return {
        "public": piece("REP-MEDIA-1"),
        "restricted": piece("REP-MEDIA-2", restricted=True),
        "draft": piece("REP-MEDIA-3", publish=False),
    }


def test_files_of_images_only_private_pieces_show_are_404(client, piece_images):
    status = {kind: [client.get(url).status_code for url in urls]
              for kind, urls in piece_images.items()}  # fmt: skip

    assert status == {"public": [200, 200], "restricted": [404, 404], "draft": [404, 404]}


def test_an_image_a_public_piece_also_shows_stays_public(client, piece_images):
    from heritage.models import Piece, PieceImage

    shared = PieceImage.objects.get(piece__catalog_number="REP-MEDIA-1").image
    restricted = Piece.objects.get(catalog_number="REP-MEDIA-2")
    PieceImage.objects.create(piece=restricted, image=shared, alt_text="x", credit="INAH")

    assert client.get(piece_images["public"][0]).status_code == 200


def test_restricting_a_piece_hides_its_files_at_once(client, piece_images):
    from heritage.models import Piece
    from heritage.services import pieces_set_restricted

    pieces_set_restricted(pieces=Piece.objects.filter(catalog_number="REP-MEDIA-1"),
                          restricted=True, reason="Reclamo")  # fmt: skip

    assert [client.get(url).status_code for url in piece_images["public"]] == [404, 404]


def test_an_image_added_in_an_unpublished_draft_stays_private_until_published(client, media):
    """A curator adds an image to a published piece and saves a draft: the image's file is not
    public until the draft is published (the revision holds it, not a PieceImage row)."""
    from heritage.models import PieceImage

    piece = make_piece("REP-MEDIA-DRAFT", title_es="Pieza con borrador")
    image = make_image("Nueva toma")
    piece.images.add(PieceImage(image=image, alt_text="Vista lateral", credit="INAH"))
    piece.save_revision()  # a draft: the live piece has no row for it yet
    urls = [f"/media/{image.file.name}", f"/media/{image.get_rendition('width-800').file.name}",
            f"/iiif/3/{image.pk}/info.json"]  # fmt: skip

    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    piece.get_latest_revision().publish()
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]


def test_an_image_nothing_holds_is_served(client, media):
    """A library image no piece holds (a page's, say) is public as before."""
    image = make_image("Portada")
    assert client.get(f"/media/{image.file.name}").status_code == 200


def test_a_guessed_name_in_the_image_folders_is_404(client, piece_images, media):
    stray = media / "original_images" / "guessed.png"
    stray.write_bytes((media / piece_images["public"][0].removeprefix("/media/")).read_bytes())

    assert client.get("/media/original_images/guessed.png").status_code == 404
    assert client.get("/media/images/test.width-999.png").status_code == 404


def test_editors_still_see_private_images_never_cached(client, piece_images, curator):
    response = client.get(piece_images["restricted"][1])

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
