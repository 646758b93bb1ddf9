"""Events in Arabic on a phone: the coordinator plans a workshop, a member signs up, and the
coordinator ticks her as come with one tap; every page fits 390 px, right to left."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from e2e.journey import log_in
from e2e.support import LiveServer, NewPage, checkpoint
from mentornet.modules.events.models import Registration, RegistrationState

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@morocco.example"
MEMBER = "khadija.events@example.org"
PASSWORD = "a long and private password"
TITLE = "ورشة التمويل الصغير"


def assert_right_to_left(page: Page) -> None:
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_a_workshop_is_planned_joined_and_attended_in_arabic(
    new_page: NewPage, live_server: LiveServer
) -> None:
    live_server.add_approved_profile(
        "morocco", "mentee", email=MEMBER, password=PASSWORD, name="خديجة"
    )
    staff = new_page(locale="ar-MA")
    log_in(staff, "morocco", COORDINATOR, live_server.app.config["DEMO_PASSWORD"])
    staff.goto("/morocco/staff/events/new")
    assert_right_to_left(staff)
    staff.locator("#field-kind").select_option("workshop")
    staff.locator("#field-audience").select_option("mentees")
    staff.locator("#field-title_text_ar").fill(TITLE)
    staff.locator("#field-title_text_fr").fill("Atelier microcrédit")
    staff.locator("#field-starts_at").fill("2030-05-04T10:00")
    staff.locator("#field-ends_at").fill("2030-05-04T12:00")
    staff.locator("#field-place").fill("دار الجمعيات، الرباط")
    staff.locator("#field-capacity").fill("15")
    checkpoint(staff, "event-form")
    staff.locator("main form.form button[type=submit]").click()
    expect(staff.locator("main h1")).to_have_text(TITLE)
    checkpoint(staff, "event-page")

    member = new_page(locale="ar-MA")
    log_in(member, "morocco", MEMBER, PASSWORD)
    member.goto("/morocco/me/events")
    assert_right_to_left(member)
    expect(member.locator("main")).not_to_contain_text("دار الجمعيات")
    checkpoint(member, "events-to-join")
    member.locator("main .card form button[type=submit]").first.click()
    expect(member.locator("main")).to_contain_text("دار الجمعيات")
    checkpoint(member, "signed-up")

    staff.reload()
    staff.locator("main .data-list form button[type=submit]").first.click()
    checkpoint(staff, "marked-as-come")
    with live_server.tenant("morocco") as (session, _):
        state = session.scalar(sa.select(Registration.state))
    assert state is RegistrationState.ATTENDED
