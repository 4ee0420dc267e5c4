"""No input makes a server error: every public GET parameter of the pages and the API, fed by
Hypothesis with valid values mixed with the nasty classes — text of only punctuation, symbols
or emoji; digits of other scripts (Arabic-Indic, fullwidth, Devanagari, N'Ko) and characters
that only look like digits; numbers past any limit; tampered cursors and cursors of another
endpoint; months and dates far in the future or past; NUL characters; very long text.

Each door is one line of DOORS: its URL and the strategy of each parameter. Every answer is
below 500 (a streamed export is read to its end); under /api/ an error is JSON with `error`, and
HEAD answers like GET. A door whose code is being rewritten and still fails is marked with
what was found (KNOWN_FAILURES): delete its line once fixed.
"""

import base64
import json
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from heritage import catalog as contract
from opendata.oai import FORMATS, VERBS
from tests.culture.factories import (
    make_chicago_venue,
    make_program,
    make_programs_index,
    weekly,
)
from tests.utils import make_case, make_piece

pytestmark = pytest.mark.django_db

# --- strategies ---------------------------------------------------------------------------------
SCRIPTS = ("0123456789", "٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "०१२३४५६७८९", "߀߁߂߃߄߅߆߇߈߉")


def _in_script(text: str, script: str) -> str:
    return text.translate(str.maketrans("0123456789", script))


def written(texts: st.SearchStrategy) -> st.SearchStrategy:
    """ASCII text with its digits written in any script (the same number to a reader)."""
    return st.builds(_in_script, texts, st.sampled_from(SCRIPTS))


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


NASTY = st.one_of(
    st.text(st.characters(categories=["P", "S"]), min_size=1, max_size=12),  # emoji are So
    st.text(st.characters(codec="utf-8"), max_size=20),  # anything, NUL and controls included
    st.sampled_from(["", " ", "\x00", "a\x00b", "x" * 3000, "😀🎉", "%", "\\", "'\"", "<b>", "²³",
                     "½", "Ⅻ", "-", "--", "*", "_", "%00", "\u200b", "\ufeff"]),
)  # fmt: skip
# The classes of input that made server errors somewhere, each as likely as the others.
CLASSES = st.one_of(
    st.text(st.characters(categories=["P"]), min_size=1, max_size=8),  # punctuation only
    st.text(st.characters(categories=["S"]), min_size=1, max_size=8),  # symbols, emoji
    written(st.integers(-(10**6), 10**6).map(str)).filter(lambda text: not text.isascii()),
    st.sampled_from(["²", "³٣", "½", "Ⅻ", "①"]),  # look like digits, are not decimal digits
    st.sampled_from(["9" * 30, "9" * 500, "9" * 5000, "-" + "9" * 40, "1e400", "nan", "inf"]),
    st.text(max_size=6).map(lambda text: text + "\x00"),  # NUL
    st.sampled_from(["x" * 3000, "ñ" * 1000]),
)
TEXT = st.sampled_from(["vasija", "Vasija maya", "REP-1", "Chicago", "taller"]) | NASTY
NUMBER = st.one_of(
    written(st.integers(-12000, 12000).map(str)),
    written(st.sampled_from([10**30, -(10**30), 2**31, 2**63, 0, -1]).map(str)),
    st.sampled_from(["9" * 500, "9" * 5000, "-" + "9" * 40, "1e400", "nan", "inf", "-inf", "1.5",
                     "+7", " 12 ", "1_000", "0x10", "٣٫٥"]),
    NASTY,
)  # fmt: skip
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=3),
    max_leaves=6,
)  # fmt: skip
CURSOR = st.one_of(
    st.binary(max_size=40).map(_b64),
    JSON_VALUE.map(lambda value: _b64(json.dumps(value).encode())),
    st.sampled_from(
        [
            _b64(b"REP-1"),
            _b64(b"CASE-1"),
            _b64(b"zzz"),  # cursors of the catalog's lists
            _b64(json.dumps(["after", 20]).encode()),
            _b64(json.dumps(["after", 10**30]).encode()),
            _b64(json.dumps(["after", -5]).encode()),
            _b64(json.dumps(["after", 1.5, "R"]).encode()),
            _b64(json.dumps(["after"]).encode()),
            "====",
            "_-_-",
            "!!",
            "a",
            "ab=",
        ]
    ),
    NASTY,
)
MONTH = st.one_of(
    written(st.builds("{:04d}-{:02d}".format, st.integers(0, 99999), st.integers(0, 13))),
    st.sampled_from(["0001-01", "9999-12", "9998-12", "99999-01", "2026-12", "1900-01", "2026-1"]),
    NASTY,
)
DATE = st.one_of(
    written(st.dates().map(str)),
    written(st.builds("{:04d}-{:02d}-{:02d}".format, st.integers(0, 99999), st.integers(0, 13),
                      st.integers(0, 32))),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "2026-12-01T10:00", "20261201"]),
    NASTY,
)  # fmt: skip
PLACE = st.one_of(
    written(st.sampled_from(["60607", "60607-1234", "93901", "00000", "99999"])),
    st.sampled_from(["Chicago, IL", "chicago", "San José, CA", "Springfield", "Fresno, CA", ","]),
    NASTY,
)
COORDINATE = st.one_of(written(st.floats(-200, 200).map(str)), NUMBER)
FLAG = st.sampled_from(["1", "0", "true", "false", "on", "yes", "True"]) | NASTY
LANG = st.sampled_from(["es", "en", "nah", "fr", "ES"]) | NASTY


