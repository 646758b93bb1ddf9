"""The reminder the day before (`mentornet events remind`), through the operation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

import pytest
import sqlalchemy as sa
from click.testing import Result
from flask import Flask
from sqlalchemy.orm import Session

from event_data import EventFactory, event_data, staff_member
from mentornet.cli import main
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations
from mentornet.modules.events.models import Event, Registration
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory

T = TypeVar("T")


def act(app: Flask, tenant: str, work: Callable[[Session, Tenant], T]) -> T:
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        result = work(session, row)
        session.commit()
        return result


def register(app: Flask, event: Event, user: User, tenant: str = "denmark") -> None:
    def work(session: Session, row: Tenant) -> None:
        member, stored = session.get(User, user.id), session.get(Event, event.id)
        assert member is not None and stored is not None
        operations.register(session, row, stored, member)

    act(app, tenant, work)


def cancel(app: Flask, event: Event, user: User) -> None:
    def work(session: Session, row: Tenant) -> None:
        member, stored = session.get(User, user.id), session.get(Event, event.id)
        assert member is not None and stored is not None
        registration = operations.registration_of(session, stored, member)
        assert registration is not None
        operations.cancel_registration(session, row, registration, actor=member)

    act(app, "denmark", work)


def messages(app: Flask, kind: str, tenant: str = "denmark") -> list[OutboxMessage]:
    def work(session: Session, _row: Tenant) -> list[OutboxMessage]:
        found = list(session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)))
        for message in found:
            session.expunge(message)
        return found

    return act(app, tenant, work)


def members(make_user: UserFactory, count: int) -> list[User]:
    return [make_user("denmark", email=f"member{i}@denmark.test") for i in range(count)]


def remind(app: Flask, tenant: str = "denmark", hours: float = 0) -> int:
    now = utcnow() + timedelta(hours=hours)
    return act(app, tenant, lambda session, row: operations.send_reminders(session, row, now=now))


def tomorrow(hours: float = 30) -> dict[str, object]:
    starts = utcnow().replace(microsecond=0) + timedelta(hours=hours)
    return {"starts_at": starts, "ends_at": starts + timedelta(hours=2)}


def test_people_with_a_place_are_reminded_once_in_their_language(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=2, **tomorrow())
    later = make_event(**tomorrow(hours=60))
    danish = make_user("denmark", email="dansk@denmark.test", locale="da")
    english = make_user("denmark", email="english@denmark.test", locale="en")
    waiting = make_user("denmark", email="waiting@denmark.test")
    for person in (danish, english, waiting):
        register(app, event, person)
    register(app, later, danish)
    assert remind(app) == 2
    sent = {m.recipient: m for m in messages(app, "event_reminder")}
    assert set(sent) == {danish.email, english.email}
    assert sent[danish.email].subject == "I morgen: Netværk"
    assert sent[english.email].subject == "Tomorrow: Networking"
    assert "Library, room 2" in sent[english.email].body
    assert remind(app) == 0, "once per registration"
    # The later event comes into the window half a day on.
    assert remind(app, hours=30) == 1
    assert len(messages(app, "event_reminder")) == 3


def test_cancelled_events_and_places_given_up_get_no_reminder(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(**tomorrow())
    called_off = make_event(**tomorrow())
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, called_off, second)
    cancel(app, event, first)

    def call_off(session: Session, row: Tenant) -> None:
        stored = session.get(Event, called_off.id)
        assert stored is not None
        operations.cancel_event(session, row, stored, actor=staff_member(session, "denmark"))

    act(app, "denmark", call_off)
    assert remind(app) == 0
    assert messages(app, "event_reminder") == []


def test_a_moved_event_is_reminded_again_before_its_new_date(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(**tomorrow())
    (person,) = members(make_user, 1)
    register(app, event, person)
    assert remind(app) == 1

    def move(session: Session, row: Tenant) -> None:
        data = event_data(**tomorrow(hours=30 + 24 * 7))
        operations.update_event(session, row, event, data, actor=staff_member(session, "denmark"))

    act(app, "denmark", move)
    assert remind(app) == 0
    assert remind(app, hours=24 * 7) == 1


def test_each_network_reminds_only_its_own_people(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    danish = make_event(**tomorrow())
    moroccan = make_event("morocco", **tomorrow())
    register(app, danish, make_user("denmark", email="a@denmark.test"))
    register(app, moroccan, make_user("morocco", email="b@morocco.test"), tenant="morocco")
    assert remind(app, "morocco") == 1
    assert [m.recipient for m in messages(app, "event_reminder", "morocco")] == ["b@morocco.test"]
    assert messages(app, "event_reminder") == []

    def reminded(session: Session, _row: Tenant) -> list[object]:
        return list(session.scalars(sa.select(Registration.reminded_at)))

    assert act(app, "denmark", reminded) == [None]


def test_the_command_runs_every_network(
    app: Flask,
    make_event: EventFactory,
    make_user: UserFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event = make_event(**tomorrow())
    register(app, event, make_user("denmark", email="a@denmark.test"))
    # FlaskGroup sets this for app.run(); put the environment back afterwards.
    monkeypatch.delenv("FLASK_RUN_FROM_CLI", raising=False)
    result: Result = app.test_cli_runner().invoke(main, ["events", "remind"])
    assert result.exit_code == 0, result.output
    assert "denmark: 0 offers expired, 1 event reminders" in result.output
    assert "morocco: 0 offers expired, 0 event reminders" in result.output
    assert [m.recipient for m in messages(app, "event_reminder")] == ["a@denmark.test"]
