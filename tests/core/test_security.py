"""Security in front of the site: per-client rate limits (429 with Retry-After), admin login
throttling, the Content-Security-Policy of public pages and who may frame them and previews."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db


def test_api_answers_429_json_beyond_its_limit_per_client(client, catalog, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "api": (3, 60)}
    codes = [client.get("/api/v1/pieces").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    refused = client.get("/api/v1/pieces", HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["error"] == "rate_limited"
    # Another client is counted apart.
    assert client.get("/api/v1/pieces", REMOTE_ADDR="192.0.2.10").status_code == 200


def test_search_pages_answer_429_in_the_readers_language(client, catalog, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": (2, 60)}
    assert [client.get("/es/catalogo/", {"q": "vasija"}).status_code for _ in range(2)] == [
        200, 200,
    ]  # fmt: skip
    refused = client.get("/es/catalogo/", {"q": "vasija"})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "Demasiadas solicitudes desde su conexión" in refused.content.decode()
    # Pages that are not search are not counted.
    assert client.get("/es/catalogo/").status_code == 200


# Every door of a text search or a place lookup: one line each (core.params.SEARCH_PARAMETERS).
SEARCH_DOORS = [
    ("/es/catalogo/export/csv/", {"q": "vasija"}),
    ("/es/buscar/", {"q": "vasija"}),
    ("/es/catalogo/", {"q": "vasija"}),
    ("/en/catalog/", {"q": "vessel"}),
    ("/es/programas/", {"near": "60607"}),
    ("/es/programas/calendar/ics/", {"near": "Chicago, IL"}),
    ("/es/programas/consulado-movil/", {"near": "93901"}),
    ("/es/", {"q": "vasija"}),
    ("/api/v1/pieces", {"q": "vasija"}),
    ("/api/v1/search/pieces", {"q": "vasija"}),
    ("/api/v1/search/suggest", {"q": "vas"}),
    ("/api/v1/programs", {"near": "60607"}),
    ("/api/v1/sessions", {"near": "60607"}),
]


@pytest.fixture
def programs(catalog):
    from culture.models import MobileConsulatePage, ProgramIndexPage

    home = catalog.get_parent()
    index = ProgramIndexPage(title_es="Programas", slug_es="programas")
    home.add_child(instance=index)
    index.save_revision().publish()
    stops = MobileConsulatePage(title_es="Consulado móvil", slug_es="consulado-movil")
    index.add_child(instance=stops)
    stops.save_revision().publish()


@pytest.mark.parametrize("url, search", SEARCH_DOORS)
def test_every_text_search_counts_against_the_search_limit(client, programs, settings, url,
                                                           search):  # fmt: skip
    # A day's window: a fixed window that ends between two requests would reset the count.
    settings.RATE_LIMITS = {"api": (1000, 86400), "search": (2, 86400)}
    assert [client.get(url, search).status_code for _ in range(2)] == [200, 200]
    if not url.startswith("/es/buscar/"):  # the search pages count whatever they are asked
        # Without a search (or with an empty one) the same door is not counted.
        assert client.get(url).status_code == 200
        assert client.get(url, dict.fromkeys(search, " ")).status_code in (200, 400)
    refused = client.get(url, search)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 86400
    if url.startswith("/api/"):
        assert refused.json()["error"] == "rate_limited"
        assert refused["Access-Control-Allow-Origin"] == "*"
    else:
        message = "Too many requests" if url.startswith("/en/") else "Demasiadas solicitudes"
        assert message in refused.content.decode()
    # The limit is the client's, across doors: another search door refuses it too …
    other = "/api/v1/search/pieces" if url != "/api/v1/search/pieces" else "/es/catalogo/"
    assert client.get(other, {"q": "vasija"}).status_code == 429
    # … and another client still searches.
    assert client.get(url, search, REMOTE_ADDR="192.0.2.20").status_code == 200


def test_admin_login_locks_after_repeated_failures(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    User.objects.create_superuser("curadora", password="una-clave-larga-y-buena")
    for _ in range(3):
        failed = client.post("/admin/login/", {"username": "curadora", "password": "mala"})
        assert failed.status_code in (200, 429)
    right = {"username": "curadora", "password": "una-clave-larga-y-buena"}
    locked = client.post("/admin/login/", right)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user name from the same address still logs in.
    User.objects.create_superuser("editora", password="otra-clave-larga-y-buena")
    other = client.post(
        "/admin/login/", {"username": "editora", "password": "otra-clave-larga-y-buena"}
    )
    assert other.status_code == 302


def test_public_pages_carry_a_strict_content_security_policy(client, catalog):
    policy = client.get("/es/catalogo/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and directives["frame-ancestors"] == "'none'"
    assert "Content-Security-Policy" not in client.get("/admin/login/")


def frame_ancestors(response) -> str:
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return directives["frame-ancestors"]


def test_previews_may_be_framed_by_the_admin_and_public_pages_by_no_one(client, catalog):
    """The editor shows each preview in an iframe of its own origin; the public page of the
    same record still refuses every frame."""
    from django.urls import reverse

    from tests.utils import add_standard_page, admin_form_data, make_piece

    client.force_login(User.objects.create_superuser("curadora", password="pw-curadora-1"))
    piece = make_piece("REP-2024-000001")
    page = add_standard_page(catalog.get_parent(), title_es="Acerca de", slug_es="acerca-de")
    for edit, preview in (
        (
            reverse("wagtailsnippets_heritage_piece:edit", args=[piece.pk]),
            reverse("wagtailsnippets_heritage_piece:preview_on_edit", args=[piece.pk]),
        ),
        (
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        ),
    ):
        assert client.get(edit)["X-Frame-Options"] == "SAMEORIGIN"
        assert client.post(preview, admin_form_data(client.get(edit))).json()["is_valid"]
        shown = client.get(preview)
        assert shown.status_code == 200 and b"<h1" in shown.content
        assert frame_ancestors(shown) == "'self'" and shown["X-Frame-Options"] == "SAMEORIGIN"

    for public in ("/es/catalogo/REP-2024-000001/", "/es/acerca-de/"):
        response = client.get(public)
        assert response.status_code == 200
        assert frame_ancestors(response) == "'none'" and response["X-Frame-Options"] == "DENY"
