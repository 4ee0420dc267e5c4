"""The catalog page is the researcher's search: its exports, on the database engine; the
fallback when the search server is unreachable (a real closed port, not a stand-in); the old
search addresses redirect to it."""

import csv
import io
import json
import logging

import pytest

from heritage.models import Culture
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db
PAGE = "/es/catalogo/"


@pytest.fixture
def vessels(catalog):
    case = make_case("CASE-1")
    olmeca = Culture.objects.get(code="olmeca")
    make_piece("REP-1", title_es="Vasija de Teotihuacán", title_en="Teotihuacan vessel", case=case,
              description_es="Vasija <b>trípode</b> con tapa.")  # fmt: skip
    make_piece("REP-2", title_es="Vasija olmeca", culture=olmeca, date_start=-1200, date_end=-900)
    make_piece("REP-3", title_es="Vasija restringida", restricted=True, find_site="Sitio secreto")
    make_piece("REP-4", title_es="Vasija en borrador", publish=False)


def text(response) -> str:
    return response.content.decode()


def test_page_shows_hits_with_escaped_highlights_facets_and_exports(client, vessels):
    response = client.get(PAGE, {"q": "vasijas"})
    assert response.status_code == 200
    html = text(response)
    assert "2 piezas encontradas" in html
    assert "<mark>Vasija</mark> de Teotihuacán" in html
    # the piece's own markup is text, only the engine's <mark> is markup
    assert "&lt;b&gt;trípode&lt;/b&gt;" in html
    assert 'Olmeca <span class="count">(1)</span>' in html
    assert "REP-3" not in html and "REP-4" not in html
    assert 'href="/es/catalogo/export/csv/?q=vasijas"' in html


def test_bce_years_and_facets_narrow_and_chips_remove_them(client, vessels):
    response = client.get(
        PAGE,
        {
            "date_from": "1000",
            "date_from_era": "bce",
            "date_to": "950",
            "date_to_era": "bce",
            "culture": "olmeca",
        },  # fmt: skip
    )
    html = text(response)
    assert "1 pieza encontrada" in html and "REP-2" in html and "REP-1" not in html
    assert "Cultura: Olmeca" in html
    assert 'value="bce" selected' in html


def test_bad_input_says_which_field_in_the_readers_language(client, vessels):
    response = client.get(PAGE, {"date_from": "900", "date_to": "100"})
    assert response.status_code == 400
    html = text(response)
    assert 'id="err_date_from"' in html
    assert "El año inicial no puede ser posterior al año final." in html
    english = client.get("/en/catalog/", {"culture": "klingon"})
    assert english.status_code == 400
    assert "Unknown code for “Culture”: klingon." in text(english)
    assert client.get(PAGE, {"date_from": "soon"}).status_code == 400
    # digits of any script are read as 0-9 (core.params); look-alikes are refused by name
    arabic = client.get(PAGE, {"date_from": "١٠٠٠", "date_from_era": "bce",
                               "date_to": "٩٥٠", "date_to_era": "bce"})  # fmt: skip
    assert arabic.status_code == 200 and "REP-2" in text(arabic) and "REP-1" not in text(arabic)
    superscript = client.get(PAGE, {"date_from": "²", "date_from_era": "bce"})
    assert superscript.status_code == 400 and 'id="err_date_from"' in text(superscript)
    huge = client.get(PAGE, {"date_from": "9" * 5000, "start": "9" * 5000})
    assert huge.status_code == 400 and 'id="err_date_from"' in text(huge)


def test_the_page_runs_a_constant_number_of_queries(client, catalog, no_page_cache):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def measure(count: int) -> int:
        for number in range(count):
            make_piece(f"REP-{count}-{number:03d}", title_es="Vasija")
        client.get(PAGE, {"q": "vasija"})
        with CaptureQueriesContext(connection) as queries:
            client.get(PAGE, {"q": "vasija"})
        return len(queries)

    assert measure(2) == measure(25)


