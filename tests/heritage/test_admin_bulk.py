"""Bulk work in the pieces listing: restrict with a reason, set a field with a confirmation;
each piece's history tells what was done to it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry, Revision

from heritage.models import Institution, ObjectType, Piece
from tests.utils import build_catalog_roles, make_piece

pytestmark = pytest.mark.django_db


def log_in(client, name: str, group: str | None = None):
    if group is None:
        user = get_user_model().objects.create_superuser(name, password="pw-test-1")
    else:
        build_catalog_roles()
        user = get_user_model().objects.create_user(name, password="pw-test-1")
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def bulk_url(action: str, *pieces: Piece) -> str:
    ids = "&".join(f"id={piece.pk}" for piece in pieces)
    return (
        reverse("wagtail_bulk_action", args=["heritage", "piece", action]) + f"?{ids}&next=/admin/"
    )


def history(client, piece: Piece) -> str:
    response = client.get(reverse("wagtailsnippets_heritage_piece:history", args=[piece.pk]))
    assert response.status_code == 200
    return response.content.decode()


def revision_count(piece: Piece) -> int:
    return Revision.objects.for_instance(piece).count()


# --- Restrict -----------------------------------------------------------------------------


def test_restrict_asks_for_the_reason_inside_its_form(client):
    log_in(client, "curator")
    piece = make_piece("REP-A")
    page = client.get(bulk_url("restrict_pieces", piece)).content.decode()
    form = page.split("data-bulk-action-form", 1)[1].split("</form>", 1)[0]
    assert 'name="reason"' in form, "the reason must be posted with the form that applies it"


def test_restrict_without_a_reason_is_refused_with_a_form_error(client):
    log_in(client, "curator")
    first, second = make_piece("REP-A"), make_piece("REP-B")
    response = client.post(bulk_url("restrict_pieces", first, second), {"reason": "  "})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    assert "error-message" in response.content.decode()
    assert not Piece.objects.filter(restricted=True).exists()
    assert not ModelLogEntry.objects.filter(action="heritage.restrict").exists()


def test_restrict_with_a_reason_restricts_each_piece_stores_and_logs_the_reason(client):
    moderator = log_in(client, "moderadora", "Moderators")
    first, second, untouched = make_piece("REP-A"), make_piece("REP-B"), make_piece("REP-C")
    reason = "Reclamada por la comunidad de origen"
    response = client.post(bulk_url("restrict_pieces", first, second), {"reason": reason})
    assert response.status_code == 302
    restricted = Piece.objects.filter(restricted=True)
    assert {piece.catalog_number for piece in restricted} == {"REP-A", "REP-B"}
    assert {piece.restriction_reason for piece in restricted} == {reason}
    assert not Piece.objects.get(pk=untouched.pk).restricted
    entries = ModelLogEntry.objects.filter(action="heritage.restrict")
    assert sorted(entry.object_id for entry in entries) == sorted([str(first.pk), str(second.pk)])
    assert all(entry.data == {"reason": reason} and entry.user == moderator for entry in entries)
    # Each piece's own history tells the reason (one request, one row per piece).
    for piece in (first, second):
        assert reason in history(client, piece)
    # A draft published later keeps the restriction and its reason.
    first.refresh_from_db()
    assert first.latest_revision.content["restriction_reason"] == reason


def test_an_editor_without_the_restricted_permission_cannot_restrict(client):
    log_in(client, "editora", "Editors")
    piece = make_piece("REP-A")
    page = client.get(bulk_url("restrict_pieces", piece)).content.decode()
    assert 'name="reason"' not in page  # nothing to act on: only the way back
    client.post(bulk_url("restrict_pieces", piece), {"reason": "Sin permiso"})
    piece.refresh_from_db()
    assert (piece.restricted, piece.restriction_reason) == (False, "")
    assert not ModelLogEntry.objects.filter(action="heritage.restrict").exists()


# --- Set a field --------------------------------------------------------------------------


@pytest.fixture
def terms():
    institutions = list(Institution.objects.order_by("pk")[:2])
    return {"old": institutions[0], "new": institutions[1]}


def test_set_field_shows_old_and_new_value_per_piece_before_changing_anything(client, terms):
    log_in(client, "curator")
    first = make_piece("REP-A", custodian=terms["old"])
    second = make_piece("REP-B", custodian=None)
    same = make_piece("REP-C", custodian=terms["new"])
    before = {piece.pk: revision_count(piece) for piece in (first, second, same)}
    url = bulk_url("set_piece_field", first, second, same)
    form = client.get(url).content.decode()
    assert 'name="field"' in form and 'name="custodian"' in form and 'name="period"' in form

    response = client.post(url, {"field": "custodian", "custodian": terms["new"].pk})
    assert response.status_code == 200
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = {
        row["data-piece"]: [cell.get_text(strip=True) for cell in row.find_all("td")[1:]]
        for row in soup.select("[data-set-field-changes] tbody tr")
    }
    assert rows == {
        "REP-A": [str(terms["old"]), str(terms["new"])],
        "REP-B": ["(sin valor)", str(terms["new"])],
        "REP-C": [str(terms["new"]), "(sin cambio)"],
    }
    assert soup.select_one('input[name="confirmed"]')["value"] == "1"
    assert {piece.pk: revision_count(piece) for piece in (first, second, same)} == before
    assert Piece.objects.get(pk=first.pk).custodian == terms["old"]


def test_set_field_needs_a_value_for_the_chosen_field(client, terms):
    log_in(client, "curator")
    piece = make_piece("REP-A")
    response = client.post(
        bulk_url("set_piece_field", piece), {"field": "period", "custodian": terms["new"].pk}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["period"]


def apply_set_field(client, pieces, field: str, value) -> None:
    response = client.post(
        bulk_url("set_piece_field", *pieces), {"field": field, field: value.pk, "confirmed": "1"}
    )
    assert response.status_code == 302


def test_set_field_as_a_moderator_publishes_live_pieces_and_keeps_drafts_drafts(client):
    moderator = log_in(client, "moderador", "Moderators")
    vessel = ObjectType.objects.order_by("pk").first()
    live = make_piece("REP-A")
    draft = make_piece("REP-B", publish=False)
    before = {piece.pk: revision_count(piece) for piece in (live, draft)}
    apply_set_field(client, [live, draft], "object_type", vessel)

    for piece in (live, draft):
        assert revision_count(piece) == before[piece.pk] + 1
        piece.refresh_from_db()
        assert piece.latest_revision.user == moderator
        assert piece.latest_revision.as_object().object_type == vessel
        entry = ModelLogEntry.objects.get(action="heritage.set_field", object_id=str(piece.pk))
        assert entry.data == {"field": "object_type", "old": "", "new": str(vessel)}
        assert entry.revision_id == piece.latest_revision_id
    assert live.live and live.object_type == vessel
    assert live.live_revision_id == live.latest_revision_id and not live.has_unpublished_changes
    assert not draft.live and draft.live_revision_id is None
    assert f"(sin valor) → {vessel}" in history(client, live)


def test_set_field_as_an_editor_who_may_not_publish_leaves_the_change_in_a_draft(client, terms):
    editor = log_in(client, "editora", "Editors")
    live = make_piece("REP-A", custodian=terms["old"])
    live.refresh_from_db()
    live_revision = live.live_revision_id
    assert live_revision is not None
    apply_set_field(client, [live], "custodian", terms["new"])
    live.refresh_from_db()
    assert live.live and live.live_revision_id == live_revision
    assert live.custodian == terms["old"], "the public value changes only when published"
    assert live.has_unpublished_changes
    assert live.latest_revision.user == editor
    assert live.latest_revision.as_object().custodian == terms["new"]
    assert ModelLogEntry.objects.filter(action="heritage.set_field").count() == 1
    assert not ModelLogEntry.objects.filter(action="wagtail.publish", user=editor).exists()


def test_set_field_on_a_live_piece_with_a_pending_draft_keeps_the_draft(client, terms):
    log_in(client, "curator")
    piece = make_piece("REP-A", custodian=terms["old"])
    draft = piece.get_latest_revision_as_object()
    draft.title_es = "Título en borrador"
    draft.save_revision()
    apply_set_field(client, [piece], "custodian", terms["new"])
    piece.refresh_from_db()
    assert piece.custodian == terms["new"] and piece.title_es == "Pieza REP-A"
    pending = piece.latest_revision.as_object()
    assert (pending.custodian, pending.title_es) == (terms["new"], "Título en borrador")
    assert piece.has_unpublished_changes
