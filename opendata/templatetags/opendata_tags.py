from django import template

from opendata.downloads import release_file_url as _release_file_url

register = template.Library()


@register.simple_tag
def release_file_url(release, name: str) -> str:
    """The path a release's file is downloaded from (opendata.downloads)."""
    return _release_file_url(release, name)
