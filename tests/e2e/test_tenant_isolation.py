"""Signed in to the Danish network, a browser is a stranger to the Moroccan one."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import LiveServer, NewPage, checkpoint

pytestmark = pytest.mark.browser

MEMBER_EMAIL = "fatima.isolation@example.org"
MEMBER_NAME = "Fatima Nørgaard"
PASSWORD = "a long and private password"


def assert_sent_to_moroccan_login(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok
    expect(page.locator("#field-password")).to_be_visible()
    landed = urlsplit(page.url)
    assert landed.path == "/morocco/login", page.url
    assert parse_qs(landed.query)["next"] == [path]  # and back here after logging in
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    checkpoint(page, f"login-asked-for-{path}")


def assert_not_found(page: Page, path: str, *, hidden: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 404, path
    expect(page.locator("main")).not_to_contain_text(hidden)
    checkpoint(page, f"not-found-{path}")


def test_a_danish_login_does_not_open_the_moroccan_network(
    new_page: NewPage, live_server: LiveServer
) -> None:
    danish_id = live_server.add_approved_profile(
        "denmark", "mentee", email=MEMBER_EMAIL, password=PASSWORD, name=MEMBER_NAME
    )

    member = new_page()
    log_in(member, "denmark", MEMBER_EMAIL, PASSWORD)
    expect(member.get_by_role("heading", level=1)).to_contain_text(MEMBER_NAME)
    for path in ("/morocco/me/", "/morocco/staff/"):
        assert_sent_to_moroccan_login(member, path)

    staff = new_page()
    log_in(staff, "denmark", "coordinator@denmark.example", DEMO_PASSWORD)
    staff.goto(f"/denmark/staff/applicants/{danish_id}")
    expect(staff.get_by_role("heading", level=1)).to_have_text(MEMBER_NAME)
    for path in ("/morocco/me/", "/morocco/staff/", f"/morocco/staff/applicants/{danish_id}"):
        assert_sent_to_moroccan_login(staff, path)

    # The same browser now also signed in as the Moroccan coordinator: the Danish id is not found.
    log_in(staff, "morocco", "coordinator@morocco.example", DEMO_PASSWORD)
    for path in (
        f"/morocco/staff/applicants/{danish_id}",
        f"/morocco/staff/matching/mentees/{danish_id}",
    ):
        assert_not_found(staff, path, hidden=MEMBER_NAME)
    assert_not_found(staff, "/morocco/staff/applicants/999999", hidden=MEMBER_NAME)
    # Each network keeps its own session: the Danish one still works, for Danish ids only.
    staff.goto(f"/denmark/staff/applicants/{danish_id}")
    expect(staff.get_by_role("heading", level=1)).to_have_text(MEMBER_NAME)
    expect(staff.locator("html")).to_have_attribute("lang", "da")
