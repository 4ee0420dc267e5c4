"""The home page: sections the apps register (core.home) drawn by their own selectors and
templates, doors for each kind of visitor, empty states, the featured pieces' fallback, the
near-me form, constant queries, three languages, and every block saved through the admin."""

import json
import re
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.models import Site

from core.home import HomeSection, home_sections, section_choices
from heritage.models import FeaturedPiece, FeaturedPiecesSettings, FiguresPage
from tests.culture.factories import make_chicago_venue, make_program, make_programs_index, weekly
from tests.utils import admin_form_data, make_case, make_piece

pytestmark = pytest.mark.django_db

SECTIONS = ["featured-pieces", "latest-cases", "headline-figures", "programs-near",
            "consulate-stops"]  # fmt: skip
LANGUAGES = {"es": "/es/", "en": "/en/", "nah": "/nah/"}


def body(heading_suffix: str = "", count: int = 3) -> str:
    """Every section (each with its own heading) and the doors, as the home page's stream."""
    blocks = [
        {"type": "section", "value": {"source": name, "heading": f"H {name}{heading_suffix}",
                                      "count": count}}
        for name in SECTIONS
    ]  # fmt: skip
    door = {
        "heading": f"Door{heading_suffix}",
        "text": "Text",
        "links": [
            {
                "type": "item",
                "id": "l1",
                "value": {"label": "API", "page": None, "url": "/api/v1/openapi.json"},
            }
        ],
    }
    blocks.append({"type": "doors", "value": {"heading": "Doors", "doors": [
        {"type": "item", "id": "d1", "value": door}]}})  # fmt: skip
    return json.dumps(blocks)


def set_body(home, **bodies) -> None:
    for code, value in bodies.items():
        setattr(home, f"body_{code}", value)
    home.save_revision().publish()


@pytest.fixture
def pages(catalog):
    """The home page with every section, the catalog, figures, programs and mobile-consulate
    pages — and nothing in them yet."""
    home = catalog.get_parent().specific
    figures = FiguresPage(title_es="Cifras", title_en="Figures", slug_es="cifras",
                          slug_en="figures")  # fmt: skip
    home.add_child(instance=figures)
    figures.save_revision().publish()
    index = make_programs_index(home)
    from culture.models import MobileConsulatePage

    consulate = MobileConsulatePage(title_es="Consulado sobre ruedas", slug_es="consulado",
                                    title_en="Mobile consulate", slug_en="consulate")  # fmt: skip
    index.add_child(instance=consulate)
    consulate.save_revision().publish()
    set_body(home, **{code: body(f" {code}") for code in LANGUAGES})
    return {"home": home, "index": index}


def add_stop(route_name: str, city: str, days: int, lat: str, lon: str, publish=True):
    from culture.models import MobileConsulateRoute, RouteStop, Venue

    place = Venue.objects.create(name_es=f"Parada {city}", name=f"Parada {city}", city=city,
                                 state="CA", latitude=Decimal(lat), longitude=Decimal(lon),
                                 timezone="America/Los_Angeles")  # fmt: skip
    route = MobileConsulateRoute(name=route_name, name_es=route_name, live=publish)
    route.stops.add(RouteStop(venue=place, day=timezone.localdate() + timedelta(days=days),
                              opens_at=time(9), closes_at=time(14), service_note_es="Pasaportes",
                              service_note="Pasaportes"))  # fmt: skip
    route.save()
    revision = route.save_revision()
    if publish:
        revision.publish()


def fill(pages, items: int, tag: str = "") -> None:
    """`items` of everything: pieces (through cases received on different days), programs in
    Chicago, published mobile-consulate stops."""
    venue = make_chicago_venue(latitude=Decimal("41.8789"), longitude=Decimal("-87.6667"))
    soon = timezone.now() + timedelta(days=2)
    for number in range(items):
        case = make_case(f"CASE{tag}-{number}", title_es=f"Caso {tag}{number}",
                         date_received=date(2020, 1, 1) + timedelta(days=number))  # fmt: skip
        make_piece(f"REP{tag}-{number}", title_es=f"Pieza {tag}{number}", case=case)
        make_program(pages["index"], f"p{tag}-{number}", title_es=f"Programa {tag}{number}",
                     sessions=[weekly(venue, soon + timedelta(hours=number))])  # fmt: skip
        add_stop(f"Ruta {tag}{number}", f"Ciudad{tag}{number}", number + 1, "36.7", "-119.7")


