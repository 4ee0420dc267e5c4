"""IIIF Image API 3.0, level 1, for the images public pieces show.

A request's region, size, rotation, quality and format are read into one canonical plan (a crop
box and an output size) or refused with a ParameterError that says which parameter is wrong and
why (400, never a server error); the plan is made with Pillow once and kept on disk under
IIIF_CACHE_ROOT, outside MEDIA_ROOT, so only the guarded views ever hand it out. Answers are
capped by IIIF_MAX_WIDTH (width and height) and IIIF_MAX_AREA, both declared in info.json.
Digits of any script are read as ASCII ones, as everywhere else on the site (core.params).
"""

import hashlib
import math
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PILImage

from core.params import ascii_digits

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
TILE_SIZE = 512
_HUGE = 10**7
FORMATS = {"jpg": ("JPEG", "image/jpeg")}
QUALITIES = ("default", "color")

_INT = r"(\d+)"
_NUMBER = r"(\d+(?:\.\d+)?)"
_REGION_PIXELS = re.compile(rf"{_INT},{_INT},{_INT},{_INT}", re.ASCII)
_REGION_PERCENT = re.compile(rf"pct:{_NUMBER},{_NUMBER},{_NUMBER},{_NUMBER}", re.ASCII)
_SIZE_WH = re.compile(rf"(!)?{_INT}?,{_INT}?", re.ASCII)
_SIZE_PERCENT = re.compile(rf"pct:{_NUMBER}", re.ASCII)
_ROTATION = re.compile(r"!?\d+(?:\.\d+)?", re.ASCII)


class ParameterError(ValueError):
    """A request parameter the service cannot answer: (parameter, message for the reader)."""

    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class Plan:
    """What to make: the crop box (x, y, w, h) of the original, then the output size."""

    box: tuple[int, int, int, int]
    size: tuple[int, int]
    format: str

    @property
    def key(self) -> str:
        return "{},{},{},{}_{},{}.{}".format(*self.box, *self.size, self.format)


def _region(text: str, width: int, height: int) -> tuple[int, int, int, int]:
    if text == "full":
        return 0, 0, width, height
    if text == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    if match := _REGION_PIXELS.fullmatch(text):
        x, y, w, h = (int(value) for value in match.groups())
    elif match := _REGION_PERCENT.fullmatch(text):
        px, py, pw, ph = (float(value) for value in match.groups())
        if max(px, py, pw, ph) > 100:
            raise ParameterError("region", _("Percentages cannot be over 100."))
        x, y = math.floor(width * px / 100), math.floor(height * py / 100)
        w, h = math.ceil(width * pw / 100), math.ceil(height * ph / 100)
    else:
        raise ParameterError(
            "region", _("Use full, square, x,y,w,h or pct:x,y,w,h (got “%s”).") % text[:40]
        )
    if w == 0 or h == 0:
        raise ParameterError("region", _("The region's width and height must be over zero."))
    if x >= width or y >= height:
        raise ParameterError("region", _("The region lies outside the image."))
    return x, y, min(w, width - x), min(h, height - y)


def _fit(w: int, h: int, max_w: int, max_h: int) -> tuple[int, int]:
    """(w, h) scaled down, keeping its shape, to fit max_w × max_h and IIIF_MAX_AREA."""
    scale = min(1.0, max_w / w, max_h / h, math.sqrt(settings.IIIF_MAX_AREA / (w * h)))
    return max(1, math.floor(w * scale)), max(1, math.floor(h * scale))


def _size(text: str, region_w: int, region_h: int) -> tuple[int, int]:
    cap = settings.IIIF_MAX_WIDTH
    if text.startswith("^"):
        raise ParameterError("size", _("This service does not enlarge images (no “^” sizes)."))
    if text == "max":
        return _fit(region_w, region_h, cap, cap)
    if match := _SIZE_PERCENT.fullmatch(text):
        percent = float(match.group(1))
        if not 0 < percent <= 100:
            raise ParameterError("size", _("A percentage size must be over 0 and at most 100."))
        w, h = round(region_w * percent / 100), round(region_h * percent / 100)
    elif match := _SIZE_WH.fullmatch(text):
        best_fit, w_text, h_text = match.groups()
        if w_text is None and h_text is None or best_fit and (w_text is None or h_text is None):
            raise ParameterError("size", _("Give a width, a height or both (got “%s”).") % text)
        # Past any image's size (and clamped so huge numbers stay exact in floats below).
        w = min(int(w_text), _HUGE) if w_text is not None else None
        h = min(int(h_text), _HUGE) if h_text is not None else None
        if best_fit:
            scale = min(w / region_w, h / region_h)
            w, h = round(region_w * scale), round(region_h * scale)
        elif w is None:
            w = round(region_w * h / region_h)
        elif h is None:
            h = round(region_h * w / region_w)
    else:
        raise ParameterError(
            "size", _("Use max, w,, ,h, w,h, !w,h or pct:n (got “%s”).") % text[:40]
        )
    if w < 1 or h < 1:
        raise ParameterError("size", _("The size would leave no pixel to show."))
    if w > region_w or h > region_h:
        raise ParameterError("size", _("This service does not enlarge images (no “^” sizes)."))
    if w > cap or h > cap or w * h > settings.IIIF_MAX_AREA:
        raise ParameterError("size", _("The size is over the service's limit (see info.json)."))
    return w, h


