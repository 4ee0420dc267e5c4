"""No typed work is lost: every admin form of every snippet and page type, saved as a draft with
nothing typed, and then the same draft saved again, answers with its errors (or saves), never
with a server error.

The types come from Wagtail's registries, so a new snippet or page type is covered without a
line here. The form is posted as a browser would post it (tests.utils.admin_form_data)."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import CharField, TextField
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from heritage.models import Piece, RecoveryCase
from tests.utils import admin_form_data, build_site, make_piece, root_page

pytestmark = pytest.mark.django_db

SNIPPETS = sorted(get_snippet_models(), key=lambda model: model._meta.label)
PAGES = sorted((m for m in get_page_models() if m.is_creatable), key=lambda m: m._meta.label)


@pytest.fixture
def superuser(client):
    user = get_user_model().objects.create_superuser("curadora", password="pw-curadora-1")
    client.force_login(user)
    return user


def assert_form_error_or_saved(response) -> None:
    assert response.status_code < 500, response.content[:2000]
    if response.status_code == 200:
        form = response.context["form"]
        assert form.errors or any(fs.errors for fs in form.formsets.values()), "200, no error"
    else:
        assert response.status_code == 302


def post_empty_twice(client, add_url: str) -> list:
    """The add form as it opens, saved as a draft, and the same draft saved again."""
    page = client.get(add_url)
    assert page.status_code == 200, add_url
    data = admin_form_data(page)
    return [client.post(add_url, data) for _ in range(2)]


@pytest.mark.parametrize("model", SNIPPETS, ids=lambda model: model._meta.label)
def test_every_snippet_form_posted_empty_twice_answers_without_a_server_error(
    client, superuser, model
):
    add_url = reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:add")
    if not model.snippet_viewset.permission_policy.user_has_permission(superuser, "add"):
        # a read-only listing (the stories' contributions): its add form is closed to everyone
        assert client.get(add_url).status_code == 302
        return
    for response in post_empty_twice(client, add_url):
        assert_form_error_or_saved(response)


def page_of(model: type[Page]) -> Page:
    """A page of `model` to add children under, made with its parents when there is none."""
    existing = model.objects.first()
    if existing is not None:
        return existing
    if model is Page:
        return root_page()
    from core.models import HomePage

    if model is HomePage:
        return build_site()
    parent = page_of(next(iter(model.allowed_parent_page_models())))
    name = model._meta.model_name
    page = model(slug=name, slug_es=name)
    for field in model._meta.concrete_fields:  # every text the type requires, as its name
        if isinstance(field, CharField | TextField) and not field.blank and not field.has_default():
            setattr(page, field.attname, getattr(page, field.attname) or name)
    parent.add_child(instance=page)
    return page


@pytest.mark.parametrize("model", PAGES, ids=lambda model: model._meta.label)
def test_every_page_form_posted_empty_twice_answers_without_a_server_error(
    client, superuser, model
):
    parents = [parent for parent in model.allowed_parent_page_models() if parent is not model]
    parent = page_of(parents[0])
    if model.max_count is not None:
        model.objects.all().delete()  # the type's one page is the one this test adds
    app, name = model._meta.app_label, model._meta.model_name
    add_url = reverse("wagtailadmin_pages:add", args=[app, name, parent.pk])
    for response in post_empty_twice(client, add_url):
        assert_form_error_or_saved(response)


def add_piece_or_case(client, model, data: dict) -> tuple[set[str], str]:
    """The fields in error and the page the editor sees after saving a draft of `model`."""
    add_url = reverse(f"wagtailsnippets_heritage_{model._meta.model_name}:add")
    response = client.post(add_url, {**admin_form_data(client.get(add_url)), **data})
    assert response.status_code == 200
    return set(response.context["form"].errors), response.content.decode()


@pytest.mark.parametrize(
    ("language", "draft_needs_it", "taken"),
    [
        ("es", "Un borrador también lo necesita", "Ya existe"),
        ("en", "A draft needs this too", "already exists"),
    ],
)
def test_an_empty_draft_is_told_what_identifies_it_in_the_editors_language(
    client, superuser, language, draft_needs_it, taken
):
    """The issue's two cases: a blank piece and a blank case, saved as drafts, name each missing
    identifier in the admin's language; a catalog number already taken is refused, not a 500."""
    UserProfile.get_for_user(superuser)
    UserProfile.objects.filter(user=superuser).update(preferred_language=language)
    with translation.override(language):
        required = escape(str(forms.Field.default_error_messages["required"]))
        other_language = "en" if language == "es" else "es"
    with translation.override(other_language):
        wrong = escape(str(forms.Field.default_error_messages["required"]))

    fields, page = add_piece_or_case(client, Piece, {})
    assert {"catalog_number", "title_es"} <= fields
    assert draft_needs_it in page and required in page and wrong not in page
    fields, page = add_piece_or_case(client, RecoveryCase, {})
    assert {"code", "title_es", "method"} <= fields
    assert draft_needs_it in page and required in page and wrong not in page

    make_piece("REP-2024-000001")
    number = {"catalog_number": "REP-2024-000001", "title_es": "Vasija"}
    fields, page = add_piece_or_case(client, Piece, number)
    assert "catalog_number" in fields and taken in page
    assert Piece.objects.count() == 1


def test_the_spanish_admin_names_our_records_without_a_wrong_gender(client, superuser):
    """Wagtail's Spanish says "El pieza no puede ser creado" and "pieza '…' creado"; ours
    (core/admin_messages.py) puts no gendered word next to the model name."""
    UserProfile.get_for_user(superuser)
    UserProfile.objects.filter(user=superuser).update(preferred_language="es")
    _fields, page = add_piece_or_case(client, Piece, {})
    assert "No se pudo crear (pieza): corrija los errores del formulario." in page
    assert "El pieza" not in page

    add_url = reverse("wagtailsnippets_heritage_piece:add")
    data = {"catalog_number": "REP-2024-000002", "title_es": "Vasija trípode"}
    saved = client.post(add_url, {**admin_form_data(client.get(add_url)), **data}, follow=True)
    assert saved.status_code == 200
    messages = [str(message) for message in saved.context["messages"]]
    assert len(messages) == 1, messages
    assert messages[0].startswith("Se creó «REP-2024-000002 — Vasija trípode» (Pieza)."), messages
