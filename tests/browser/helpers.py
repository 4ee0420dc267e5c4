"""What the browser tests share: the accounts' password and logging in to the admin."""

from playwright.sync_api import Page, expect

PASSWORD = "a-long-test-password"


def admin_log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{base_url}/admin/")