def choice(*values: str) -> st.SearchStrategy:
    return st.sampled_from(values) | NASTY


CULTURE, PERIOD = choice("maya", "mexica"), choice("clasico", "clasico-tardio", "preclasico")
METHOD, CATEGORY = choice("seizure", "voluntary-return"), choice("language", "arts", "health")
CODES = choice("maya", "clasico", "ceramica", "vasija", "us", "CASE-1")
RADIUS = written(st.sampled_from(["10", "25", "50", "100", "250", "7", "0", "-25"])) | NUMBER

# The catalog query's parameters, from its own declaration (heritage.catalog): a new facet or
# range is attacked here without a line written.
CATALOG = {
    "q": TEXT,
    **{facet.name: CODES for facet in contract.FACETS},
    "culture": CULTURE, "period": PERIOD, "method": METHOD,
    **dict.fromkeys((*contract.YEAR_PARAMETERS, *contract.ALIASES), NUMBER),
    "sort": choice(*contract.SORTS), "page_size": NUMBER, "cursor": CURSOR,
}  # fmt: skip
CATALOG_PAGE = {**CATALOG, **{f"{name}_era": choice("bce", "ce")
                              for name in contract.YEAR_PARAMETERS}, "start": NUMBER}  # fmt: skip
NEAR_ME = {"near": PLACE, "radius": RADIUS, "lat": COORDINATE, "lng": COORDINATE}
PROGRAMS = {**NEAR_ME, "city": TEXT, "state": TEXT, "country": choice("US", "MX", "us"),
            "category": CATEGORY, "audience": CODES, "language": choice("nah", "es", "mix"),
            "date_from": DATE, "date_to": DATE, "free": FLAG,
            "mode": choice("online", "in-person"),
            "sort": choice("soonest", "nearest")}  # fmt: skip
PROGRAM_PAGE = {**PROGRAMS, "view": choice("month", "list"), "month": MONTH, "page": NUMBER}
API_PROGRAMS = {**PROGRAMS, "lang": LANG, "limit": NUMBER}
DIRECTORY = {**NEAR_ME, "service": choice("passport", "legal-immigration"),
             "language": choice("mix", "es", "zap"),
             "kind": choice("consulate", "legal-aid", "mobile-consulate"),
             "cost": choice("free", "paid"), "appointment": choice("walk-in", "required"),
             "open_now": FLAG, "lang": LANG, "limit": NUMBER, "offset": NUMBER}  # fmt: skip
SEGMENT = st.sampled_from(["REP-1", "CASE-1", "rep-1", "REP-2"]) | NASTY
OAI = {"verb": choice(*VERBS), "metadataPrefix": choice(*FORMATS), "from": DATE, "until": DATE,
       "set": choice("method", "method:seizure", "case:CASE-1", "culture:maya"),
       "identifier": choice("oai:retorno.localhost:REP-1", "oai:retorno.localhost:REP-2"),
       "resumptionToken": CURSOR}  # fmt: skip


@dataclass(frozen=True)
class Door:
    url: str  # "{}" stands for a path segment drawn from `segment`
    params: dict = field(default_factory=dict)
    segment: st.SearchStrategy | None = None

    @property
    def is_api(self) -> bool:
        return self.url.startswith("/api/")


DOORS = [
    Door("/es/", {"q": TEXT}),
    Door("/es/catalogo/", CATALOG_PAGE),
    Door("/es/catalogo/export/csv/", CATALOG_PAGE),
    Door("/es/catalogo/export/json/", CATALOG_PAGE),
    Door("/es/catalogo/{}/", segment=SEGMENT),
    Door("/es/catalogo/cases/{}/", segment=SEGMENT),
    Door("/es/buscar/piezas/", CATALOG_PAGE),  # the old address: a redirect
    Door("/es/buscar/", {"q": TEXT}),
    Door("/es/programas/", PROGRAM_PAGE),
    Door("/es/programas/calendar/ics/", PROGRAM_PAGE),
    Door("/es/programas/consulado-movil/", NEAR_ME),
    Door("/es/programas/p1/", {"q": TEXT}),
    Door("/api/v1/pieces", {**CATALOG, "lang": LANG}),
    Door("/api/v1/pieces/{}", {"lang": LANG}, segment=SEGMENT),
    Door(
        "/api/v1/cases",
        {"method": METHOD, "country": CODES, "lang": LANG, "limit": NUMBER, "cursor": CURSOR},
    ),  # fmt: skip
    Door("/api/v1/cases/{}", {"lang": LANG}, segment=SEGMENT),
    Door("/api/v1/search/pieces", {**CATALOG, "lang": LANG}),
    Door("/api/v1/search/suggest", {"q": TEXT, "lang": LANG}),
    Door("/api/v1/programs", {**API_PROGRAMS, "offset": NUMBER}),
    Door("/api/v1/sessions", API_PROGRAMS),
    Door("/api/v1/organizations", DIRECTORY),
    Door("/api/v1/services", {"lang": LANG}),
    Door("/api/v1/{}", segment=SEGMENT),
    Door("/opendata/releases/latest/{}", segment=SEGMENT),
    Door("/oai", OAI),
    Door("/iiif/3/manifest/{}", segment=SEGMENT),
]
# Doors that still fail, with what was found: delete a line once fixed.
KNOWN_FAILURES: dict[str, str] = {}


