"""axe-core (4.12, bundled by axe-playwright-python) in a real Chromium on the public pages a
visitor meets, in Spanish and English, on the demo site: no serious or critical violation — and
nothing refused by the Content-Security-Policy."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from tests.browser.helpers import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def public_paths() -> dict[str, str]:
    """Each kind of page, in each language: (name, path)."""
    from culture.models import (
        ConsultationPage,
        DirectoryPage,
        MobileConsulatePage,
        OrganizationPage,
        ProgramIndexPage,
        ProgramPage,
        StopRequestPage,
    )
    from heritage.models import FiguresPage, Piece, RecoveryCase
    from stories.models import StoryIndexPage, StoryPage

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
                f"mobile consulate ({lang})": MobileConsulatePage.objects.get().url,
                f"figures ({lang})": FiguresPage.objects.get().url,
                f"story listing ({lang})": StoryIndexPage.objects.get().url,
                f"story listing, filtered ({lang})": StoryIndexPage.objects.get().url
                + "?theme=food&near=60607&radius=25",
                f"story ({lang})": StoryPage.objects.get(slug_es="la-milpa-de-mi-abuela").url,
                f"share your story ({lang})": reverse("stories:share"),
                f"withdraw your story ({lang})": reverse("stories:withdraw"),
                f"directory ({lang})": DirectoryPage.objects.get().url,
                f"directory near a place ({lang})": DirectoryPage.objects.get().url
                + "?near=60607&radius=250&language=mix",
                f"organization ({lang})": OrganizationPage.objects.live().order_by("pk")[0].url,
                f"stop request ({lang})": StopRequestPage.objects.get().url,
            })  # fmt: skip
    return paths


def test_public_pages_have_no_serious_accessibility_violations(live_server, page: Page,
                                                               demo_site):  # fmt: skip
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
        serious = serious_violations(page)
        if serious:
            problems[f"{name} {path}"] = serious
    assert refused == [], refused
    assert not problems, "\n".join(f"{page}:\n  " + "\n  ".join(v) for page, v in problems.items())
