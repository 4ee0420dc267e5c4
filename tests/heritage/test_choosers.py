"""Choosers (issue 14, item 3): links between records are chosen in searchable dialogs, accent-
and case-insensitive, through the admin's search contract; editors allowed to add a term add it
from the dialog; periods are listed in time order; many-to-many fields keep a list of chosen
records instead of a wall of checkboxes."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from heritage.models import Culture, Material, Period, Piece
from tests.utils import admin_form_data, build_catalog_roles, make_case, make_piece

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_heritage_{model}:{view}"


@pytest.fixture
def editor(client):
    build_catalog_roles()
    user = get_user_model().objects.create_user("editora", password="pw-editora-1")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def dialog(client, model: str, **params) -> BeautifulSoup:
    """The chooser dialog's HTML (the modal workflow answers JSON holding it)."""
    response = client.get(reverse(CHOOSE.format(model=model, view="choose")), params)
    assert response.status_code == 200
    return BeautifulSoup(json.loads(response.content)["html"], "html.parser")


def results(client, model: str, query: str) -> list[str]:
    """The names listed by the dialog's results for a search, in order."""
    url = reverse(CHOOSE.format(model=model, view="choose_results"))
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [link.get_text(strip=True) for link in soup.select("[data-chooser-modal-choice]")]


def test_the_piece_editor_chooses_its_links_in_dialogs_not_drop_downs(client, curator):
    response = client.get(reverse("wagtailsnippets_heritage_piece:add"))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for name in ("culture", "period", "object_type", "custodian", "case"):
        assert soup.select_one(f"select[name={name}]") is None, name
        assert soup.select_one(f"#id_{name}-chooser"), name  # Wagtail's chooser widget
    for name in ("materials", "techniques"):
        assert not soup.select(f"input[type=checkbox][name={name}]"), name
        widget = soup.select_one(f"[data-multiple-chooser][data-name={name}]")
        definition = widget.select_one("script[type='application/json']")
        assert "modalUrl" in definition.string or "modal_url" in definition.string


@pytest.mark.parametrize("query", ["ceramica", "CERÁMICA", "Cerám", "ceramic"])
def test_a_vocabulary_dialog_searches_without_accents_or_case(client, curator, query):
    assert results(client, "material", query) == ["Cerámica"]


def test_a_dialog_without_a_match_lists_nothing_and_punctuation_is_no_error(client, curator):
    assert results(client, "material", "zzzz") == []
    assert results(client, "material", "¿?!…") == []


def test_periods_are_listed_in_time_order_with_their_years(client, curator):
    soup = dialog(client, "period")
    rows = soup.select("table tbody tr")
    names = [row.select_one("[data-chooser-modal-choice]").get_text(strip=True) for row in rows]
    expected = [str(period) for period in Period.objects.order_by("start_year", "label_es")]
    assert names == expected[: len(names)] and len(names) >= 5
    starts = [Period.objects.get(label_es=name).start_year for name in names]
    assert starts == sorted(starts)
    assert "2500 BCE" in rows[0].get_text(" ") or "2500 a. C." in rows[0].get_text(" ")


def test_the_piece_dialog_finds_by_catalog_number_and_hides_restricted_from_editors(client, editor):
    make_piece("REP-2021-000431", title_es="Máscara de jade", title_en="Jade mask")
    make_piece("REP-2021-000432", title_es="Máscara retenida", restricted=True)
    assert results(client, "piece", "000431") == ["REP-2021-000431 — Máscara de jade"]
    assert results(client, "piece", "mascara") == ["REP-2021-000431 — Máscara de jade"]


def test_the_case_dialog_finds_by_code(client, curator):
    make_case("CASE-2021-007", title_es="Subasta detenida en París")
    assert results(client, "recoverycase", "2021-007") == [
        "CASE-2021-007 — Subasta detenida en París"
    ]
    assert results(client, "recoverycase", "paris") == ["CASE-2021-007 — Subasta detenida en París"]


