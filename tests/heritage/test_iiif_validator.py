"""The official IIIF Image API validator (iiif-validator, the tests behind
https://iiif.io/api/image/validator/) against a live test server, at the level info.json
declares: every level 0 and level 1 test of version 3.0 passes."""

import pytest
from iiif_validator import validator

from tests.heritage.test_iiif import make_pattern, piece_image
from tests.utils import build_catalog, build_site, make_piece

pytestmark = pytest.mark.django_db(transaction=True)
LEVEL = 1


@pytest.fixture
def served(live_server, settings, tmp_path):

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.IIIF_CACHE_ROOT = tmp_path / "iiif"
    build_catalog(build_site())
    image = make_pattern()
    make_piece("REP-IIIF-V", images=[piece_image(image)])
    return live_server.url.removeprefix("http://"), str(image.pk)


def test_the_image_service_passes_the_iiif_validator_at_its_level(served, client):
    server, identifier = served
    assert client.get(f"/iiif/3/{identifier}/info.json").json()["profile"] == f"level{LEVEL}"
    tests = validator.TestSuite(validator.ValidationInfo()).list_tests("3.0")
    chosen = sorted(name for name, test in tests.items() if test["level"] <= LEVEL)
    failures = {}
    for name in chosen:
        result = validator.ImageAPI(identifier, server, prefix="iiif/3", version="3.0", debug=False)
        validator.TestSuite(validator.ValidationInfo()).run_test(name, result)
        if result.exception:
            error = result.exception
            failures[name] = (error.type, error.got, error.expected, error.message, result.urls)
    assert len(chosen) >= 20
    assert failures == {}
