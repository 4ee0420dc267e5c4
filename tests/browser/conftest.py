import io

import pytest


@pytest.fixture
def browser_context_args(browser_context_args):
    # Curators in Mexico: the browser asks for Spanish, so the admin speaks Spanish.
    return {**browser_context_args, "locale": "es-MX"}


@pytest.fixture
def demo_site(settings, tmp_path):
    """The demo site `make run` builds, on a database a transactional test flushed."""
    from django.apps import apps
    from django.core.management import call_command
    from wagtail.models import Collection

    from culture.vocabulary_seed import seed as seed_programs
    from heritage.vocabulary_seed import seed as seed_catalog
    from tests.utils import root_page

    settings.MEDIA_ROOT = tmp_path
    if not Collection.objects.exists():  # images need the root collection a flush took
        Collection.add_root(name="Root")
    seed_catalog(apps)  # the vocabularies a flushed database lost
    seed_programs(apps)
    root_page()
    call_command("load_demo", stdout=io.StringIO())
