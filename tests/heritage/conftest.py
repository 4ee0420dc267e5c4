import pytest

from tests.utils import build_catalog


@pytest.fixture
def catalog(home):
    return build_catalog(home)


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