def text_of(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_every_app_registers_its_sections_and_the_block_offers_them():
    assert [name for name, _label in section_choices()] == SECTIONS
    assert all(callable(section.render) for section in home_sections().values())


def test_sections_render_from_the_registry(client, pages):
    fill(pages, 2)
    text = text_of(client.get("/es/"))
    for name in SECTIONS:
        assert f"H {name} es" in text
    assert "Pieza 1" in text and "Caso 1" in text  # featured (recently returned) and cases
    assert "2 piezas recuperadas en el catálogo" in text  # figures
    assert "Programa 0" in text and "Ciudad0" in text  # programs, stops
    assert "Door es" in text
    assert 'href="/api/v1/openapi.json"' in client.get("/es/").content.decode()


def test_a_section_registered_by_any_app_renders_and_an_unknown_one_renders_nothing(
    client, pages
):  # fmt: skip
    def extra():
        def render(request, *, count, anchor):
            return format_html("<p>{} at {}</p>", count, anchor)

        return HomeSection(name="extra", label="Extra", heading="Extra heading", render=render)

    home = pages["home"]
    stream = json.loads(body())
    stream += [{"type": "section", "value": {"source": "extra", "heading": "", "count": 5}}]
    set_body(home, es=json.dumps(stream))
    with hooks.register_temporarily("register_home_section", extra):
        assert "extra" in dict(section_choices())
        html = client.get("/es/").content.decode()
    assert "Extra heading" in html and "<p>5 at home-extra</p>" in html
    html = client.get("/es/").content.decode()  # the app is gone: nothing, no error
    assert "Extra heading" not in html


def test_empty_states(client, pages):
    text = text_of(client.get("/es/"))
    assert "Aún no hay piezas publicadas." in text
    assert "Todavía no se ha publicado ningún caso de recuperación." in text
    assert "Aún no hay programas publicados." in text
    assert "Todavía no se publican próximas paradas." in text


def test_featured_pieces_fall_back_to_the_recently_returned(client, pages):
    fill(pages, 3)
    text = text_of(client.get("/es/"))
    assert text.index("Pieza 2") < text.index("Pieza 1") < text.index("Pieza 0")
    setting = FeaturedPiecesSettings.for_site(Site.objects.get(is_default_site=True))
    restricted = make_piece("REP-R", title_es="Pieza restringida", restricted=True)
    for order, number in enumerate(["REP-R", "REP-0", "REP-2"]):
        piece = restricted if number == "REP-R" else make_piece_ref(number)
        FeaturedPiece.objects.create(setting=setting, piece=piece, sort_order=order)
    html = client.get("/es/").content.decode()
    featured = html[html.index('id="home-featured-pieces"') : html.index('id="home-latest-cases"')]
    assert "Pieza restringida" not in featured
    assert featured.index("Pieza 0") < featured.index("Pieza 2")
    assert "Pieza 1" not in featured  # chosen pieces only
    FeaturedPiece.objects.exclude(piece=restricted).delete()  # only a restricted one chosen
    assert "Pieza 2" in text_of(client.get("/es/"))


def make_piece_ref(catalog_number: str):
    from heritage.models import Piece

    return Piece.objects.get(catalog_number=catalog_number)


def test_near_me_form_comes_back_to_the_home_page_nearest_first(client, pages):
    fill(pages, 1)
    add_stop("Ruta Chicago", "Joliet", 5, "41.5250", "-88.0817")
    html = client.get("/es/").content.decode()
    assert 'action="/es/#home-programs-near"' in html and 'name="near"' in html
    assert "near-me.js" in html and "<script>" not in html  # no inline script (CSP)
    text = text_of(client.get("/es/", {"near": "60607"}))
    assert "Más cercanos primero a 60607 (Chicago, IL)" in text
    assert "Próxima parada cerca de usted: " in text and "Joliet" in text
    assert "/es/programas/?near=60607" in client.get("/es/", {"near": "60607"}).content.decode()
    text = text_of(client.get("/es/", {"near": "Nowhere at all"}))
    assert "No conocemos este lugar" in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_draws_its_own_sections(client, pages, code):
    fill(pages, 1)
    text = text_of(client.get(LANGUAGES[code]))
    for name in SECTIONS:
        assert f"H {name} {code}" in text
    assert "Programa 0" in text


def test_queries_stay_constant_whatever_the_number_of_items(
    client, pages, django_assert_max_num_queries, no_page_cache
):  # fmt: skip
    set_body(pages["home"], es=body(count=12))

    def count(items: int, tag: str) -> int:
        fill(pages, items, tag)
        client.get("/es/")  # renditions, kept routes
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/es/")
        assert f"Pieza {tag}{items - 1}" in response.content.decode()
        return len(queries)

    few = count(2, "A")
    many = count(6, "B")
    assert many <= few, (few, many)
    with django_assert_max_num_queries(few):
        client.get("/es/")


def test_the_admin_saves_a_revision_with_every_block(client, curator, pages):
    home = pages["home"]
    piece = make_piece("REP-ADM", title_es="Pieza del admin")
    edit = f"/admin/pages/{home.pk}/edit/"
    data = admin_form_data(client.get(edit))
    blocks = [("section", {"source": name, "heading": f"Admin {name}", "count": "4"})
              for name in SECTIONS]  # fmt: skip
    blocks += [
        ("paragraph", '{"blocks": [{"key": "a", "type": "unstyled", "text": "Hola", '
                      '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], '
                      '"entityMap": {}}'),
        ("quote", {"text": "Cita", "attribution": ""}),
        ("call_to_action", {"heading": "Llamada", "text": "", "page": str(home.pk), "url": "",
                            "button_label": "Ir"}),
    ]  # fmt: skip
    data["body_es-count"] = str(len(blocks) + 1)
    for index, (kind, value) in enumerate(blocks):
        prefix = f"body_es-{index}"
        data.update({f"{prefix}-type": kind, f"{prefix}-deleted": "", f"{prefix}-order": index,
                     f"{prefix}-id": ""})  # fmt: skip
        if isinstance(value, dict):
            data.update({f"{prefix}-value-{key}": item for key, item in value.items()})
        else:
            data[f"{prefix}-value"] = value
    prefix = f"body_es-{len(blocks)}"
    data.update({
        f"{prefix}-type": "doors", f"{prefix}-deleted": "", f"{prefix}-order": len(blocks),
        f"{prefix}-id": "", f"{prefix}-value-heading": "Puertas",
        f"{prefix}-value-doors-count": "1",
        f"{prefix}-value-doors-0-deleted": "", f"{prefix}-value-doors-0-order": "0",
        f"{prefix}-value-doors-0-id": "",
        f"{prefix}-value-doors-0-value-heading": "Investigación",
        f"{prefix}-value-doors-0-value-text": "Datos abiertos",
        f"{prefix}-value-doors-0-value-links-count": "2",
        **{f"{prefix}-value-doors-0-value-links-{n}-{key}": value for n, link in enumerate([
            {"label": "Catálogo", "page": str(home.pk), "url": ""},
            {"label": "API", "page": "", "url": "/api/v1/openapi.json"},
        ]) for key, value in [("deleted", ""), ("order", str(n)), ("id", ""),
                              *((f"value-{k}", v) for k, v in link.items())]},
    })  # fmt: skip
    response = client.post(edit, data)
    assert response.status_code == 302, response.context["form"].errors
    saved = type(home).objects.get(pk=home.pk).get_latest_revision_as_object()
    assert [child.block_type for child in saved.body_es] == [kind for kind, _v in blocks] + [
        "doors"
    ]
    assert saved.body_es[0].value["count"] == 4
    assert piece.pk  # a piece exists for the featured section to show on the preview
    # The same section twice is refused; so is a link to both a page and an address.
    data["body_es-1-value-source"] = "featured-pieces"
    data[f"{prefix}-value-doors-0-value-links-1-value-page"] = str(home.pk)
    response = client.post(edit, data)
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["body_es"][0]
    html = json.dumps(error.as_json_data(), ensure_ascii=False)
    assert "Esta sección ya está en la página." in html
    assert "Elija una página o escriba un enlace externo (uno de los dos)." in html


def test_moderators_choose_the_featured_pieces():
    from django.contrib.auth.models import Group

    moderators = Group.objects.get(name="Moderators")
    assert moderators.permissions.filter(codename="change_featuredpiecessettings").exists()
