"""Retorno settings: one module, read from environment variables.

With no variable at all this is the embedded default: SQLite in the project folder, database
search and local media. It is safe by default: DEBUG is off unless DEBUG=1, and with DEBUG off a
SECRET_KEY must come from the environment. README.md lists every variable.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_DIR = BASE_DIR / ".local"  # git-ignored state of a developer's machine


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _development_secret_key() -> str:
    """A per-machine key for DEBUG runs, kept so sessions survive a restart."""
    key_file = LOCAL_DIR / "secret_key"
    if not key_file.exists():
        LOCAL_DIR.mkdir(exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (for local work, set DEBUG=1)."
        )
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps whose models it translates; its
    # `migrate` also adds the translated columns of Wagtail's Page table.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "core",
    "heritage",
    "culture",
    "opendata",
    "stories",
    "search",
    "wagtailmedia",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Every answer under /api/: JSON errors, HEAD/OPTIONS, CORS (core/api_http.py).
    "core.api_http.ApiHttpMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # The admin and its previews may be framed by the admin, the public site by no one.
    "core.middleware.EditorFramingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.RetornoLocaleMiddleware",
    # NUL refused, digits of any script read as ASCII (core/params.py), in the reader's language.
    "core.middleware.QueryParametersMiddleware",
    "core.middleware.CachedSiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.middleware.RateLimitMiddleware",
    # After the rate limits (cached answers count too); see core/pagecache.py.
    "core.pagecache.PageCacheMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://…) or the embedded SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded SQLite serves several threads at once (the editor's preview, its editing
    # session pings and its saves): a transaction takes the write lock when it begins, so two
    # never deadlock upgrading their locks ("database is locked" at once); a writer waits its
    # turn; readers do not block the writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -----------------------------------------------------------------------------
# Django knows no indigenous language of Mexico: their names live here. Adding a language is a
# line in LANGUAGES (and LANG_INFO below if Django does not know it, RETORNO_FALLBACKS if it
# falls back differently, SEARCH_STEMMERS if Snowball stems it), then makemigrations, migrate,
# `make messages` and search_rebuild: README "Adding a language", which tests/test_languages.py
# follows for Yucatec Maya.
INDIGENOUS_LANG_INFO = {
    # nah is the ISO 639-2/5 collective code; the variety we write is Central Nahuatl (ISO 639-3
    # nhn), in the modern practical orthography (no vowel-length macrons): README "Languages".
    "nah": {"bidi": False, "code": "nah", "name": "Nahuatl", "name_local": "Nahuatlahtolli"},
    "yua": {"bidi": False, "code": "yua", "name": "Yucatec Maya", "name_local": "Maaya t'aan"},
    "mix": {"bidi": False, "code": "mix", "name": "Mixtec", "name_local": "Tu'un savi"},
    "zap": {"bidi": False, "code": "zap", "name": "Zapotec", "name_local": "Diidxazá"},
}
for _code, _info in INDIGENOUS_LANG_INFO.items():
    LANG_INFO.setdefault(_code, _info)

LANGUAGE_CODE = "es"
LANGUAGES = [
    ("es", _("Spanish")),
    ("en", _("English")),
    ("nah", _("Nahuatl")),
]
# The concept naming each language in Linked Art (`language` of names and texts): Getty AAT where
# it has one, else the ISO 639 entry at the Library of Congress. A language without an entry here
# is written without `language`.
LANGUAGE_CONCEPTS = {
    "es": "http://vocab.getty.edu/aat/300389311",
    "en": "http://vocab.getty.edu/aat/300388277",
    "nah": "http://id.loc.gov/vocabulary/iso639-2/nah",
}
# Where a translation is missing: an indigenous language falls back to Spanish, then English;
# English falls back to Spanish; Spanish (the source) to English.
RETORNO_FALLBACKS = {
    "es": ("en",),
    "en": ("es",),
}
RETORNO_DEFAULT_FALLBACK = ("es", "en")
# Languages whose interface is a draft translation awaiting review by its speakers: their pages
# say so and link to the corrections page set in Settings › Navigation. Remove a code once
# speakers have reviewed its catalogue.
RETORNO_DRAFT_LANGUAGES = {"nah"}
# The Snowball stemmer of each language that has one (the same name in PostgreSQL's text search,
# Elasticsearch/OpenSearch's `stemmer` filter and Python's snowballstemmer). Languages without
# one (Nahuatl) are folded, never stemmed.
SEARCH_STEMMERS = {"es": "spanish", "en": "english"}
LOCALE_PATHS = [BASE_DIR / "locale"]
# Paths outside the language prefixes: never redirected to /<lang>/….
LANGUAGE_NEUTRAL_PATHS = [
    "/api/",
    "/id/",
    "/admin/",
    "/documents/",
    "/healthz",
    "/static/",
    "/media/",
    "/iiif/",
    "/sitemap",
    "/oai",
    "/robots.txt",
    "/favicon.ico",
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Mexico_City"

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": RETORNO_DEFAULT_FALLBACK, **RETORNO_FALLBACKS}
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

# The admin speaks Spanish and English (Wagtail has no Nahuatl catalog).
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False  # translations live in columns (modeltranslation), not page copies

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers and crawlers ask for at the site's root (/favicon.ico), served by WhiteNoise.
WHITENOISE_ROOT = BASE_DIR / "root_files"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files nobody may download by URL (uploaded imports): never under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))
# Django serves /media/ itself (core.media: images of private pieces answer 404), public files
# cached this long; with MEDIA_ACCEL_REDIRECT (nginx's `internal` location, docs/deploy.md) the
# web server sends the bytes once the view has said yes.
MEDIA_MAX_AGE = int(os.environ.get("MEDIA_MAX_AGE", str(60 * 60 * 24)))
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")
# IIIF Image API (heritage/iiif): derivatives kept here, outside MEDIA_ROOT; largest answer.
IIIF_CACHE_ROOT = Path(os.environ.get("IIIF_CACHE_ROOT", BASE_DIR / ".local" / "iiif"))
IIIF_MAX_WIDTH = int(os.environ.get("IIIF_MAX_WIDTH", "4000"))
IIIF_MAX_AREA = int(os.environ.get("IIIF_MAX_AREA", str(4000 * 4000)))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Retorno"
# No background autosave in the editor. Wagtail 8.0's autosave saves new inline rows (a piece's
# provenance events, a route's stops) and sends their ids back to the open form afterwards; an
# editor who presses Save, Submit or Publish while an autosave is on its way posts the rows
# again without ids, and they are stored twice (seen here: a piece's two events became four;
# wagtail/wagtail#14568 is the same class for pages). Drafts stay explicit: the Save draft
# button, revisions and the unsaved-changes warning.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Scheme and host of absolute links made outside a request (tasks, management commands); in a
# request they use the request's own host (core/links.py), never Wagtail's Site record.
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_BASE_URL)
# --- Open data (opendata app) ---------------------------------------------------------------
# The licence of the catalog's metadata in the dumps, the API and the Open data page: declared
# once here (a Frictionless licence: name, path, title). CC0 unless the institution decides
# otherwise; image licences are each image's own.
RETORNO_DATA_LICENSE = {
    "name": os.environ.get("RETORNO_DATA_LICENSE_NAME", "CC0-1.0"),
    "path": os.environ.get(
        "RETORNO_DATA_LICENSE_URL", "https://creativecommons.org/publicdomain/zero/1.0/"
    ),
    "title": os.environ.get("RETORNO_DATA_LICENSE_TITLE", "CC0 1.0 Universal"),
}
# Where `publish_dump` writes releases (one folder per version), served by opendata's view;
# empty: MEDIA_ROOT/opendata (the files are public by nature).
OPENDATA_ROOT = os.environ.get("OPENDATA_ROOT", "")
# OAI-PMH at /oai (opendata/oai.py). Record identifiers are oai:<OAI_REPOSITORY_IDENTIFIER>:<catalog
# number>: a domain name of the institution's, stable whatever host serves the site.
OAI_REPOSITORY_NAME = os.environ.get("OAI_REPOSITORY_NAME", "Retorno")
OAI_REPOSITORY_IDENTIFIER = os.environ.get("OAI_REPOSITORY_IDENTIFIER", "retorno.localhost")
OAI_ADMIN_EMAILS = os.environ.get("OAI_ADMIN_EMAILS", "datos@retorno.localhost").split(",")
OAI_BATCH_SIZE = int(os.environ.get("OAI_BATCH_SIZE", "100"))  # records per resumption page
OAI_TOKEN_MAX_AGE = int(os.environ.get("OAI_TOKEN_MAX_AGE", str(24 * 3600)))  # seconds
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx", "odt", "docx"]
# Uploads: images are checked by type (their content, not only the extension), size and pixels;
# catalog imports by size and rows (heritage.tabular, heritage.admin_views).
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
# Stories' recordings (wagtailmedia, our own model) and their WebVTT captions: checked by content
# and size (stories.uploads).
WAGTAILMEDIA = {
    "MEDIA_MODEL": "stories.StoryMedia",
    "AUDIO_EXTENSIONS": ["aac", "flac", "m4a", "mp3", "oga", "ogg", "opus", "wav", "webm"],
    "VIDEO_EXTENSIONS": ["m4v", "mkv", "mov", "mp4", "ogv", "webm"],
}
STORIES_MEDIA_MAX_UPLOAD_SIZE = int(
    os.environ.get("STORIES_MEDIA_MAX_UPLOAD_SIZE", str(200 * 1024 * 1024))
)
STORIES_CAPTIONS_MAX_UPLOAD_SIZE = 512 * 1024
# Stories shared through the public form (and withdrawal requests) per client: (count, seconds).
STORIES_CONTRIBUTION_RATE_LIMIT = (
    int(os.environ.get("STORIES_CONTRIBUTION_RATE_LIMIT", "5")), 3600,
)  # fmt: skip
IMPORT_MAX_BYTES = 20 * 1024 * 1024
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))
# An import writing at least this many pieces refreshes the planner's statistics (PostgreSQL).
IMPORT_ANALYZE_ROWS = int(os.environ.get("IMPORT_ANALYZE_ROWS", "1000"))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search engine for the catalog (issue: search). Unset = the database engine.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "retorno")
# Most pieces one export of search results holds (the page and the file say when capped).
SEARCH_EXPORT_LIMIT = int(os.environ.get("SEARCH_EXPORT_LIMIT", "10000"))

# Background tasks (search index upkeep): TASKS_BACKEND=database queues them in the database for
# `manage.py db_worker` processes; unset, they run at once in the request (embedded default).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("TASKS_BACKEND") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# Requests one client may make per window (seconds) before a 429 (core.middleware).
RATE_LIMITS = {
    "api": (int(os.environ.get("API_RATE_LIMIT", "120")), 60),
    "search": (int(os.environ.get("SEARCH_RATE_LIMIT", "60")), 60),
    "oai": (int(os.environ.get("OAI_RATE_LIMIT", "120")), 60),
    # IIIF images not made yet (each a decode of the original); kept ones are not counted.
    "iiif": (int(os.environ.get("IIIF_RATE_LIMIT", "300")), 60),
}
# Proxies in front of the site that add X-Forwarded-For (0: use the connection's address).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
# Answers one client may send to one consultation per window (seconds), counted in the cache.
CONSULTATION_RATE_LIMIT = (int(os.environ.get("CONSULTATION_RATE_LIMIT", "10")), 3600)

# --- Cache ---------------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every web worker: rate limits, rankings, feeds);
# otherwise each process keeps its own in memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "core.cache.RedisCache", "LOCATION": REDIS_URL,
         "KEY_PREFIX": "retorno"}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}  # fmt: skip

# Whether every process shares the cache (Redis). Whole pages (core/pagecache.py) are kept only
# then: a cache of each process's own would not hear of a change made in another (a restricted
# piece could stay on the other workers' pages). What core.cache keeps is versioned in Redis
# then, and by the site version in the database otherwise.
SHARED_CACHE = env_bool("SHARED_CACHE", bool(REDIS_URL))
# Whole answers to visitors without cookies, kept this many seconds (0: none).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60" if SHARED_CACHE else "0"))

# --- Security ------------------------------------------------------------------------------
# Admin logins: after AXES_FAILURE_LIMIT failures for one user name from one address, that pair
# is locked out for an hour (the attempts are recorded in the database, so every worker knows).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
AXES_VERBOSE = False

# Content-Security-Policy on the public site: scripts, styles, images and connections from
# this site only — no inline script or style (JSON-LD data blocks are not scripts). The admin
# (Wagtail's own inline scripts) is left out. Previews keep the policy but may be framed by the
# admin, which shows them in an iframe (core.middleware.EditorFramingMiddleware).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the CSRF cookie
X_FRAME_OPTIONS = "DENY"  # SAMEORIGIN for the admin and previews: core.middleware
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if os.environ.get("LOG_FORMAT") == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Every task start/finish and every publish is logged at INFO: useful in a worker's log,
        # noise in commands and tests.
        "django_tasks": {"level": os.environ.get("TASKS_LOG_LEVEL", "WARNING")},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
        # The search clients log every request (404s of alias checks included) at INFO.
        "opensearch": {"level": "WARNING"},
        # django-axes logs every login and reset at INFO; lockouts come at WARNING.
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        "elastic_transport": {"level": "WARNING"},
    },
}
