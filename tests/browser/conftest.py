import io

import pytest


@pytest.fixture
def browser_context_args(browser_context_args):
    # Curators in Mexico: the browser asks for Spanish, so the admin speaks Spanish.
    return {**browser_context_args, "locale": "es-MX"}


@pytest.fixture
def demo_site(settings, tmp_path):
    """The demo site `make run` builds, on a database a transactional test flushed."""
    from django.core.management import call_command

    from tests.utils import root_page

    settings.MEDIA_ROOT = tmp_path
    root_page()
    call_command("load_demo", stdout=io.StringIO())
