"""The one-click cancel link of the confirmation e-mail, and staff moves telling the registered."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from event_data import EventFactory, event_data, staff_member
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations
from mentornet.modules.events.models import Event, Registration, RegistrationState
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, csrf_token

LINK = re.compile(r"https?://\S+/events/cancel\?token=([\w-]+)")


def sign_up(app: Flask, event: Event, email: str, tenant: str = "denmark") -> str:
    """Register her through the operation; the token of the link in her confirmation."""
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        user = session.scalar(sa.select(User).where(User.email == email))
        stored = session.get(Event, event.id)
        assert user is not None and stored is not None
        operations.register(session, row, stored, user)
        session.commit()
        body = session.scalars(
            sa.select(OutboxMessage.body)
            .where(OutboxMessage.recipient == email)
            .order_by(OutboxMessage.id.desc())
        ).first()
    assert body is not None
    match = LINK.search(body)
    assert match, body
    return match.group(1)


def state_of(app: Flask, email: str, tenant: str = "denmark") -> RegistrationState:
    with app.app_context(), tenant_session(tenant) as (session, _):
        state = session.scalar(
            sa.select(Registration.state)
            .join(User, User.id == Registration.user_id)
            .where(User.email == email)
        )
        assert state is not None
        return state


def follow(client: FlaskClient, token: str, tenant: str = "denmark") -> str:
    response = client.get(f"/{tenant}/events/cancel?token={token}")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/{tenant}/events/cancel")
    page = client.get(f"/{tenant}/events/cancel?lang=en")
    assert page.status_code == 200
    return page.get_data(as_text=True)


def test_the_link_asks_first_then_cancels_and_gives_the_place_on(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event(capacity=1)
    make_user("denmark", email="first@denmark.test")
    make_user("denmark", email="second@denmark.test")
    token = sign_up(app, event, "first@denmark.test")
    sign_up(app, event, "second@denmark.test")
    client = app.test_client()  # no login: the link proves her mailbox
    page = follow(client, token)
    assert "Networking" in page and "Give up my place" in page and token not in page
    assert state_of(app, "first@denmark.test") is RegistrationState.REGISTERED
    response = client.post(
        "/denmark/events/cancel?lang=en",
        data={"csrf_token": csrf_token(client, "/denmark/events/cancel")},
    )
    assert response.status_code == 200
    assert state_of(app, "first@denmark.test") is RegistrationState.CANCELLED
    assert state_of(app, "second@denmark.test") is RegistrationState.REGISTERED
    # The link works once.
    again = client.get(f"/denmark/events/cancel?token={token}&lang=en")
    assert again.status_code == 400 and "not valid" in again.get_data(as_text=True)


def test_a_post_without_csrf_or_a_token_changes_nothing(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event()
    make_user("denmark", email="first@denmark.test")
    token = sign_up(app, event, "first@denmark.test")
    client = app.test_client()
    follow(client, token)
    assert client.post("/denmark/events/cancel").status_code == 400
    other = app.test_client()
    assert other.get("/denmark/events/cancel?token=nonsense").status_code == 400
    assert other.get("/denmark/events/cancel").status_code == 400
    assert state_of(app, "first@denmark.test") is RegistrationState.REGISTERED


def test_never_after_the_deadline(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    starts = utcnow().replace(microsecond=0) + timedelta(days=2)
    event = make_event(
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        cancellation_deadline=starts - timedelta(days=1),
    )
    make_user("denmark", email="first@denmark.test")
    token = sign_up(app, event, "first@denmark.test")
    client = app.test_client()
    follow(client, token)
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, row):
        stored = session.get(Event, event.id)
        assert stored is not None
        data = event_data(
            starts_at=stored.starts_at,
            ends_at=stored.ends_at,
            cancellation_deadline=utcnow() - timedelta(minutes=1),
        )
        operations.update_event(session, row, stored, data, actor=staff_member(session, "denmark"))
        session.commit()
    page = client.get("/denmark/events/cancel?lang=en").get_data(as_text=True)
    assert "deadline for cancelling has passed" in page and "Give up my place" not in page
    # A form kept open in another tab: the POST is refused all the same.
    response = client.post(
        "/denmark/events/cancel?lang=en",
        data={"csrf_token": csrf_token(client, "/denmark/login")},
    )
    assert response.status_code == 303
    assert state_of(app, "first@denmark.test") is RegistrationState.REGISTERED


def test_another_networks_token_is_unknown(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event("morocco", title={"ar": "ورشة", "fr": "Atelier"})
    make_user("morocco", email="m@morocco.test")
    token = sign_up(app, event, "m@morocco.test", "morocco")
    client = app.test_client()
    assert client.get(f"/denmark/events/cancel?token={token}").status_code == 400
    page = follow(client, token, "morocco")
    assert "Atelier" in page or "ورشة" in page
    assert state_of(app, "m@morocco.test", "morocco") is RegistrationState.REGISTERED


def test_moving_an_event_sends_the_registered_the_same_uid_with_a_higher_sequence(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event()
    make_user("denmark", email="first@denmark.test", locale="da")
    sign_up(app, event, "first@denmark.test")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, row):
        stored = session.get(Event, event.id)
        assert stored is not None
        later = stored.starts_at + timedelta(days=1)
        data = event_data(starts_at=later, ends_at=later + timedelta(hours=2))
        operations.update_event(session, row, stored, data, actor=staff_member(session, "denmark"))
        session.commit()
        (changed,) = session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "event_changed")
        )
        (first,) = session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "event_registered")
        )
    uid = f"UID:event-{event.id}@"
    assert uid in changed.attachments[0]["content"] and uid in first.attachments[0]["content"]
    assert "SEQUENCE:1" in changed.attachments[0]["content"]
    assert "SEQUENCE:0" in first.attachments[0]["content"]
    assert changed.locale == "da"
