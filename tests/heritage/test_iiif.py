"""IIIF: the Image API 3.0 (level 1) and Presentation 3.0 manifests of public pieces.

The image is the IIIF validator's own test pattern (10 × 10 coloured squares of 100 px), so the
checks here and the official validator (test_iiif_validator.py) read the same pixels."""

import io
import json
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from iiif_validator.validator import ValidationInfo
from jsonschema import Draft7Validator
from PIL import Image as PILImage

from heritage.iiif.image import ParameterError, plan_request
from tests.utils import make_piece

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "iiif_schema" / "iiif_3_0.json").read_text())
COLOURS = ValidationInfo().colorInfo  # COLOURS[column][row]


def make_pattern(title: str = "Patrón IIIF", *, format: str = "PNG"):
    """The validator's test image: square (x, y) of 100 px painted COLOURS[x][y]."""
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    picture = PILImage.new("RGB", (1000, 1000))
    for x in range(10):
        for y in range(10):
            picture.paste(COLOURS[x][y], (x * 100, y * 100, x * 100 + 100, y * 100 + 100))
    buffer = io.BytesIO()
    picture.save(buffer, format=format, quality=95)
    name = f"patron.{format.lower()}"
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=name))


def piece_image(image, **fields):
    from heritage.models import PieceImage

    values = {"alt_text_es": "Vasija de frente", "alt_text_en": "Vessel, front",
              "credit": "Foto: INAH", "license": "cc_by_4"}  # fmt: skip
    return PieceImage(image=image, **{**values, **fields})


@pytest.fixture
def pattern(catalog, settings, tmp_path):
    settings.IIIF_CACHE_ROOT = tmp_path / "iiif"
    image = make_pattern()
    make_piece("REP-IIIF-1", images=[piece_image(image)], description_es="Una vasija.",
               description_en="A vessel.")  # fmt: skip
    return image


def _picture(response) -> PILImage.Image:
    return PILImage.open(io.BytesIO(b"".join(response.streaming_content)))


