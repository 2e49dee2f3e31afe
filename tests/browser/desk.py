"""Helpers shared by the browser tests."""

import re

from playwright.sync_api import expect


def log_in(page, live_server, username: str) -> None:
    """Log in through the login page as a user made by `user_with_role` (pw-<name>-1)."""
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}-1")
    page.click("button[type=submit]")
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()