def _door_params():
    for door in DOORS:
        marks = []
        if door.url in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[door.url], strict=False))
        yield pytest.param(door, id=door.url, marks=marks)


@st.composite
def _query(draw, params: dict) -> dict:
    """One parameter attacked (a value of its kind or of any nasty class), up to two others
    with values of their kind; any may come twice."""
    if not params:
        return {}
    names = draw(st.lists(st.sampled_from(sorted(params)), min_size=1, max_size=3, unique=True))
    query = {name: draw(st.lists(params[name], min_size=1, max_size=2)) for name in names[1:]}
    query[names[0]] = draw(st.lists(params[names[0]] | CLASSES, min_size=1, max_size=2))
    return query


# One value of each class every parameter (and path segment) gets, whatever Hypothesis draws.
SWEEP = ("¿?!…😀", "٣٠٠", "²", "9" * 5000)


def sweep(door: Door) -> list[tuple[str, dict]]:
    path = door.url.format("REP-1")
    requests = [(path, {name: [value]}) for name in door.params for value in SWEEP]
    if door.segment is not None:
        requests += [(door.url.format(quote(value, safe="")), {}) for value in SWEEP]
    return requests


def requests_for(door: Door) -> st.SearchStrategy:
    """(path, query) pairs for a door."""
    query = _query(door.params)
    path = (
        door.segment.map(lambda segment: door.url.format(quote(segment, safe="")))
        if door.segment is not None
        else st.just(door.url)
    )
    return st.tuples(path, query)


# --- data ---------------------------------------------------------------------------------------
@pytest.fixture
def world(catalog, settings):
    from culture.models import (
        MobileConsulatePage,
        MobileConsulateRoute,
        RouteStop,
    )

    # The rate limits are tested on their own.
    settings.RATE_LIMITS = {"api": (10**9, 60), "search": (10**9, 60), "oai": (10**9, 60),
                            "iiif": (10**9, 60)}  # fmt: skip
    case = make_case("CASE-1")
    make_piece("REP-1", case=case, title_es="Vasija maya")
    make_piece("REP-2", restricted=True)
    home = catalog.get_parent()
    index = make_programs_index(home)
    venue = make_chicago_venue(country="US", latitude="41.8781", longitude="-87.6298")
    soon = timezone.now() + timedelta(days=3)
    make_program(index, "p1", sessions=[weekly(venue, soon, recurrence="FREQ=WEEKLY")])
    route = MobileConsulateRoute(name="Ruta", name_es="Ruta", live=True)
    day = timezone.localdate() + timedelta(days=2)
    route.stops.add(RouteStop(venue=venue, day=day, opens_at="09:00", closes_at="14:00",
                              service_note_es="Pasaportes"))  # fmt: skip
    route.save()
    route.save_revision().publish()
    stops = MobileConsulatePage(title_es="Consulado sobre ruedas", slug_es="consulado-movil")
    index.add_child(instance=stops)
    stops.save_revision().publish()


# --- the property -------------------------------------------------------------------------------
def _body(response) -> bytes:
    # A streamed answer (an export) could fail after its status was sent: read it all.
    return b"".join(response.streaming_content) if response.streaming else response.content


def _settings(door: Door):
    phases = [Phase.explicit, Phase.generate]
    if door.url not in KNOWN_FAILURES:
        phases.append(Phase.shrink)  # a known failure is reported, not shrunk again each run
    return settings(
        max_examples=25,
        deadline=None,
        derandomize=True,  # the same examples every run: a failure can be replayed
        phases=phases,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large],
    )  # fmt: skip


@pytest.mark.parametrize("door", list(_door_params()))
def test_no_input_makes_a_server_error(client, world, door):
    client.raise_request_exception = False  # the 500 a visitor would get, not the traceback

    @_settings(door)
    @given(request=requests_for(door))
    def check(request):
        path, query = request
        response = client.get(path, query)
        body = _body(response)
        where = f"GET {path} {query!r}"
        error = getattr(response, "exc_info", None)
        assert response.status_code < 500, (
            f"{where} → {response.status_code} {error and error[1]!r}"
        )
        if not door.is_api:
            return
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), where
            assert "error" in json.loads(body), where
        assert response["Access-Control-Allow-Origin"] == "*", where
        head = client.head(path, query)
        assert (head.status_code, head["Content-Type"]) == (
            response.status_code, response["Content-Type"]), f"HEAD {where}"  # fmt: skip
        assert head.content == b"", f"HEAD {where}"

    for request in sweep(door):
        check = example(request=request)(check)
    check()
