"""The events figures of the staff dashboard: per kind and year, computed in SQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import Flask

from event_data import EventFactory, staff_member
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations
from mentornet.modules.events.models import Event, EventKind
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.modules.reports.operations import event_figures
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, coordinator_client

WHEN = datetime(2031, 3, 10, 17, 0, tzinfo=UTC)


def held(app: Flask, event: Event, marks: dict[str, bool | None], tenant: str = "denmark") -> None:
    """Sign them up before the event, then mark who came (None: not marked)."""
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        stored = session.get(Event, event.id)
        assert stored is not None
        for email, came in marks.items():
            user = session.scalar(sa.select(User).where(User.email == email))
            assert user is not None
            registration = operations.register(
                session, row, stored, user, now=stored.starts_at - timedelta(days=1)
            )
            if came is not None:
                operations.mark_attendance(
                    session, row, registration, attended=came, actor=staff_member(session, tenant)
                )
        session.commit()


def test_events_held_registrations_rates_and_people_reached(
    app: Flask,
    make_event: EventFactory,
    make_profile: ProfileFactory,
    make_user: UserFactory,
) -> None:
    make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="mentee@x.org")
    make_profile("denmark", "mentor", ProfileStatus.APPROVED, email="mentor@x.org")
    make_user("denmark", email="plain@x.org")
    make_user("morocco", email="moroccan@x.org")
    times = {"starts_at": WHEN, "ends_at": WHEN + timedelta(hours=2)}
    first = make_event(**times)
    second = make_event(
        starts_at=WHEN + timedelta(days=30), ends_at=WHEN + timedelta(days=30, hours=2)
    )
    social = make_event(kind=EventKind.SOCIAL, **times)
    make_event(starts_at=WHEN + timedelta(days=400), ends_at=WHEN + timedelta(days=400, hours=1))
    moroccan = make_event("morocco", title={"ar": "ورشة", "fr": "Atelier"}, **times)
    held(app, first, {"mentee@x.org": True, "mentor@x.org": False, "plain@x.org": True})
    held(app, second, {"mentee@x.org": True, "plain@x.org": None})
    held(app, social, {"mentor@x.org": True})
    held(app, moroccan, {"moroccan@x.org": True}, "morocco")
    after = WHEN + timedelta(days=60)
    with app.app_context(), tenant_session("denmark") as (session, _):
        rows = {(r.kind, r.year): r for r in event_figures(session, now=after)}
    assert set(rows) == {(EventKind.WORKSHOP, 2031), (EventKind.SOCIAL, 2031)}
    workshops = rows[(EventKind.WORKSHOP, 2031)]
    assert (workshops.held, workshops.registrations) == (2, 5)
    assert (workshops.attended, workshops.no_shows) == (3, 1)
    assert workshops.attendance_rate == 0.75 and workshops.no_show_rate == 0.25
    assert (workshops.reached, workshops.mentees_reached, workshops.mentors_reached) == (2, 1, 0)
    social_row = rows[(EventKind.SOCIAL, 2031)]
    assert (social_row.held, social_row.reached, social_row.mentors_reached) == (1, 1, 1)
    with app.app_context(), tenant_session("morocco") as (session, _):
        (moroccan_row,) = event_figures(session, now=after)
    assert (moroccan_row.held, moroccan_row.reached) == (1, 1)


def test_a_cancelled_or_coming_event_is_not_held_and_the_dashboard_shows_the_table(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    app.config["DASHBOARD_MAX_AGE_SECONDS"] = 0  # each view computes the figures afresh
    event = make_event()
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, row):
        stored = session.get(Event, event.id)
        assert stored is not None
        operations.cancel_event(session, row, stored, actor=staff_member(session, "denmark"))
        session.commit()
        assert event_figures(session, now=WHEN + timedelta(days=3650)) == []
    coordinator = coordinator_client(app, make_user)
    page = coordinator.get("/denmark/staff/?lang=en")
    assert page.status_code == 200 and "Events held" not in page.get_data(as_text=True)
    last_week = utcnow().replace(microsecond=0) - timedelta(days=7)
    past = make_event(starts_at=last_week, ends_at=last_week + timedelta(hours=2))
    make_user("denmark", email="plain@x.org")
    held(app, past, {"plain@x.org": True})
    shown = coordinator.get("/denmark/staff/?lang=en").get_data(as_text=True)
    assert "Events held" in shown and "100%" in shown
