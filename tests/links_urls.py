"""The project's URLs plus /media/, for live-server tests that follow every link they find.

In production the reverse proxy serves MEDIA_ROOT under /media/ (docs/deploy.md); the test
server has nothing in front of it, so this stands in for the proxy, and only for that."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from config import urls as project


def media(request, path: str):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


handler404 = project.handler404
handler500 = project.handler500

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", media),
    *project.urlpatterns,
]