def plan_request(
    *, region: str, size: str, rotation: str, quality: str, format: str, width: int, height: int
) -> Plan:
    """The canonical plan for a request on a width × height image, or ParameterError."""
    region, size, rotation = ascii_digits(region), ascii_digits(size), ascii_digits(rotation)
    box = _region(region, width, height)
    out = _size(size, box[2], box[3])
    if not _ROTATION.fullmatch(rotation):
        raise ParameterError("rotation", _("Rotation must be a number of degrees."))
    if rotation.startswith("!") or float(rotation) != 0:
        raise ParameterError("rotation", _("This service only answers rotation 0."))
    if quality not in QUALITIES:
        raise ParameterError("quality", _("Quality must be default or color."))
    if format not in FORMATS:
        raise ParameterError("format", _("This service answers in jpg only."))
    return Plan(box=box, size=out, format=format)


def _scaled_box(original: PILImage.Image, plan: Plan) -> tuple[int, int, int, int]:
    """The crop box on `original`, decoded smaller first when the answer is (a JPEG decoder
    reads 1/2, 1/4 or 1/8 of the pixels far faster than it reads them all and scales down: a
    zoomed-out tile of a large photograph costs a fraction of the full decode)."""
    x, y, w, h = plan.box
    full_width, full_height = original.size
    shrink = min(w / plan.size[0], h / plan.size[1])
    if shrink >= 2 and original.format == "JPEG":
        original.draft(None, (max(1, math.floor(full_width / shrink)),
                              max(1, math.floor(full_height / shrink))))  # fmt: skip
    ratio_x, ratio_y = original.size[0] / full_width, original.size[1] / full_height
    return (
        math.floor(x * ratio_x),
        math.floor(y * ratio_y),
        min(original.size[0], math.ceil((x + w) * ratio_x)),
        min(original.size[1], math.ceil((y + h) * ratio_y)),
    )


def derivative_path(image, plan: Plan) -> Path:
    """Where the file of `plan` made from `image` is kept (a new upload, a new folder)."""
    version = hashlib.sha256(f"{image.file.name}|{image.file_size}".encode()).hexdigest()[:16]
    return Path(settings.IIIF_CACHE_ROOT) / str(image.pk) / version / plan.key


def derivative(image, plan: Plan) -> Path:
    """The file of `plan` made from `image` (a Wagtail image), made now unless kept already."""
    path = derivative_path(image, plan)
    if path.is_file():
        return path
    with image.open_file() as source, PILImage.open(source) as original:
        picture = original.crop(_scaled_box(original, plan))
        if picture.size != plan.size:
            picture = picture.resize(plan.size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        if picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written aside, then renamed: a reader never sees half a file.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as output:
            picture.save(output, format=FORMATS[plan.format][0], quality=85)
        Path(temporary).replace(path)
    return path


def info_document(*, image, service_id: str, rights: str | None) -> dict:
    """The image's info.json (level 1): sizes and tiles a deep-zoom viewer asks for."""
    width, height = image.width, image.height
    cap = settings.IIIF_MAX_WIDTH
    factors, factor = [], 1
    while True:
        factors.append(factor)
        if math.ceil(width / factor) <= TILE_SIZE and math.ceil(height / factor) <= TILE_SIZE:
            break
        factor *= 2
    sizes = []
    for factor in reversed(factors):
        w, h = math.ceil(width / factor), math.ceil(height / factor)
        if w <= cap and h <= cap and w * h <= settings.IIIF_MAX_AREA:
            sizes.append({"width": w, "height": h})
    document = {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": "level1",
        "width": width,
        "height": height,
        "maxWidth": cap,
        "maxHeight": cap,
        "maxArea": settings.IIIF_MAX_AREA,
        "sizes": sizes,
        "tiles": [{"width": TILE_SIZE, "height": TILE_SIZE, "scaleFactors": factors}],
    }
    if rights:
        document["rights"] = rights
    return document
