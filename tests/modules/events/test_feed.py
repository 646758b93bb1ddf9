"""Her private calendar feed: /<slug>/calendar.ics?token=..., made and renewed on her page."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar

from event_data import EventFactory, staff_member
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.operations import deactivate_user
from mentornet.modules.events import personal_data
from mentornet.modules.events.models import CalendarFeed, Event
from mentornet.modules.events.operations import cancel_event, register
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, member_client, post_form

LINK = re.compile(r"https?://[^\s<\"]+/calendar\.ics\?token=([\w-]+)")


def make_link(client: FlaskClient, tenant: str = "denmark") -> str:
    response = post_form(client, f"/{tenant}/me/events", {}, action=f"/{tenant}/me/events/feed")
    assert response.status_code == 200
    match = LINK.search(response.get_data(as_text=True))
    assert match, "the page shows the new link"
    return match.group(1)


def sign_up(app: Flask, event: Event, email: str, tenant: str = "denmark") -> None:
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        user = session.scalar(sa.select(User).where(User.email == email))
        assert user is not None
        stored = session.get(Event, event.id)
        assert stored is not None
        register(session, row, stored, user)
        session.commit()


def test_her_feed_lists_her_events_with_stable_uids_and_cancellations(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    mine = make_event(title={"da": "Netværk", "en": "Networking"})
    cancelled = make_event(title={"da": "Aflyst", "en": "Called off"})
    other = make_event(title={"da": "Ikke min", "en": "Not mine"})
    make_user("denmark", email="member@denmark.test", locale="en")
    make_user("denmark", email="someone@denmark.test")
    for event in (mine, cancelled):
        sign_up(app, event, "member@denmark.test")
    sign_up(app, other, "someone@denmark.test")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, row):
        stored = session.get(Event, cancelled.id)
        assert stored is not None
        cancel_event(session, row, stored, actor=staff_member(session, "denmark"))
        session.commit()
    client = member_client(app, "denmark", "member@denmark.test")
    token = make_link(client)
    anonymous = app.test_client()
    response = anonymous.get(f"/denmark/calendar.ics?token={token}")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    calendar = Calendar.from_ical(response.get_data())
    entries = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(entries) == {
        f"event-{mine.id}@denmark.localhost",
        f"event-{cancelled.id}@denmark.localhost",
    }
    assert str(entries[f"event-{mine.id}@denmark.localhost"]["summary"]) == "Networking"
    assert str(entries[f"event-{mine.id}@denmark.localhost"]["status"]) == "CONFIRMED"
    assert str(entries[f"event-{cancelled.id}@denmark.localhost"]["status"]) == "CANCELLED"
    assert int(entries[f"event-{cancelled.id}@denmark.localhost"]["sequence"]) == 1
    body = response.get_data(as_text=True)
    assert "member@denmark.test" not in body and "Not mine" not in body
    # Fetching the feed changes nothing, and it stays the same link.
    assert anonymous.get(f"/denmark/calendar.ics?token={token}").status_code == 200


def test_renewing_stops_the_old_link_at_once_and_only_the_hash_is_kept(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    make_user("denmark", email="member@denmark.test")
    client = member_client(app, "denmark", "member@denmark.test")
    page = client.get("/denmark/me/events?lang=en").get_data(as_text=True)
    assert "Make my calendar link" in page
    old = make_link(client)
    assert "Make a new calendar link" in client.get("/denmark/me/events?lang=en").get_data(
        as_text=True
    )
    new = make_link(client)
    assert old != new
    anonymous = app.test_client()
    assert anonymous.get(f"/denmark/calendar.ics?token={old}").status_code == 404
    assert anonymous.get(f"/denmark/calendar.ics?token={new}").status_code == 200
    with app.app_context(), tenant_session("denmark") as (session, _):
        (feed,) = session.scalars(sa.select(CalendarFeed))
        assert len(feed.token_hash) == 64 and new not in feed.token_hash


def test_an_unknown_missing_or_foreign_token_is_not_found(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("morocco", email="member@morocco.test")
    moroccan = make_link(member_client(app, "morocco", "member@morocco.test"), "morocco")
    anonymous = app.test_client()
    assert anonymous.get(f"/morocco/calendar.ics?token={moroccan}").status_code == 200
    assert anonymous.get(f"/denmark/calendar.ics?token={moroccan}").status_code == 404
    assert anonymous.get("/denmark/calendar.ics?token=nonsense").status_code == 404
    assert anonymous.get("/denmark/calendar.ics").status_code == 404
    assert anonymous.get("/denmark/calendar.ics?token=").status_code == 404


def test_making_a_link_needs_an_account_and_csrf(app: Flask, make_user: UserFactory) -> None:
    anonymous = app.test_client()
    response = anonymous.post("/denmark/me/events/feed")
    assert response.status_code in (302, 400)
    make_user("denmark", email="member@denmark.test")
    client = member_client(app, "denmark", "member@denmark.test")
    assert client.post("/denmark/me/events/feed").status_code == 400
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 0


def test_a_deactivated_account_s_feed_stops(app: Flask, make_user: UserFactory) -> None:
    from mentornet.modules.accounts.models import User

    make_user("denmark", email="member@denmark.test")
    token = make_link(member_client(app, "denmark", "member@denmark.test"))
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.scalar(sa.select(User).where(User.email == "member@denmark.test"))
        assert user is not None
        deactivate_user(session, user)
        session.commit()
    assert app.test_client().get(f"/denmark/calendar.ics?token={token}").status_code == 404


def test_her_export_shows_the_feed_and_erasure_deletes_it(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="member@denmark.test")
    make_user("morocco", email="member@morocco.test")
    token = make_link(member_client(app, "denmark", "member@denmark.test"))
    make_link(member_client(app, "morocco", "member@morocco.test"), "morocco")
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.scalar(sa.select(User).where(User.email == "member@denmark.test"))
        assert user is not None
        assert len(personal_data.export(session, user)["calendar_feed"]) == 1
        personal_data.erase(session, user)
        session.commit()
    assert app.test_client().get(f"/denmark/calendar.ics?token={token}").status_code == 404
    with app.app_context(), tenant_session("morocco") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(CalendarFeed)) == 1
