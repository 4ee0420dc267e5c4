"""A language whose interface is a draft translation (settings.RETORNO_DRAFT_LANGUAGES) says so on
every page, in that language, with the link to suggest corrections that Settings › Navigation
names; the other languages show nothing."""

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from core.models import NavigationSettings
from tests.test_project import ROOT
from tests.utils import add_standard_page

pytestmark = pytest.mark.django_db

NOTICE = "This interface in %(language)s is a draft translation, awaiting review by its speakers."
DRAFT = sorted(settings.RETORNO_DRAFT_LANGUAGES)
REVIEWED = [code for code, _name in settings.LANGUAGES if code not in DRAFT]


def notice_of(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser").select_one(".notice-draft")


def corrections_page(home):
    page = add_standard_page(
        home, title_es="Correcciones", slug_es="correcciones", slug_en="corrections"
    )
    nav = NavigationSettings.for_site(home.get_site())
    nav.corrections_page = page
    nav.save()
    return page


def translated(lang: str, msgid: str) -> str:
    catalog = polib.pofile(str(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po"))
    entry = catalog.find(msgid)
    assert entry is not None and entry.msgstr, f"{msgid!r} has no {lang} translation"
    return entry.msgstr


@pytest.mark.parametrize("lang", DRAFT)
def test_draft_language_pages_say_so_in_their_language_and_link_to_corrections(client, home, lang):
    corrections_page(home)
    notice = notice_of(client, f"/{lang}/")
    assert notice is not None and notice["role"] == "note"
    # The reader's own language, not the Spanish fallback.
    opening = translated(lang, NOTICE).split("%(language)s")[0]
    assert opening and opening in notice.get_text()
    link = notice.select_one("a")
    assert link["href"] == f"/{lang}/correcciones/"
    assert link.get_text() == translated(lang, "Suggest a correction")


@pytest.mark.parametrize("lang", REVIEWED)
def test_reviewed_languages_show_no_draft_notice(client, home, lang):
    corrections_page(home)
    assert notice_of(client, f"/{lang}/") is None


@pytest.mark.parametrize("lang", DRAFT)
def test_without_a_corrections_page_the_notice_has_no_link(client, home, lang):
    notice = notice_of(client, f"/{lang}/")
    assert notice is not None and notice.select_one("a") is None


@pytest.mark.parametrize("lang", DRAFT)
def test_an_unpublished_corrections_page_is_not_linked(client, home, lang):
    corrections_page(home).unpublish()
    notice = notice_of(client, f"/{lang}/")
    assert notice is not None and notice.select_one("a") is None


def test_the_notice_follows_the_setting(client, home, settings):
    corrections_page(home)
    code = settings.LANGUAGES[-1][0]
    settings.RETORNO_DRAFT_LANGUAGES = {code}
    assert notice_of(client, f"/{code}/") is not None
    settings.RETORNO_DRAFT_LANGUAGES = set()
    assert notice_of(client, f"/{code}/") is None
