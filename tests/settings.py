"""Settings for the test suite: config.settings as production reads it, plus test doubles for
infrastructure only (fast password hashing, in-memory cache, tasks run at once)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("DEBUG", "0")

from config import settings as _project  # noqa: E402 - the environment above must come first

globals().update({name: value for name, value in vars(_project).items() if name.isupper()})

# Each database's run keeps its files in a folder of its own, so `make test` runs the SQLite and
# the PostgreSQL suites side by side (tools/test.sh) without one deleting the other's uploads.
_VENDOR = DATABASES["default"]["ENGINE"].rsplit(".", 1)[1]  # noqa: F821 - copied above
RUN_DIR = _project.BASE_DIR / ".test-results" / _VENDOR

# SQLite tests use a file, not memory: tests that run manage.py in a subprocess (an import killed
# mid-write) must reach the same database.
if _VENDOR == "sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": str(RUN_DIR / "test-database.sqlite3")}  # noqa: F821

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests speak plain HTTP to the test client and the live server.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **_project.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
MEDIA_ROOT = RUN_DIR / "media"
# WhiteNoise serves STATIC_ROOT in production; tests serve static files from the app folders.
STATIC_ROOT = RUN_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
PRIVATE_MEDIA_ROOT = RUN_DIR / "private_media"
IIIF_CACHE_ROOT = RUN_DIR / "iiif"
# The suite searches with the database engine; the live search fixtures point at a node
# (TEST_OPENSEARCH_URL, ELASTICSEARCH_URL) under an index prefix of their own.
ELASTICSEARCH_URL = ""
OPENSEARCH_URL = ""
