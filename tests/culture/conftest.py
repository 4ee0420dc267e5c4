"""Fixtures of the programs' tests: a venue in Chicago and a published program index."""

import pytest

from culture.models import ProgramIndexPage, Venue


@pytest.fixture
def venue():
    return Venue.objects.create(name_es="Consulado en Chicago", name="Consulado en Chicago",
                                city="Chicago", state="IL", timezone="America/Chicago")  # fmt: skip


@pytest.fixture
def programs_index(home):
    page = ProgramIndexPage(title_es="Programas", title_en="Programs", slug_es="programas",
                            slug_en="programs")  # fmt: skip
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