def test_editors_allowed_to_add_a_term_add_it_from_the_dialog(client, editor):
    assert dialog(client, "material").select_one("form[action*=create]") is None
    editor.user_permissions.add(Permission.objects.get(codename="add_material"))
    soup = dialog(client, "material")
    form = soup.select_one("form[action*=create]")
    assert form is not None and form.select_one("[name=label_es]")
    response = client.post(
        form["action"],
        {"code": "jadeita", "label_es": "Jadeíta", "label_en": "Jadeite", "label_nah": ""},
    )
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["step"] == "chosen" and answer["result"]["string"] == "Jadeíta"
    assert Material.objects.get(code="jadeita").label_en == "Jadeite"


def test_a_term_added_from_the_dialog_is_logged_as_the_snippet_form_logs_it(client, editor):
    from wagtail.models import ModelLogEntry

    editor.user_permissions.add(Permission.objects.get(codename="add_material"))
    url = reverse(CHOOSE.format(model="material", view="create"))
    client.post(url, {"code": "jadeita", "label_es": "Jadeíta", "label_en": "", "label_nah": ""})
    term = Material.objects.get(code="jadeita")
    entries = ModelLogEntry.objects.for_instance(term)
    assert [(entry.action, entry.user_id) for entry in entries] == [("wagtail.create", editor.pk)]


def test_a_bad_new_term_is_answered_in_the_dialog_with_the_field_wrong(client, curator):
    url = reverse(CHOOSE.format(model="material", view="create"))
    response = client.post(url, {"code": "Not a code!", "label_es": ""})
    assert response.status_code == 200
    answer = json.loads(response.content)
    assert answer["step"] == "reshow_creation_form"
    soup = BeautifulSoup(answer["htmlFragment"], "html.parser")
    assert soup.select_one("[id^=id_code] ~ *, .error-message, .w-field__errors")
    assert not Material.objects.filter(code="Not a code!").exists()


def test_the_piece_form_saves_chosen_terms_and_lists_them_back(client, curator):
    case = make_case("CASE-2021-007")
    response = client.get(reverse("wagtailsnippets_heritage_piece:add"))
    data = admin_form_data(response)
    jade, shell = Material.objects.get(code="jade"), Material.objects.get(code="concha")
    data.update(
        {
            "catalog_number": "REP-2024-000001",
            "title_es": "Collar",
            "culture": Culture.objects.get(code="maya").pk,
            "period": Period.objects.get(code="clasico-tardio").pk,
            "case": case.pk,
            "materials": [jade.pk, shell.pk],
        }
    )
    response = client.post(reverse("wagtailsnippets_heritage_piece:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    piece = Piece.objects.get(catalog_number="REP-2024-000001")
    assert set(piece.materials.all()) == {jade, shell} and piece.case == case
    page = client.get(reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]))
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    chosen = soup.select("[data-multiple-chooser][data-name=materials] li")
    assert sorted(item.select_one("span").get_text() for item in chosen) == ["Concha", "Jade"]
    keys = {item.select_one("input[type=hidden]")["value"] for item in chosen}
    assert keys == {str(jade.pk), str(shell.pk)}


def test_a_tampered_chosen_key_is_a_field_error_not_a_crash(client, curator):
    data = admin_form_data(client.get(reverse("wagtailsnippets_heritage_piece:add")))
    data.update({"catalog_number": "REP-2024-000002", "title_es": "Collar"})
    data["materials"] = ["abc", "999999"]
    response = client.post(reverse("wagtailsnippets_heritage_piece:add"), data)
    assert response.status_code == 200
    assert "materials" in response.context["form"].errors
    assert not Piece.objects.filter(catalog_number="REP-2024-000002").exists()


def admin_in(user, language: str) -> None:
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)


def editor_text(client) -> str:
    response = client.get(reverse("wagtailsnippets_heritage_piece:add"))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    for hidden in soup(["script", "style", "svg", "template"]):
        hidden.decompose()
    return soup.get_text(" ")


