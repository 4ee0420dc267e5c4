"""Upload validation with clear messages: catalog imports by size and rows, images by their
content (not only the extension), size and pixels."""

import io
import os

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from heritage.models import Piece
from heritage.services import catalog_import

pytestmark = pytest.mark.django_db


def rows_csv(count: int) -> bytes:
    lines = ["catalog_number,title_es"] + [f"REP-2040-{n:06d},Pieza {n}" for n in range(count)]
    return "\n".join(lines).encode()


def test_imports_over_the_row_or_size_limit_are_refused_whole(settings):
    settings.IMPORT_MAX_ROWS = 3
    with translation.override("es"):
        report = catalog_import(data=rows_csv(4))
    assert not report.applied and Piece.objects.count() == 0
    assert report.errors[0].message == (
        "El archivo tiene 4 filas; una importación admite como máximo 3. Divídalo en partes."
    )
    assert catalog_import(data=rows_csv(3)).applied
    settings.IMPORT_MAX_BYTES = 100
    with translation.override("en"):
        report = catalog_import(data=rows_csv(20))
    assert report.errors[0].message == "The file is larger than 0 MB; split it in parts."


@pytest.fixture
def curator(client):
    user = User.objects.create_superuser("curadora", password="una-clave-larga-y-buena")
    client.force_login(user)
    return client


def text_of(response) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))[-3000:]


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (120, 30, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def test_images_are_checked_by_content_size_and_pixels(curator, settings):
    from wagtail.images import get_image_model

    def upload(name: str, data: bytes):
        return curator.post("/admin/images/add/", {
            "title": name, "file": SimpleUploadedFile(name, data), "collection": 1,
        }, HTTP_ACCEPT_LANGUAGE="en")  # fmt: skip

    fake = upload("vasija.png", b"this is text, not a picture")
    assert fake.status_code == 200 and "Upload a valid image." in fake.content.decode()
    script = upload("vasija.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert "Not a supported image format" in script.content.decode()
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    large = upload("grande.png", png(20, 20))
    assert "pixels" in large.content.decode(), text_of(large)
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
    # Over the 10 MB limit: 2,000 × 2,000 pixels of noise do not compress.
    noise = Image.frombytes("RGB", (2000, 2000), os.urandom(2000 * 2000 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > 10 * 1024 * 1024
    heavy = upload("pesada.png", buffer.getvalue())
    assert "This file is too big" in heavy.content.decode(), text_of(heavy)
    assert get_image_model().objects.count() == 0
    assert upload("buena.png", png(20, 20)).status_code == 302
    assert get_image_model().objects.count() == 1
