"""Links to pieces and cases are built from heritage.models.pages.piece_route/case_route only:
these are the paths the catalog page's own routes serve."""

import pytest

from heritage.models import CatalogIndexPage
from heritage.models.pages import case_route, piece_route

pytestmark = pytest.mark.django_db


def test_a_piece_route_is_what_the_catalog_page_serves_as_a_piece():
    view, _args, kwargs = CatalogIndexPage().resolve_subpage("/" + piece_route("DEMO-2019-000006"))
    assert view.__name__ == "piece_detail"
    assert kwargs == {"catalog_number": "DEMO-2019-000006"}


def test_a_case_route_is_what_the_catalog_page_serves_as_a_case():
    view, _args, kwargs = CatalogIndexPage().resolve_subpage("/" + case_route("DEMO-CASE-01"))
    assert view.__name__ == "case_detail"
    assert kwargs == {"code": "DEMO-CASE-01"}
