"""axe-core (4.12, bundled by axe-playwright-python) in a real Chromium on the public pages a
visitor meets, in Spanish and English, on the demo site: no serious or critical violation — and
nothing refused by the Content-Security-Policy."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import Page

from tests.utils import root_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(settings, tmp_path):
    from django.apps import apps
    from wagtail.models import Collection

    from culture.vocabulary_seed import seed as seed_programs
    from heritage.vocabulary_seed import seed as seed_catalog

    settings.MEDIA_ROOT = tmp_path
    if Collection.get_first_root_node() is None:  # the demo's images go in Wagtail's root one
        Collection.add_root(name="Root")
    seed_catalog(apps)  # the vocabularies a flushed database lost
    seed_programs(apps)
    root_page()
    call_command("load_demo", stdout=io.StringIO())


def public_paths() -> dict[str, str]:
    """Each kind of page, in each language: (name, path)."""
    from culture.models import ConsultationPage, ProgramIndexPage, ProgramPage
    from heritage.models import FiguresPage, Piece, RecoveryCase

    piece = Piece.objects.filter(live=True, restricted=False).order_by("catalog_number").first()
    case = RecoveryCase.objects.filter(live=True).order_by("code").first()
    paths = {}
    for lang in ("es", "en"):
        with translation.override(lang):
            catalog = "/es/catalogo/" if lang == "es" else "/en/catalog/"
            search = (
                "/es/buscar/piezas/?q=vasija" if lang == "es" else "/en/search/pieces/?q=vessel"
            )
            paths.update({
                f"home ({lang})": f"/{lang}/",
                f"catalog search ({lang})": search,
                f"piece ({lang})": f"{catalog}{piece.catalog_number}/",
                f"case ({lang})": f"{catalog}cases/{case.code}/",
                f"program listing ({lang})": ProgramIndexPage.objects.get().url,
                f"program ({lang})": ProgramPage.objects.get(slug_es="clases-de-nahuatl").url,
                f"consultation ({lang})": ConsultationPage.objects.get().url,
                f"figures ({lang})": FiguresPage.objects.get().url,
            })  # fmt: skip
    return paths


def test_public_pages_have_no_serious_accessibility_violations(live_server, page: Page,
                                                               demo_site):  # fmt: skip
    axe = Axe()
    problems = {}
    # The Content-Security-Policy must not block anything the pages use: a blocked script,
    # style or image is reported on the console.
    refused = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)  # fmt: skip
    for name, path in public_paths().items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (name, path, response.status)
        assert "'self'" in response.headers["content-security-policy"]
        results = axe.run(page)
        serious = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(node["target"][0] for node in violation["nodes"][:3])
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        if serious:
            problems[f"{name} {path}"] = serious
    assert refused == [], refused
    assert not problems, "\n".join(f"{page}:\n  " + "\n  ".join(v) for page, v in problems.items())