@pytest.mark.django_db(transaction=True)  # real commits: the kept counts follow the site version
def test_counts_without_a_text_are_computed_once_for_every_language(client, vessels, settings):
    """The catalog's counts are kept per filter set (here in the process, as without Redis); a
    filter set without a text reads no language, so every language shares its counts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.i18n import language_codes

    settings.SHARED_CACHE = False
    settings.PAGE_CACHE_SECONDS = 0
    counted = {}
    for lang in language_codes():
        for query in ({}, {"q": "vasija"}):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(
                    "/api/v1/search/pieces", {**query, "lang": lang, "culture": "olmeca"}
                )
            assert response.status_code == 200
            assert response.json()["total"] == 1
            counted[lang, bool(query)] = sum("WITH base AS" in q["sql"] for q in queries)
    first, *others = language_codes()
    assert counted[first, False] == 1
    assert all(counted[lang, False] == 0 for lang in others)  # the same counts, kept
    assert all(counted[lang, True] == 1 for lang in language_codes())  # a text: its language's


@pytest.mark.django_db(transaction=True)  # real commits: kept values follow the site version
def test_the_filter_form_is_kept_per_filter_set_and_follows_every_parameter_and_change(
    client, vessels, settings
):
    """heritage.views keeps the rendered filter form and chips for every page of a filter set:
    each parameter the form shows still shows, a search's errors stay with it, and a change to
    the catalog moves the counts at once."""
    import re

    settings.SHARED_CACHE = False  # kept in the process, under the site version
    settings.PAGE_CACHE_SECONDS = 0

    def page(params: dict) -> tuple[str, str]:
        html = text(client.get(PAGE, params))
        form = re.search(r'<form class="listing-filters".*?</form>', html, re.S).group(0)
        chips = re.search(r'<section class="chips-bar".*?</section>', html, re.S)
        return html, form + (chips.group(0) if chips else "")

    search = {"q": "vasija", "page_size": "1"}
    html, first = page(search)
    assert 'Olmeca <span class="count">(1)</span>' in first and 'class="chip"' not in first
    following = re.search(r'rel="next" href="\?([^"]+)"', html).group(1).replace("&amp;", "&")
    second_html, second = page(dict(pair.split("=", 1) for pair in following.split("&")))
    assert second == first and second_html != html  # another page, the same filters

    assert (
        'class="chip" href="?q=vasija&amp;page_size=1">Cultura: Olmeca'
        in page({**search, "culture": "olmeca"})[1]
    )
    _html, newest = page({**search, "sort": "-date"})
    assert '<option value="-date" selected>' in newest
    assert '<option value="-date" selected>' not in page(search)[1]
    bce = {**search, "date_from": "1300", "date_from_era": "bce"}
    assert 'value="bce" selected' in page(bce)[1]
    assert 'value="bce" selected' not in page({**bce, "date_from_era": "ce"})[1]

    refused = client.get(PAGE, {**search, "date_from": "soon"})
    assert refused.status_code == 400 and 'aria-invalid="true"' in text(refused)
    assert 'aria-invalid="true"' not in page(search)[1]

    make_piece("REP-5", title_es="Vasija olmeca nueva", culture=Culture.objects.get(code="olmeca"))
    assert 'Olmeca <span class="count">(2)</span>' in page(search)[1]


def test_exports_stream_public_pieces_only_and_say_when_capped(client, vessels, settings):
    response = client.get(f"{PAGE}export/csv/", {"q": "vasija"})
    assert response.status_code == 200 and response.streaming
    rows = list(
        csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    )
    assert sorted(row["catalog_number"] for row in rows) == ["REP-1", "REP-2"]
    assert response["X-Export-Capped"] == "false"
    settings.SEARCH_EXPORT_LIMIT = 1
    capped = client.get(f"{PAGE}export/json/", {"q": "vasija"})
    payload = json.loads(b"".join(capped.streaming_content))
    assert (payload["total"], payload["capped"], len(payload["pieces"])) == (2, True, 1)
    assert "1" in payload["note"]
    assert "first-1" in capped["Content-Disposition"]
    everything = json.dumps(payload) + json.dumps(rows)
    assert "Sitio secreto" not in everything and "REP-3" not in everything


def test_search_falls_back_to_the_database_when_the_server_is_down(
    client, vessels, settings, caplog
):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    with caplog.at_level(logging.ERROR, logger="search.service"):
        response = client.get(PAGE, {"q": "vasija"})
    assert response.status_code == 200
    html = text(response)
    assert "El servicio de búsqueda no responde" in html
    assert "REP-1" in html
    assert any("answering from the database" in record.message for record in caplog.records)
    api = client.get("/api/v1/search/pieces", {"q": "vasija"}).json()
    assert (api["fallback"], api["engine"], api["total"]) == (True, "database", 2)
    assert client.get("/api/v1/search/suggest", {"q": "vasi"}).status_code == 200


def test_facet_labels_follow_a_renamed_term_and_hide_draft_cases(client, vessels):
    from heritage.models import RecoveryCase

    assert 'Olmeca <span class="count">(1)</span>' in text(client.get(PAGE, {"q": "vasija"}))
    olmeca = Culture.objects.get(code="olmeca")
    olmeca.label_es = "Olmeca del Golfo"
    olmeca.save()
    html = text(client.get(PAGE, {"q": "vasija"}))
    assert 'Olmeca del Golfo <span class="count">(1)</span>' in html
    case = RecoveryCase.objects.get(code="CASE-1")
    assert str(case) in html
    case.unpublish()
    html = text(client.get(PAGE, {"q": "vasija"}))
    assert str(case) not in html
    assert client.get(PAGE, {"case": "CASE-1"}).status_code == 400  # no longer a known code


def test_the_old_search_addresses_redirect_to_the_catalog_with_the_query(client, vessels):
    moved = client.get("/es/buscar/piezas/", {"q": "vasija", "culture": "olmeca"})
    assert moved.status_code == 301
    assert moved["Location"] == "/es/catalogo/?q=vasija&culture=olmeca"
    english = client.get("/en/search/pieces/export.csv", {"q": "vessel"})
    assert (english.status_code, english["Location"]) == (301, "/en/catalog/export/csv/?q=vessel")
