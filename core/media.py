"""Uploaded media (MEDIA_ROOT) served by Django, through one guarded view, in every mode.

A web server serving /media/ straight from disk hands out any file to whoever knows its name,
the original or a rendition of an image a curator has since restricted included. So every
/media/ request comes here: the apps that know which files are private say so through
`register_media_guard` (core knows no app: heritage registers the pieces' rule at start-up),
and a hidden file answers 404 exactly as a missing one (editors, who may enter the admin,
still see it there and in previews, never cached). Public files get an ETag,
Last-Modified and a cache lifetime of MEDIA_MAX_AGE; with MEDIA_ACCEL_REDIRECT set, nginx sends
the bytes (X-Accel-Redirect to an `internal` location, docs/deploy.md) after this view said yes.
"""

import mimetypes
import posixpath
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

MediaGuard = Callable[[str], bool]
_guards: list[MediaGuard] = []


def register_media_guard(guard: MediaGuard) -> None:
    """Add `guard(name) -> bool`: True when the file `name` (relative to MEDIA_ROOT, with `/`)
    must not be served to the public."""
    if guard not in _guards:
        _guards.append(guard)


def media_file_hidden(name: str) -> bool:
    return any(guard(name) for guard in _guards)


def _may_see_private(request: HttpRequest) -> bool:
    """Editors: whoever may enter Wagtail's admin sees every image there and in previews."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def _clean_name(path: str) -> str:
    """The file's name relative to MEDIA_ROOT, or 404 for anything that could leave it."""
    if "\x00" in path or "\\" in path:
        raise Http404(path)
    name = posixpath.normpath(path).lstrip("/")
    if name in ("", ".") or any(part.startswith(".") for part in name.split("/")):
        raise Http404(path)  # "..", and hidden files such as .htaccess
    return name


def serve_media(request: HttpRequest, path: str) -> HttpResponse:
    """A file of MEDIA_ROOT, unless a guard hides it (404, like a missing file)."""
    name = _clean_name(path)
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / name).resolve()
    if not full.is_relative_to(root) or not full.is_file():
        raise Http404(path)
    hidden = media_file_hidden(name)
    if hidden and not _may_see_private(request):
        raise Http404(path)
    stat = full.stat()
    etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
    headers = {
        # Editors see private images in the admin and in previews; no cache may keep them.
        "Cache-Control": "private, no-store"
        if hidden
        else f"public, max-age={settings.MEDIA_MAX_AGE}",
        "ETag": etag,
        "Last-Modified": http_date(stat.st_mtime),
    }
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(stat.st_mtime))
    if not_modified is not None:
        response = not_modified
    elif settings.MEDIA_ACCEL_REDIRECT:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(full.open("rb"))
        response["Content-Length"] = str(stat.st_size)
    for header, value in headers.items():
        response[header] = value
    return response
