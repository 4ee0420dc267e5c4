"""Builders for tests: a site with a home page, and translated pages under it."""

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from core.models import HomePage, StandardPage


def root_page() -> Page:
    # Transactional tests flush the tables, taking the root node and locale Wagtail's
    # migrations made.
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant("es"))
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", title_es="Root"))
    return root


def build_site(**fields) -> HomePage:
    """A published home page at the root of the default site (replacing Wagtail's placeholder)."""
    values = {
        "title_es": "Inicio de prueba",
        "title_en": "Test home",
        "title_nah": "Caltenco",
        "slug_es": "inicio-prueba",
        "slug_en": "test-home",
        "slug_nah": "caltenco-prueba",
        "intro_es": "Introducción en español.",
        "intro_en": "Introduction in English.",
        "intro_nah": "Niltze.",
    }
    values.update(fields)
    home = HomePage(**values)
    root_page().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    previous = site.root_page if site.pk else None
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.save()
    if previous is not None and previous.pk != home.pk:
        previous.delete()
    return home


def add_standard_page(parent: Page, **fields) -> StandardPage:
    page = StandardPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_catalog(home: HomePage):
    from heritage.models import CatalogIndexPage

    page = CatalogIndexPage(
        title_es="Catálogo", title_en="Catalog", slug_es="catalogo", slug_en="catalog"
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_case(code: str = "CASE-2021-001", *, publish: bool = True, **fields):
    from heritage.models import Country, RecoveryCase, RecoveryMethod

    values = {
        "title_es": f"Caso {code}",
        "title_en": f"Case {code}",
        "method": RecoveryMethod.objects.get(code="seizure"),
        "country": Country.objects.get(code="us"),
        "city": "Houston",
        "live": publish,
    }
    values.update(fields)
    case = RecoveryCase(code=code, **values)
    case.save()
    revision = case.save_revision()
    if publish:
        revision.publish()
    return case


def make_piece(
    catalog_number: str, *, publish: bool = True, upkeep: bool = True, events=(), images=(),
    **fields,
):  # fmt: skip
    """A piece (published unless told), with optional provenance events and images; then its
    commit hooks run, as after a real request: the search upkeep writes its index rows (the
    database engine reads them like any index). `upkeep=False`: they never run (an index that
    missed the piece)."""
    from django.test import TestCase

    if not upkeep:
        return _make_piece(catalog_number, publish=publish, events=events, images=images, **fields)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return _make_piece(catalog_number, publish=publish, events=events, images=images,
                           **fields)  # fmt: skip


def _make_piece(catalog_number: str, *, publish: bool, events, images, **fields):
    from heritage.models import Culture, Period, Piece, ProvenanceEvent

    values = {
        "title_es": f"Pieza {catalog_number}",
        "title_en": f"Piece {catalog_number}",
        "culture": Culture.objects.get(code="maya"),
        "period": Period.objects.get(code="clasico-tardio"),
        "date_start": 600,
        "date_end": 900,
        "live": publish,
    }
    values.update(fields)
    piece = Piece(catalog_number=catalog_number, **values)
    piece.provenance_events = [
        event if isinstance(event, ProvenanceEvent) else ProvenanceEvent(**event)
        for event in events
    ]
    piece.images = list(images)
    piece.save()
    revision = piece.save_revision()
    if publish:
        revision.publish()
    return piece


def publish_change(page, **fields):
    """Set `fields` on a page (a piece, a case) and publish it, as an editor saving it does."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def make_image(title: str = "Imagen de prueba"):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:  # a transactional test flushed Wagtail's own
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#7a1f12").save(buffer, format="PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="test.png"))


def build_catalog_roles():
    """Editors and Moderators with catalog permissions and the moderation workflow — what the
    migrations set up, rebuilt here because transactional tests flush the tables."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    from heritage.roles import WORKFLOW_NAME, ensure_catalog_roles

    access_admin = Permission.objects.get(codename="access_admin")
    for name in ("Editors", "Moderators"):
        Group.objects.get_or_create(name=name)[0].permissions.add(access_admin)
    if not Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        task = GroupApprovalTask.objects.create(name="Moderators approval", active=True)
        task.groups.set([Group.objects.get(name="Moderators")])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    ensure_catalog_roles()


def admin_form_data(response) -> dict[str, object]:
    """What a browser submits from an admin editor form as it opens (the add or edit view's
    response): its fields with their initial values, selects on their first option, formsets'
    management forms, and an empty stream for each StreamField (drawn by JavaScript); nothing
    from a <template> (the browser submits none of it)."""
    from bs4 import BeautifulSoup
    from wagtail.blocks.base import BlockWidget

    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.find("form", attrs={"data-edit-form": True}) or soup.find("form", method="post")
    data: dict[str, object] = {}
    texts: dict[str, list[str]] = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("disabled") is not None or field.find_parent("template"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.get("selected") is not None]
            if not chosen and field.get("multiple") is None:
                chosen = options[:1]  # a single select posts its first option
            data[name] = [option.get("value", option.text) for option in chosen]
        elif field.get("type") in ("checkbox", "radio"):
            if field.get("checked") is not None:
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "image"):
            texts.setdefault(name, []).append(field.get("value", ""))
    # Inputs that share a name (a row each) post every value, as a browser does.
    data.update({name: values[0] if len(values) == 1 else values for name, values in texts.items()})
    for name, bound in response.context["form"].fields.items():
        if isinstance(bound.widget, BlockWidget):
            data.setdefault(f"{name}-count", "0")
    data.pop("action-publish", None)
    return data
