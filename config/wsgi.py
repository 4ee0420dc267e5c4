import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

if not settings.DEBUG:  # served for visitors: each worker's first page as quick as the next
    from core.warmup import warm_up

    warm_up()
