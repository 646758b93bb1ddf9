"""The Iceland network on a 390 px phone: its public pages and the coordinator's console in
Icelandic (long compound words included), none wider than the screen (checkpoint measures it)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.journey import DEMO_PASSWORD, log_in
from e2e.support import NewPage, checkpoint

pytestmark = pytest.mark.browser


def test_the_iceland_network_speaks_icelandic_and_fits_a_phone(new_page: NewPage) -> None:
    visitor = new_page(locale="is-IS")
    for path, text in (
        ("/iceland/", "Leiðsagnarnet kvenna"),
        ("/iceland/apply/mentee", "Hve mörg ár hefur þú búið á Íslandi?"),
        ("/iceland/apply/mentor", "Hvers vegna viltu verða leiðbeinandi"),
        ("/iceland/login", "Lykilorð"),
    ):
        response = visitor.goto(path)
        assert response is not None and response.status == 200, path
        expect(visitor.locator("html")).to_have_attribute("lang", "is")
        expect(visitor.locator("main")).to_contain_text(text)
        checkpoint(visitor, f"iceland{path.replace('/', '-')}")
    coordinator = new_page(locale="is-IS")
    log_in(coordinator, "iceland", "coordinator@iceland.example", DEMO_PASSWORD)
    for path in ("/iceland/staff/", "/iceland/staff/applicants", "/iceland/staff/mentorships"):
        response = coordinator.goto(path)
        assert response is not None and response.status == 200, path
        expect(coordinator.locator("html")).to_have_attribute("lang", "is")
        checkpoint(coordinator, f"coordinator{path.replace('/', '-')}")
