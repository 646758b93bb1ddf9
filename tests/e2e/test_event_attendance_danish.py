"""In Danish on a phone: a coordinator marks who came to a workshop, one tap per person."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from e2e.journey import log_in
from e2e.support import LiveServer, NewPage, assert_fits, checkpoint
from event_data import event_data
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events.models import Registration, RegistrationState
from mentornet.modules.events.operations import create_event, register

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@denmark.example"
PASSWORD = "a long and private password"
PEOPLE = ("sara.events@example.org", "maja.events@example.org")
TITLE = "Jobsamtalen: øv dig med en mentor"


def test_a_coordinator_marks_attendance_in_danish_on_a_phone(
    new_page: NewPage, live_server: LiveServer
) -> None:
    for email, name in zip(PEOPLE, ("Sara", "Maja"), strict=True):
        live_server.add_approved_profile(
            "denmark", "mentee", email=email, password=PASSWORD, name=name
        )
    with live_server.tenant("denmark") as (session, tenant):
        coordinator = session.scalar(sa.select(User).where(User.email == COORDINATOR))
        assert coordinator is not None
        starts = utcnow().replace(microsecond=0) + timedelta(days=2)
        event = create_event(
            session,
            tenant,
            event_data(
                title={"da": TITLE, "en": "The job interview"},
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
            ),
            actor=coordinator,
        )
        for email in PEOPLE:
            member = session.scalar(sa.select(User).where(User.email == email))
            assert member is not None
            register(session, tenant, event, member)
        session.commit()
        event_id = event.id

    staff = new_page(locale="da-DK")
    log_in(staff, "denmark", COORDINATOR, live_server.app.config["DEMO_PASSWORD"])
    staff.goto(f"/denmark/staff/events/{event_id}")
    expect(staff.locator("html")).to_have_attribute("lang", "da")
    expect(staff.locator("main h1")).to_have_text(TITLE)
    assert_fits(staff)
    checkpoint(staff, "danish-attendance-before")
    rows = staff.locator("main .data-list li")
    expect(rows).to_have_count(2)
    rows.filter(has_text="Sara").get_by_role("button", name="Kom", exact=True).click()
    rows = staff.locator("main .data-list li")
    rows.filter(has_text="Maja").get_by_role("button", name="Kom ikke", exact=True).click()
    sara = staff.locator("main .data-list li").filter(has_text="Sara")
    expect(sara.get_by_role("button", name="Kom", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_fits(staff)
    checkpoint(staff, "danish-attendance-marked")
    with live_server.tenant("denmark") as (session, _):
        states = dict(
            session.execute(
                sa.select(User.name, Registration.state)
                .join(User, User.id == Registration.user_id)
                .where(Registration.event_id == event_id)
            ).all()
        )
    assert states == {"Sara": RegistrationState.ATTENDED, "Maja": RegistrationState.NO_SHOW}
