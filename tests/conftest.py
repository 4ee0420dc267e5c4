import os
import shutil

import pytest

from tests.utils import build_catalog, build_site
from tools.redis_server import RedisServer

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# live-server fixtures are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser; flags for a machine with no network."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (make test installs it)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the site's default language, as each real request does: a language
    a previous test (or request) activated in this thread must not leak into the next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def seeded_vocabularies(request):
    """The vocabularies and the root collection that migrations seed, for every test that uses
    the database: a transactional test (browser, live server) ends by flushing the database,
    and pytest may run any test after one."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from django.apps import apps
    from wagtail.models import Collection

    from culture.vocabulary_seed import seed as seed_programs
    from heritage.models import RecoveryMethod
    from heritage.vocabulary_seed import seed as seed_catalog
    from stories.vocabulary_seed import seed as seed_themes

    if RecoveryMethod.objects.exists():
        return
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    seed_catalog(apps)
    seed_programs(apps)
    seed_themes(apps)


@pytest.fixture(autouse=True)
def empty_cache():
    """The cache outlives each test's database: every test starts (and ends) without entries."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_server(settings, tmp_path):
    """A redis-server of its own, and the project's cache on it (as with REDIS_URL)."""
    program = shutil.which("redis-server")
    if program is None:
        pytest.skip("redis-server is not installed (Debian's; make test installs it as root)")
    server = RedisServer(program, str(tmp_path))
    try:
        settings.CACHES = {
            "default": {"BACKEND": "core.cache.RedisCache", "LOCATION": server.url,
                        "KEY_PREFIX": "test"}
        }  # fmt: skip
        settings.SHARED_CACHE = True
        yield server.client
    finally:
        server.stop()


@pytest.fixture
def no_page_cache(settings):
    """Every answer computed, none served whole from core.pagecache: for tests that count what
    building a page costs (a stored answer costs no SQL at all)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def home(db):
    return build_site()


@pytest.fixture
def curator(client):
    """A superuser logged in to the test client: the admin tests' curator."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("curator", password="pw-curator-1")
    client.force_login(user)
    return user


@pytest.fixture
def catalog(home):
    return build_catalog(home)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"
