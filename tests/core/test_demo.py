"""load_demo builds an illustrative site in three languages, and a second run changes nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from core.models import FooterLink, HomePage, MainMenuLink, StandardPage

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list("id", "title_es", "url_path_es")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "menu": sorted(MainMenuLink.objects.values_list("id", "label_es")),
        "footer": sorted(FooterLink.objects.values_list("id", "label_es")),
        "sites": sorted(Site.objects.values_list("id", "root_page_id")),
    }


def test_load_demo_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.count() >= 3
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert snapshot() == first


def test_everything_the_demo_creates_says_it_is_illustrative(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    pages = [home, *StandardPage.objects.all()]
    for page in pages:
        assert page.is_illustrative
        assert "(ilustrativo)" in page.get_admin_display_title()
        for lang in ("es", "en", "nah"):
            with translation.override(lang):
                with_lang = page.get_url()
            assert with_lang.startswith(f"/{lang}/")
            response = client.get(with_lang)
            assert response.status_code == 200, with_lang
            html = BeautifulSoup(response.content.decode(), "html.parser")
            assert html.select_one(".notice-illustrative") is not None, with_lang
