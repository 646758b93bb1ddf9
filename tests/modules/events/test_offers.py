"""A freed place offered with time to accept (`events.offer_hours` > 0), and expiring offers."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from event_data import EventFactory
from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations
from mentornet.modules.events.models import Event, Registration, RegistrationState
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import import_tenant, tenant_session
from mentornet.modules.tenants.schemas import TenantPackSchema

from helpers import UserFactory, csrf_token, member_client, post_form

T = TypeVar("T")
R = RegistrationState
OFFER_LINK = re.compile(r"https?://\S+/events/offer\?token=([\w-]+)")


@pytest.fixture
def offers(app: Flask, reference_packs: dict[str, dict[str, Any]]) -> None:
    """Denmark offers freed places for 48 hours; Morocco gives them at once (the default)."""
    with app.app_context():
        import_tenant(
            db.session, {**reference_packs["denmark"], "events": {"offer_hours": 48}}, "t"
        )
        db.session.commit()


def act(app: Flask, tenant: str, work: Callable[[Session, Tenant], T]) -> T:
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        result = work(session, row)
        session.commit()
        return result


def register(app: Flask, event: Event, email: str, tenant: str = "denmark") -> None:
    def work(session: Session, row: Tenant) -> None:
        user = session.scalar(sa.select(User).where(User.email == email))
        stored = session.get(Event, event.id)
        assert user is not None and stored is not None
        operations.register(session, row, stored, user)

    act(app, tenant, work)


def cancel(app: Flask, event: Event, email: str, tenant: str = "denmark") -> None:
    def work(session: Session, row: Tenant) -> None:
        user = session.scalar(sa.select(User).where(User.email == email))
        stored = session.get(Event, event.id)
        assert user is not None and stored is not None
        registration = operations.registration_of(session, stored, user)
        assert registration is not None
        operations.cancel_registration(session, row, registration, actor=user)

    act(app, tenant, work)


def states(app: Flask, tenant: str = "denmark") -> dict[str, R]:
    def work(session: Session, _row: Tenant) -> dict[str, R]:
        rows = session.execute(
            sa.select(User.email, Registration.state).join(User, User.id == Registration.user_id)
        )
        return dict(rows.all())

    return act(app, tenant, work)


def last_body(app: Flask, kind: str, email: str, tenant: str = "denmark") -> str:
    def work(session: Session, _row: Tenant) -> str:
        body = session.scalars(
            sa.select(OutboxMessage.body)
            .where(OutboxMessage.kind == kind, OutboxMessage.recipient == email)
            .order_by(OutboxMessage.id.desc())
        ).first()
        assert body is not None, f"no {kind} for {email}"
        return body

    return act(app, tenant, work)


def expire(app: Flask, hours: float, tenant: str = "denmark") -> int:
    now = utcnow() + timedelta(hours=hours)
    return act(app, tenant, lambda s, row: operations.expire_offers(s, row, now=now))


@pytest.fixture
def full_event(app: Flask, make_user: UserFactory, make_event: EventFactory) -> Event:
    event = make_event(capacity=1)
    for name in ("first", "second", "third"):
        make_user("denmark", email=f"{name}@denmark.test", locale="en")
        register(app, event, f"{name}@denmark.test")
    return event


def test_by_default_a_freed_place_is_given_at_once(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event("morocco", capacity=1, title={"ar": "ورشة", "fr": "Atelier"})
    for name in ("a", "b"):
        make_user("morocco", email=f"{name}@morocco.test")
        register(app, event, f"{name}@morocco.test", "morocco")
    cancel(app, event, "a@morocco.test", "morocco")
    assert states(app, "morocco")["b@morocco.test"] is R.REGISTERED


@pytest.mark.usefixtures("offers")
def test_the_place_is_offered_then_accepted_with_the_e_mailed_link(
    app: Flask, full_event: Event
) -> None:
    cancel(app, full_event, "first@denmark.test")
    assert states(app)["second@denmark.test"] is R.OFFERED
    assert states(app)["third@denmark.test"] is R.WAITLISTED
    body = last_body(app, "event_place_offered", "second@denmark.test")
    match = OFFER_LINK.search(body)
    assert match, body
    client = app.test_client()  # no login: the link proves her mailbox
    assert client.get(f"/denmark/events/offer?token={match.group(1)}").status_code == 303
    page = client.get("/denmark/events/offer?lang=en").get_data(as_text=True)
    assert "Accept the place" in page and "Decline the place" in page
    response = client.post(
        "/denmark/events/offer?lang=en",
        data={"csrf_token": csrf_token(client, "/denmark/events/offer")},
    )
    assert response.status_code == 200
    assert states(app)["second@denmark.test"] is R.REGISTERED
    assert "BEGIN:VCALENDAR" not in body  # the invitation comes with the confirmation
    assert last_body(app, "event_registered", "second@denmark.test")
    assert expire(app, hours=49) == 0


@pytest.mark.usefixtures("offers")
def test_declining_offers_the_place_to_the_next(app: Flask, full_event: Event) -> None:
    cancel(app, full_event, "first@denmark.test")
    match = OFFER_LINK.search(last_body(app, "event_place_offered", "second@denmark.test"))
    assert match
    client = app.test_client()
    client.get(f"/denmark/events/offer?token={match.group(1)}")
    response = client.post(
        "/denmark/events/cancel",
        data={"csrf_token": csrf_token(client, "/denmark/events/offer")},
    )
    assert response.status_code == 200
    assert states(app)["second@denmark.test"] is R.CANCELLED
    assert states(app)["third@denmark.test"] is R.OFFERED


@pytest.mark.usefixtures("offers")
def test_an_offer_not_taken_in_time_goes_to_the_next_one(app: Flask, full_event: Event) -> None:
    cancel(app, full_event, "first@denmark.test")
    assert expire(app, hours=47) == 0
    assert expire(app, hours=48.1) == 1
    assert states(app)["second@denmark.test"] is R.CANCELLED
    assert states(app)["third@denmark.test"] is R.OFFERED
    assert "was not accepted in time" in last_body(
        app, "event_offer_expired", "second@denmark.test"
    )
    # Too late to accept: refused by the offer's field, nothing changes.

    def late(session: Session, row: Tenant) -> None:
        user = session.scalar(sa.select(User).where(User.email == "third@denmark.test"))
        stored = session.get(Event, full_event.id)
        assert user is not None and stored is not None
        registration = operations.registration_of(session, stored, user)
        assert registration is not None
        with pytest.raises(DomainError) as refused:
            operations.accept_offer(session, row, registration, now=utcnow() + timedelta(days=5))
        assert refused.value.field == "offer_expires_at"

    act(app, "denmark", late)
    assert states(app)["third@denmark.test"] is R.OFFERED


@pytest.mark.usefixtures("offers")
def test_she_accepts_on_her_page_and_others_cannot(app: Flask, full_event: Event) -> None:
    cancel(app, full_event, "first@denmark.test")
    third = member_client(app, "denmark", "third@denmark.test")
    refused = post_form(
        third, "/denmark/me/events", {}, action=f"/denmark/me/events/{full_event.id}/accept"
    )
    assert refused.status_code == 303
    assert states(app)["third@denmark.test"] is R.WAITLISTED
    second = member_client(app, "denmark", "second@denmark.test")
    page = second.get("/denmark/me/events?lang=en").get_data(as_text=True)
    assert "offered to you until" in page
    accepted = post_form(
        second, "/denmark/me/events", {}, action=f"/denmark/me/events/{full_event.id}/accept"
    )
    assert accepted.status_code == 303
    assert states(app)["second@denmark.test"] is R.REGISTERED


def test_the_setting_is_refused_out_of_range(reference_packs: dict[str, dict[str, Any]]) -> None:
    errors = TenantPackSchema().validate(
        {**reference_packs["denmark"], "events": {"offer_hours": -1}}
    )
    assert "offer_hours" in errors["events"]
    assert TenantPackSchema().load(reference_packs["denmark"])["events"] == {"offer_hours": 0}
