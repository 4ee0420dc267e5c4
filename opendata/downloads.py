"""The files of the dumps' releases, at stable, language-neutral URLs:
/opendata/releases/<version>/<file> (and `latest` for the newest release). Only the files a
release lists are served, from its own folder."""

from django.http import FileResponse, Http404
from django.urls import reverse
from django.views.decorators.http import require_safe

from opendata.dumps import release_get

# A dated version never changes; `latest` moves with each release.
CACHE_SECONDS = {"version": 60 * 60 * 24 * 30, "latest": 60 * 10}


@require_safe
def release_file(request, version: str, name: str):
    release = release_get(version=version)
    listed = release.file(name) if release else None
    path = release.path / listed["name"] if listed else None
    if path is None or not path.is_file():
        raise Http404(name)
    response = FileResponse(path.open("rb"), content_type=listed["mediatype"])
    if listed["mediatype"] in ("text/csv", "text/plain"):
        response["Content-Type"] = f"{listed['mediatype']}; charset=utf-8"
    seconds = CACHE_SECONDS["latest" if version == "latest" else "version"]
    response["Cache-Control"] = f"public, max-age={seconds}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def release_file_url(release, name: str) -> str:
    """The path a release's file is downloaded from."""
    return reverse("opendata-release-file", kwargs={"version": release.version, "name": name})
