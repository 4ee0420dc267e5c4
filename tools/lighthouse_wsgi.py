"""The site as `make lighthouse` serves it: config.wsgi, plus MEDIA_ROOT under /media/.

In production the reverse proxy serves /media/ (docs/deploy.md); gunicorn alone has nothing in
front of it, so WhiteNoise stands in for the proxy here, and only here (renditions are made while
pages render, hence autorefresh)."""

from django.conf import settings
from whitenoise import WhiteNoise

from config.wsgi import application as site

application = WhiteNoise(site, root=settings.MEDIA_ROOT, prefix="/media/", autorefresh=True,
                         max_age=60 * 60 * 24 * 365)  # fmt: skip
