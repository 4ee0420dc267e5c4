import pytest


@pytest.fixture
def browser_context_args(browser_context_args):
    # Curators in Mexico: the browser asks for Spanish, so the admin speaks Spanish.
    return {**browser_context_args, "locale": "es-MX"}
