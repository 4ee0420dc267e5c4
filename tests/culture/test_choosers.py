"""Choosers in the program editor (issue 14, item 3): the organizer and the sessions' venues are
chosen in searchable dialogs; related pieces and cases are lists of chosen records, added
through the catalog's own dialogs."""

import json
from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from culture.models import Venue
from tests.culture.factories import make_program, weekly
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db


def test_the_program_editor_chooses_organizer_venues_and_related_records(
    client, curator, programs_index, venue, catalog
):
    piece = make_piece("REP-2021-000431", title_es="Máscara de jade")
    case = make_case("CASE-2021-007", title_es="Subasta detenida en París")
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    program = make_program(programs_index, "nahuatl", sessions=[weekly(venue, start)])
    program.related_pieces.set([piece])
    program.related_cases.set([case])
    program.save_revision()

    response = client.get(reverse("wagtailadmin_pages:edit", args=[program.pk]))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one("select[name=organizer]") is None
    assert soup.select_one("#id_organizer-chooser")
    assert soup.select_one("#id_sessions-0-venue-chooser")
    for name, expected in (("related_pieces", piece), ("related_cases", case)):
        widget = soup.select_one(f"[data-multiple-chooser][data-name={name}]")
        items = widget.select("li")
        assert [item.select_one("span").get_text() for item in items] == [str(expected)]
        assert items[0].select_one("input[type=hidden]")["value"] == str(expected.pk)


@pytest.mark.parametrize("query", ["mexico", "MÉXICO", "Méx"])
def test_the_venue_dialog_searches_without_accents(client, curator, query):
    for name, city in (("Consulado de México en Houston", "Houston"),
                       ("Biblioteca Harold Washington", "Chicago")):  # fmt: skip
        Venue.objects.create(name_es=name, name=name, city=city, state="TX")
    url = reverse("wagtailsnippetchoosers_culture_venue:choose_results")
    response = client.get(url, {"q": query})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    names = [link.get_text(strip=True) for link in soup.select("[data-chooser-modal-choice]")]
    assert names == ["Consulado de México en Houston (Houston)"]


def test_the_venue_dialog_has_a_search_field(client, curator):
    response = client.get(reverse("wagtailsnippetchoosers_culture_venue:choose"))
    soup = BeautifulSoup(json.loads(response.content)["html"], "html.parser")
    assert soup.select_one("form[data-chooser-modal-search] input[name=q]")


# --- what a program editor may link (review of issue 14, item 2) ---------------------------------


@pytest.fixture
def program_editor(client, programs_index):
    """An editor of the catalog (no restricted pieces) who may edit programs."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from tests.utils import build_catalog_roles

    build_catalog_roles()
    group = Group.objects.get(name="Editors")
    for action in ("add", "change"):
        GroupPagePermission.objects.create(
            group=group,
            page=programs_index,
            permission=Permission.objects.get(codename=f"{action}_page"),
        )
    user = get_user_model().objects.create_user("editora", password="pw-editora-1")
    user.groups.add(group)
    client.force_login(user)
    return user


def _latest(program):
    from culture.models import ProgramPage

    return ProgramPage.objects.get(pk=program.pk).get_latest_revision_as_object()


def _edit(client, program, **changes):
    from tests.utils import admin_form_data

    url = reverse("wagtailadmin_pages:edit", args=[program.pk])
    return client.post(url, {**admin_form_data(client.get(url)), **changes})


def test_a_restricted_piece_cannot_be_linked_by_a_user_who_may_not_see_it(
    client, program_editor, programs_index, venue, catalog
):
    shown = make_piece("REP-2021-000431", title_es="Máscara de jade")
    hidden = make_piece("REP-2021-000432", title_es="Máscara retenida", restricted=True)
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    program = make_program(programs_index, "nahuatl", sessions=[weekly(venue, start)])
    response = _edit(client, program, related_pieces=[str(shown.pk), str(hidden.pk)])
    assert response.status_code == 200  # the form again, with its error
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    errors = [node.get_text(" ", strip=True) for node in soup.select(".error-message")]
    assert errors == [
        f"Escoja una opción válida. {hidden.pk} no es una de las opciones disponibles."
    ]
    assert "retenida" not in response.content.decode()
    latest = _latest(program)
    assert list(latest.related_pieces.all()) == []
    # The piece the dialog offers is linked.
    assert _edit(client, program, related_pieces=[str(shown.pk)]).status_code == 302
    latest = _latest(program)
    assert [piece.pk for piece in latest.related_pieces.all()] == [shown.pk]


def test_a_restricted_piece_linked_by_a_moderator_is_neither_shown_nor_dropped(
    client, program_editor, programs_index, venue, catalog
):
    shown = make_piece("REP-2021-000431", title_es="Máscara de jade")
    hidden = make_piece("REP-2021-000432", title_es="Máscara retenida", restricted=True)
    start = datetime(2026, 12, 5, 17, 0, tzinfo=UTC)
    program = make_program(programs_index, "nahuatl", sessions=[weekly(venue, start)])
    program.related_pieces.set([shown, hidden])
    program.save_revision()
    page = client.get(reverse("wagtailadmin_pages:edit", args=[program.pk])).content.decode()
    assert "Máscara de jade" in page and "retenida" not in page
    assert _edit(client, program).status_code == 302  # saved as the editor sees it
    latest = _latest(program)
    assert {piece.pk for piece in latest.related_pieces.all()} == {shown.pk, hidden.pk}
