"""A record's history: compare with the previous and the live revision from every revision row,
revert (review this version) wherever the user may edit."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import Revision

from heritage import services
from heritage.models import Institution
from tests.utils import build_catalog_roles, make_case, make_piece

pytestmark = pytest.mark.django_db


def user_in(client, name: str, group: str):
    build_catalog_roles()
    user = get_user_model().objects.create_user(name, password="pw-test-1")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def curator():
    return get_user_model().objects.create_superuser("curadora", password="pw-test-1")


@pytest.fixture
def piece_with_history(curator):
    """Eight rows or so, as a curator's week leaves them: created and published, a draft, a
    second publication, a bulk field change, a restriction, and a draft on top."""
    piece = make_piece("REP-A", title_es="Primera versión")
    piece.refresh_from_db()
    piece.title_es = "Segunda versión"
    piece.save_revision(user=curator, log_action=True)
    services.piece_publish(piece=piece, user=curator)
    services.pieces_set_field(
        pieces=[piece], field="custodian", value=Institution.objects.first(), user=curator
    )
    services.pieces_set_restricted(pieces=[piece], restricted=True, reason="Litigio", user=curator)
    piece.refresh_from_db()
    draft = piece.get_latest_revision_as_object()
    draft.title_es = "Tercera versión"
    draft.save_revision(user=curator, log_action=True)
    piece.refresh_from_db()
    return piece


def history_rows(client, obj, viewset: str) -> list[tuple[object, list[str]]]:
    """(log entry, links in its row's action menu) for each row, newest first."""
    response = client.get(reverse(f"wagtailsnippets_heritage_{viewset}:history", args=[obj.pk]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    rows = soup.select("table.listing tbody tr")
    entries = list(
        log_registry.get_logs_for_instance(obj)
        .latest_by_uuid_and_action()
        .order_by("-timestamp", "-id")
    )
    assert len(rows) == len(entries)
    return [
        (entry, [link["href"] for link in row.select("a[href]")])
        for entry, row in zip(entries, rows, strict=True)
    ]


def compare_url(obj, viewset: str, a, b) -> str:
    return reverse(f"wagtailsnippets_heritage_{viewset}:revisions_compare", args=[obj.pk, a, b])


def test_every_revision_row_compares_with_previous_and_live(client, curator, piece_with_history):
    client.force_login(curator)
    piece = piece_with_history
    rows = history_rows(client, piece, "piece")
    revision_rows = [(entry, links) for entry, links in rows if entry.revision_id]
    assert len(revision_rows) >= 6
    earliest = Revision.objects.for_instance(piece).order_by("created_at", "id").first()
    checked = set()
    for entry, links in revision_rows:
        expected = [compare_url(piece, "piece", entry.revision_id, "live")]
        if entry.revision_id != earliest.pk:
            previous = (
                Revision.objects.for_instance(piece)
                .filter(created_at__lte=entry.revision.created_at, pk__lt=entry.revision_id)
                .order_by("-created_at", "-id")
                .first()
            )
            expected.append(compare_url(piece, "piece", previous.pk, entry.revision_id))
        for url in expected:
            assert url in links, (entry.action, links)
            if url not in checked:
                assert client.get(url).status_code == 200, url
                checked.add(url)
    live_rows = [
        links
        for entry, links in revision_rows
        if entry.action == "wagtail.publish" and entry.revision_id == piece.live_revision_id
    ]
    assert live_rows, "the live version's row is in the history"
    assert compare_url(piece, "piece", piece.live_revision_id, "live") in live_rows[0]
    # The restriction's row tells its reason.
    assert any(entry.action == "heritage.restrict" for entry, _links in rows)


def test_revert_is_offered_on_older_revisions_to_an_editor(client, piece_with_history):
    """…on each older revision the editor may open: not on those that held the piece
    restricted, whose pages refuse an editor (no link that only redirects)."""
    piece = piece_with_history
    services.pieces_set_restricted(pieces=[piece], restricted=False)  # editors see it again
    piece.refresh_from_db()
    user_in(client, "editora", "Editors")
    rows = history_rows(client, piece, "piece")
    older = {entry.revision for entry, _ in rows if entry.revision_id} - {piece.latest_revision}
    held_restricted = {revision for revision in older if revision.content.get("restricted")}
    assert held_restricted and older - held_restricted
    links = {link for _entry, row_links in rows for link in row_links}
    for revision in older:
        url = reverse(
            "wagtailsnippets_heritage_piece:revisions_revert", args=[piece.pk, revision.pk]
        )
        if revision in held_restricted:
            assert url not in links
            assert client.get(url).status_code == 302  # the page refuses: no link to it
        else:
            assert url in links
            assert client.get(url).status_code == 200
    edit = reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk])
    assert edit in links


def test_no_revert_or_compare_for_a_user_who_cannot_edit(client, curator, piece_with_history):
    piece = piece_with_history
    user = get_user_model().objects.create_user("lectora", password="pw-test-1")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            codename__in=["add_piece", "view_piece", "view_restricted"],
            content_type__app_label="heritage",
        ),
    )
    client.force_login(user)
    links = {
        link for _entry, row_links in history_rows(client, piece, "piece") for link in row_links
    }
    assert not [link for link in links if "/revert/" in link or "/compare/" in link]
    assert reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]) not in links


def test_restricted_piece_history_is_refused_without_the_permission(client, piece_with_history):
    piece = piece_with_history
    user_in(client, "editora", "Editors")
    history = client.get(reverse("wagtailsnippets_heritage_piece:history", args=[piece.pk]))
    compare = client.get(compare_url(piece, "piece", piece.live_revision_id, "live"))
    assert history.status_code == compare.status_code == 302
    assert "Litigio" not in history.content.decode()


def test_case_history_rows_compare_too(client, curator):
    case = make_case("CASE-9", title_es="Primer título")
    case.refresh_from_db()
    case.title_es = "Segundo título"
    case.save_revision(user=curator, log_action=True).publish(user=curator)
    client.force_login(curator)
    case.refresh_from_db()
    rows = history_rows(client, case, "recoverycase")
    for entry, links in rows:
        if entry.revision_id:
            url = compare_url(case, "recoverycase", entry.revision_id, "live")
            assert url in links
            assert client.get(url).status_code == 200
