"""`mentornet demo` gives each network coming events with sign-ups and a waiting list."""

from __future__ import annotations

import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask

from mentornet.modules.accounts.models import User
from mentornet.modules.demo.cli import demo
from mentornet.modules.events.models import HOLDS_PLACE, Event, Registration, RegistrationState
from mentornet.modules.tenants.operations import tenant_session

from helpers import login


def test_demo_events_have_places_a_waiting_list_and_pages_that_render(app: Flask) -> None:
    with app.app_context():
        result = CliRunner().invoke(
            demo, ["--members", "120", "--tenant", "denmark", "--seed", "3"]
        )
    assert result.exit_code == 0, result.output
    with app.app_context(), tenant_session("denmark") as (session, _):
        events = list(session.scalars(sa.select(Event).order_by(Event.starts_at)))
        assert len(events) == 3
        for event in events:
            states = list(
                session.scalars(
                    sa.select(Registration.state).where(Registration.event_id == event.id)
                )
            )
            assert sum(state in HOLDS_PLACE for state in states) <= event.capacity
        waiting = session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .where(Registration.state == RegistrationState.WAITLISTED)
        )
        assert waiting and waiting > 0
        mentee = session.scalar(
            sa.select(Registration.state)
            .join(User, User.id == Registration.user_id)
            .where(User.email == "mentee@denmark.example")
        )
        assert mentee is RegistrationState.REGISTERED
        ids = [event.id for event in events]
    password = app.config["DEMO_PASSWORD"]
    staff = app.test_client()
    login(staff, "denmark", "coordinator@denmark.example", password)
    assert staff.get("/denmark/staff/events").status_code == 200
    for event_id in ids:
        assert staff.get(f"/denmark/staff/events/{event_id}").status_code == 200
    member = app.test_client()
    login(member, "denmark", "mentee@denmark.example", password)
    assert member.get("/denmark/me/events").status_code == 200
