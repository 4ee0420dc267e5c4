"""What the browser tests share: the accounts' password, logging in to the admin, and the
catalog a flushed database lost (browser tests run in transactions that end in a flush)."""

from playwright.sync_api import Page, expect

PASSWORD = "a-long-test-password"


def admin_log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{base_url}/admin/")


def catalog_site():
    """The home page and the catalog page (the vocabularies: tests/conftest.py)."""
    from tests.utils import build_catalog, build_site

    return build_catalog(build_site())


def curator():
    """A superuser, `curadora`, with the shared password."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("curadora", "curadora@example.org", PASSWORD)


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
