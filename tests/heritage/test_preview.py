"""Curators preview pieces and cases (unsaved changes included) before publishing."""

import pytest
from django.test import RequestFactory

from tests.utils import make_case, make_piece


@pytest.mark.django_db
def test_piece_and_case_previews_render(catalog):
    case = make_case("CASE-P")
    piece = make_piece(
        "REP-P", case=case, events=[{"event_type": "sale", "year_start": 1950, "year_end": 1950}]
    )
    request = RequestFactory().get("/admin/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    piece.title_es = "Cambio sin guardar"
    response = piece.serve_preview(request, "")
    response.render()
    assert response.status_code == 200
    assert "Cambio sin guardar" in response.content.decode()
    response = case.serve_preview(request, "")
    response.render()
    assert b"CASE-P" in response.content
