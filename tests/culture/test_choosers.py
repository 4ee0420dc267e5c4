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
