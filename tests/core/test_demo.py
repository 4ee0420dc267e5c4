"""load_demo builds an illustrative site in three languages, and a second run changes nothing."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Revision, Site
from wagtail.search.models import IndexEntry

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
        "references": references(),
        "admin search": admin_search(),
    }


def admin_search() -> list:
    return sorted(
        map(str, IndexEntry.objects.values_list("content_type", "object_id", "title", "body"))
    )


def references() -> list:
    return sorted(
        ReferenceIndex.objects.values_list(
            "content_type", "object_id", "to_content_type", "to_object_id", "content_path"
        )
    )


def rebuild_wagtail_indexes() -> None:
    call_command("rebuild_references_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("wagtail_update_index", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_load_demo_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    rebuild_wagtail_indexes()  # the records the migrations made (their saves index nothing)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = snapshot()
    assert HomePage.objects.count() == 1
    assert StandardPage.objects.count() >= 3
    # the demo indexes each object's references and admin search entry once, at the end: as
    # Wagtail's rebuilds do
    assert len(first["references"]) > 100 and len(first["admin search"]) > 100
    rebuild_wagtail_indexes()
    assert references() == first["references"]
    assert admin_search() == first["admin search"]
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
        # in Spanish: the previous page's request left its own language active in this thread
        with translation.override(settings.LANGUAGE_CODE):
            assert "(ilustrativo)" in page.get_admin_display_title()
        for lang in ("es", "en", "nah"):
            with translation.override(lang):
                with_lang = page.get_url()
            assert with_lang.startswith(f"/{lang}/")
            response = client.get(with_lang)
            assert response.status_code == 200, with_lang
            html = BeautifulSoup(response.content.decode(), "html.parser")
            assert html.select_one(".notice-illustrative") is not None, with_lang


def test_one_program_and_one_piece_read_in_nahuatl_without_fallback(client, settings, tmp_path):
    """Demo content in Nahuatl (issue 15, item 4): a nah reader of that program and that piece
    sees their Nahuatl text, and no notice that a part falls back to another language; every nah
    page links to the consultation to suggest corrections."""
    from culture.models import ConsultationPage, ProgramPage
    from heritage.demo import NAHUATL_PIECE
    from heritage.models import CatalogIndexPage, Piece

    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    program = ProgramPage.objects.get(title_nah__gt="")
    piece = Piece.objects.get(catalog_number__endswith=f"-{NAHUATL_PIECE:06d}")
    with translation.override("nah"):
        consultation = ConsultationPage.objects.get().get_url()
        shown = [
            (program.get_url(), [program.title_nah, program.summary_nah]),
            (
                f"{CatalogIndexPage.objects.get().get_url()}{piece.catalog_number}/",
                [piece.title_nah, piece.description_nah],
            ),
        ]
    for url, texts in shown:
        assert url.startswith("/nah/")
        response = client.get(url)
        assert response.status_code == 200, url
        html = BeautifulSoup(response.content.decode(), "html.parser")
        main = html.select_one("main").get_text(" ", strip=True)
        assert all(text and text in main for text in texts), url
        assert html.select_one(".notice-fallback") is None, url
        assert html.select_one(".notice-draft a")["href"] == consultation
    with translation.override(settings.LANGUAGE_CODE):
        spanish = client.get(program.get_url()).content.decode()
    assert program.title_es in spanish and program.title_nah not in spanish