def test_info_json_declares_level_1_sizes_tiles_and_limits(client, pattern):
    response = client.get(f"/iiif/3/{pattern.pk}/info.json")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    info = response.json()
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"http://testserver/iiif/3/{pattern.pk}"
    assert (info["type"], info["profile"]) == ("ImageService3", "level1")
    assert (info["width"], info["height"]) == (1000, 1000)
    assert info["maxWidth"] == 4000 and info["maxArea"] == 4000 * 4000
    assert info["sizes"][-1] == {"width": 1000, "height": 1000}
    assert info["tiles"] == [{"width": 512, "height": 512, "scaleFactors": [1, 2]}]
    assert info["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    linked = client.get(f"/iiif/3/{pattern.pk}/info.json", HTTP_ACCEPT="application/ld+json")
    assert linked["Content-Type"].startswith("application/ld+json;profile=")


def test_base_uri_redirects_to_info_json(client, pattern):
    response = client.get(f"/iiif/3/{pattern.pk}")
    assert (response.status_code, response["Location"]) == (303, f"/iiif/3/{pattern.pk}/info.json")


# (region, size) → the picture's size and the pattern square seen at its centre
CROPS = {
    ("full", "max"): ((1000, 1000), (3, 7)),
    ("300,700,100,100", "50,"): ((50, 50), (3, 7)),
    ("300,700,100,100", ",40"): ((40, 40), (3, 7)),
    ("square", "!200,100"): ((100, 100), (3, 7)),
    ("pct:30,70,10,10", "pct:50"): ((50, 50), (3, 7)),
    ("900,900,500,500", "max"): ((100, 100), (9, 9)),  # cut at the image's edge
}


def _colour_at(picture, region: str, square: tuple[int, int]) -> tuple:
    x, y = square
    width, height = picture.size
    if region in ("full", "square"):  # the whole pattern, scaled
        scale = width / 1000
        box = tuple(round(value * scale) for value in (x * 100 + 20, y * 100 + 20,
                                                       x * 100 + 80, y * 100 + 80))  # fmt: skip
    else:
        box = (width // 4, height // 4, width * 3 // 4, height * 3 // 4)
    return picture.crop(box).resize((1, 1)).getpixel((0, 0))


def test_image_requests_crop_and_scale(client, pattern):
    wrong = {}
    for (region, size), (expected_size, square) in CROPS.items():
        response = client.get(f"/iiif/3/{pattern.pk}/{region}/{size}/0/default.jpg")
        assert response.status_code == 200, (region, size, response.content)
        assert response["Content-Type"] == "image/jpeg"
        assert response["Access-Control-Allow-Origin"] == "*"
        picture = _picture(response)
        colour = _colour_at(picture, region, square)
        x, y = square
        if picture.size != expected_size or any(
            abs(a - b) >= 8 for a, b in zip(colour, COLOURS[x][y], strict=True)
        ):
            wrong[(region, size)] = (picture.size, colour)
    assert wrong == {}


def test_a_jpeg_read_at_a_fraction_of_its_size_gives_the_same_picture(client, pattern):
    """Zoomed-out answers of a JPEG decode it at 1/2, 1/4 or 1/8 (heritage.iiif.image)."""
    image = make_pattern("Patrón JPEG", format="JPEG")
    make_piece("REP-IIIF-J", images=[piece_image(image)])
    wrong = {}
    for region, size, square in [("full", "125,", (3, 7)), ("300,700,200,200", "25,", (3, 7))]:
        picture = _picture(client.get(f"/iiif/3/{image.pk}/{region}/{size}/0/default.jpg"))
        scale = picture.size[0] / (1000 if region == "full" else 200)
        x, y = (square[0] * 100 + 50, square[1] * 100 + 50) if region == "full" else (50, 50)
        colour = picture.getpixel((int(x * scale), int(y * scale)))
        if any(abs(a - b) >= 12 for a, b in zip(colour, COLOURS[3][7], strict=True)):
            wrong[(region, size)] = colour
    assert wrong == {}


def test_a_derivative_is_kept_outside_media_and_reused(client, pattern, settings):
    url = f"/iiif/3/{pattern.pk}/0,0,512,512/256,/0/default.jpg"
    first = b"".join(client.get(url).streaming_content)
    kept = list(Path(settings.IIIF_CACHE_ROOT).rglob("*.jpg"))

    assert len(kept) == 1 and not kept[0].is_relative_to(settings.MEDIA_ROOT)
    assert b"".join(client.get(url).streaming_content) == first
    assert list(Path(settings.IIIF_CACHE_ROOT).rglob("*.jpg")) == kept


# A request the service cannot answer → the parameter its 400 names.
BAD_REQUESTS = [
    ("full/max/0/default.png", "format"),
    ("full/max/0/bitonal.jpg", "quality"),
    ("full/max/90/default.jpg", "rotation"),
    ("full/max/abc/default.jpg", "rotation"),
    ("full/2000,/0/default.jpg", "size"),  # no enlarging
    ("full/^max/0/default.jpg", "size"),
    ("full/0,/0/default.jpg", "size"),
    ("full/!100,/0/default.jpg", "size"),
    ("1000,0,10,10/max/0/default.jpg", "region"),  # outside the image
    ("0,0,0,10/max/0/default.jpg", "region"),
    ("pct:0,0,101,10/max/0/default.jpg", "region"),
    ("frob/max/0/default.jpg", "region"),
    (f"full/{'9' * 400},/0/default.jpg", "size"),
    (f"{'9' * 400},0,10,10/max/0/default.jpg", "region"),
]


def test_bad_parameters_are_400_naming_the_parameter(client, pattern):
    answers = {}
    for path, _parameter in BAD_REQUESTS:
        response = client.get(f"/iiif/3/{pattern.pk}/{path}")
        assert response["Access-Control-Allow-Origin"] == "*"
        body = response.json() if response.status_code == 400 else {}
        answers[path] = (response.status_code, body.get("error"), bool(body.get("message")))
    assert answers == {
        path: (400, f"invalid_{parameter}", True) for path, parameter in BAD_REQUESTS
    }


def test_new_derivatives_are_rate_limited_kept_ones_are_not(client, pattern, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "iiif": (2, 60)}
    urls = [f"/iiif/3/{pattern.pk}/full/{width},/0/default.jpg" for width in (10, 20, 30)]

    assert [client.get(url).status_code for url in urls] == [200, 200, 429]
    refused = client.get(urls[2])
    assert refused.json()["error"] == "rate_limited" and int(refused["Retry-After"]) > 0
    assert client.get(urls[0]).status_code == 200  # kept: no decode, no count


def test_sizes_over_the_declared_limits_are_refused(client, pattern, settings):
    settings.IIIF_MAX_WIDTH = 300
    settings.IIIF_MAX_AREA = 200 * 200

    assert client.get(f"/iiif/3/{pattern.pk}/full/400,/0/default.jpg").status_code == 400
    capped = _picture(client.get(f"/iiif/3/{pattern.pk}/full/max/0/default.jpg"))
    assert capped.size == (200, 200)
    info = client.get(f"/iiif/3/{pattern.pk}/info.json").json()
    assert all(size["width"] * size["height"] <= 200 * 200 for size in info["sizes"])


DIGITS = st.sampled_from(["0", "7", "٣", "७", "１", "99999999999999999999", "-1", "1.5", "1e9"])
PARAMETER = st.one_of(
    st.text(max_size=25),
    st.lists(DIGITS, min_size=1, max_size=4).map(",".join),
    st.tuples(st.sampled_from(["", "!", "^", "pct:"]), st.lists(DIGITS, max_size=4)).map(
        lambda parts: parts[0] + ",".join(parts[1])
    ),
    st.sampled_from(["full", "square", "max", ",", "pct:", "!,", "0,0,1000,1000"]),
)


@settings(max_examples=200, deadline=None)
@given(region=PARAMETER, size=PARAMETER, rotation=PARAMETER)
def test_any_parameters_make_a_plan_inside_the_image_or_a_parameter_error(region, size, rotation):
    try:
        plan = plan_request(region=region, size=size, rotation=rotation, quality="default",
                            format="jpg", width=1000, height=700)  # fmt: skip
    except ParameterError as error:
        assert error.parameter in ("region", "size", "rotation") and error.message
        return
    x, y, w, h = plan.box
    assert 0 <= x < x + w <= 1000 and 0 <= y < y + h <= 700
    assert 1 <= plan.size[0] <= w and 1 <= plan.size[1] <= h


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(region=PARAMETER, size=PARAMETER)
def test_any_url_answers_an_image_or_a_clear_400_never_a_server_error(client, pattern, region,
                                                                      size):  # fmt: skip
    response = client.get(f"/iiif/3/{pattern.pk}/{quote(region, safe='')}/"
                          f"{quote(size, safe='')}/0/default.jpg")  # fmt: skip

    if "/" in region + size or "\x00" in region + size or not region or not size:
        assert response.status_code in (200, 400, 404)  # a "/" makes another URL
    else:
        assert response.status_code in (200, 400), (region, size, response.status_code)
    if response.status_code == 400:
        assert response.json()["message"]


def _schema_errors(document: dict) -> list[str]:
    validator = Draft7Validator(SCHEMA)
    return [f"{list(error.absolute_path)}: {error.message}" for error in
            validator.iter_errors(document)]  # fmt: skip


def test_the_manifest_validates_and_speaks_every_language(client, pattern):
    response = client.get("/iiif/3/manifest/REP-IIIF-1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json;profile=")
    assert response["Access-Control-Allow-Origin"] == "*"
    manifest = response.json()
    assert _schema_errors(manifest) == []
    assert manifest["id"] == "http://testserver/iiif/3/manifest/REP-IIIF-1"
    assert manifest["label"] == {"es": ["Pieza REP-IIIF-1"], "en": ["Piece REP-IIIF-1"]}
    assert manifest["summary"] == {"es": ["Una vasija."], "en": ["A vessel."]}
    labels = {row["label"]["en"][0]: row for row in manifest["metadata"]}
    assert set(labels["Culture"]["label"]) == {"es", "en", "nah"}
    assert labels["Culture"]["label"]["es"] == ["Cultura"]
    assert labels["Catalog number"]["value"] == {"none": ["REP-IIIF-1"]}
    assert manifest["rights"] == "http://creativecommons.org/licenses/by/4.0/"
    assert manifest["requiredStatement"]["value"] == {"none": ["Foto: INAH"]}
    assert {page["language"][0] for page in manifest["homepage"]} == {"es", "en", "nah"}
    [canvas] = manifest["items"]
    assert (canvas["width"], canvas["height"]) == (1000, 1000)
    body = canvas["items"][0]["items"][0]["body"]
    service = f"http://testserver/iiif/3/{pattern.pk}"
    assert body["service"] == [{"id": service, "type": "ImageService3", "profile": "level1"}]
    assert client.get(body["id"].removeprefix("http://testserver")).status_code == 200
    thumbnail = manifest["thumbnail"][0]["id"].removeprefix("http://testserver")
    assert client.get(thumbnail).status_code == 200
    make_piece("REP-IIIF-0")  # no image: no canvas, so no manifest
    assert client.get("/iiif/3/manifest/REP-IIIF-0").status_code == 404


def test_the_manifest_costs_the_same_queries_for_one_image_or_many(
    client, pattern, django_assert_max_num_queries
):
    images = [piece_image(make_pattern(f"Vista {n}"), license="cc0") for n in range(4)]
    make_piece("REP-IIIF-4", images=images)
    client.get("/iiif/3/manifest/REP-IIIF-1")  # routes (catalog path per language) remembered

    with django_assert_max_num_queries(10) as one:
        client.get("/iiif/3/manifest/REP-IIIF-1")
    with django_assert_max_num_queries(len(one.captured_queries)):
        many = client.get("/iiif/3/manifest/REP-IIIF-4").json()
    assert len(many["items"]) == 4 and _schema_errors(many) == []
    assert many["rights"] == "http://creativecommons.org/publicdomain/zero/1.0/"


def test_linked_art_shows_the_images_through_the_iiif_service(client, pattern):
    from cromulent import reader

    document = client.get("/api/v1/pieces/REP-IIIF-1", HTTP_ACCEPT="application/ld+json").json()

    [visual] = document["representation"]
    [digital] = visual["digitally_shown_by"]
    [service] = digital["digitally_available_via"]
    assert service["access_point"] == [
        {"id": f"http://testserver/iiif/3/{pattern.pk}", "type": "DigitalObject"}
    ]
    assert client.get(digital["access_point"][0]["id"]).status_code == 200
    # Getty's reader takes the representation as Linked Art (the rest of the document is the
    # Linked Art helper's part of issue 16).
    wrapper = {"@context": document["@context"], "id": "http://testserver/x",
               "type": "HumanMadeObject", "representation": document["representation"]}  # fmt: skip
    read = reader.Reader().read(json.dumps(wrapper))
    assert read.representation[0].digitally_shown_by[0].digitally_available_via