def test_the_editor_speaks_the_admin_language_whichever_spoke_first(client, curator):
    """Wagtail builds a form's chooser texts and section headings once; they must still follow
    each user's admin language (no "Seleccionar cultura" or "Descripción" in the English
    admin), and Spanish ones carry no wrong gender ("Editar este cultura")."""
    admin_in(curator, "es")
    spanish = editor_text(client)
    assert "Elegir cultura" in spanish and "Editar cultura" in spanish
    assert "Descripción · English (en)" in spanish
    assert "este cultura" not in spanish and "otro cultura" not in spanish
    admin_in(curator, "en")
    english = editor_text(client)
    assert "Choose culture" in english and "Description · English (en)" in english
    for spanish_word in ("Elegir", "Seleccionar", "Descripción", "Editar"):
        assert spanish_word not in english


def test_a_dialog_runs_the_same_queries_however_many_records_it_lists(client, curator):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(reverse(CHOOSE.format(model="piece", view="choose"))).status_code == 200
            )
        return len(captured)

    make_piece("REP-2021-000001")
    few = queries()
    for number in range(2, 13):
        make_piece(f"REP-2021-{number:06d}", publish=number % 2 == 0)
    assert queries() == few
    # Each row still says whether the record is live (Wagtail's words, asked in the one query).
    soup = dialog(client, "piece")
    status = {
        row.select_one("[data-chooser-modal-choice]").get_text(strip=True)[:15]: row.select("td")[
            -1
        ].get_text(strip=True)
        for row in soup.select("tbody tr")
    }
    with translation.override("es"):  # the admin's language: no profile, the site's first
        assert status["REP-2021-000002"] == gettext("live")
        assert status["REP-2021-000003"] == gettext("draft")


def test_no_door_of_the_piece_dialog_gives_a_restricted_piece_to_an_editor(client, editor):
    shown = make_piece("REP-2021-000431", title_es="Máscara de jade")
    hidden = make_piece("REP-2021-000432", title_es="Máscara retenida", restricted=True)
    chosen = reverse(CHOOSE.format(model="piece", view="chosen"), args=[hidden.pk])
    assert client.get(chosen).status_code == 404
    assert (
        client.get(reverse(CHOOSE.format(model="piece", view="chosen"), args=["x"])).status_code
        == 404
    )
    several = reverse(CHOOSE.format(model="piece", view="chosen_multiple"))
    answer = json.loads(client.get(several, {"id": [shown.pk, hidden.pk, "x"]}).content)
    assert [result["id"] for result in answer["result"]] == [str(shown.pk)]
    assert "retenida" not in json.dumps(answer)


def test_a_user_without_catalog_permissions_chooses_only_published_pieces(client):
    build_catalog_roles()
    user = get_user_model().objects.create_user("programas", password="pw-programas-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    make_piece("REP-2021-000431", title_es="Máscara publicada")
    draft = make_piece("REP-2021-000433", title_es="Máscara en borrador", publish=False)
    assert results(client, "piece", "mascara") == ["REP-2021-000431 — Máscara publicada"]
    chosen = reverse(CHOOSE.format(model="piece", view="chosen"), args=[draft.pk])
    assert client.get(chosen).status_code == 404


def test_the_many_to_many_widget_reads_only_the_chosen_records(curator):
    from heritage.choosers import MultipleChooser

    pieces = [make_piece(f"REP-2021-{number:06d}") for number in range(1, 13)]
    widget = MultipleChooser(Piece)
    widget.choices = Piece.objects.all()  # what a form field sets: never to be listed
    with CaptureQueriesContext(connection) as captured:
        html = widget.render("related_pieces", [pieces[0].pk, pieces[1].pk], {"id": "id_rp"})
    assert len(captured) == 1
    assert "REP-2021-000001" in html and "REP-2021-000012" not in html
