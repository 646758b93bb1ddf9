"""Places, the waiting list, cancellations and attendance, through the real operations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from event_data import EventFactory, event_data, staff_member
from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events import operations
from mentornet.modules.events.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationState,
)
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.outbox.operations import to_email
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory

T = TypeVar("T")
R = RegistrationState


def act(app: Flask, tenant: str, work: Callable[[Session, Tenant], T]) -> T:
    """Run one unit of work in the network, committed like a request."""
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        result = work(session, row)
        session.commit()
        return result


def register(app: Flask, event: Event, user: User, tenant: str = "denmark", **kw: Any) -> R:
    def work(session: Session, row: Tenant) -> R:
        member = session.get(User, user.id)
        assert member is not None
        return operations.register(session, row, event, member, **kw).state

    return act(app, tenant, work)


def states(app: Flask, event: Event, tenant: str = "denmark") -> list[tuple[int, R]]:
    def work(session: Session, _row: Tenant) -> list[tuple[int, R]]:
        return [(r.user_id, r.state) for r in operations.queue(session, event)]

    return act(app, tenant, work)


def cancel(app: Flask, event: Event, user: User, tenant: str = "denmark", **kw: Any) -> None:
    def work(session: Session, row: Tenant) -> None:
        member = session.get(User, user.id)
        assert member is not None
        registration = operations.registration_of(session, event, member)
        assert registration is not None
        operations.cancel_registration(session, row, registration, actor=member, **kw)

    act(app, tenant, work)


def messages(app: Flask, kind: str, tenant: str = "denmark") -> list[OutboxMessage]:
    def work(session: Session, _row: Tenant) -> list[OutboxMessage]:
        found = list(session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)))
        for message in found:
            session.expunge(message)
        return found

    return act(app, tenant, work)


def members(make_user: UserFactory, count: int, tenant: str = "denmark") -> list[User]:
    return [make_user(tenant, email=f"member{i}@{tenant}.test") for i in range(count)]


def test_places_go_in_arrival_order_then_the_waiting_list(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=2)
    people = members(make_user, 3)
    assert [register(app, event, p) for p in people] == [R.REGISTERED, R.REGISTERED, R.WAITLISTED]
    assert states(app, event) == [
        (people[0].id, R.REGISTERED),
        (people[1].id, R.REGISTERED),
        (people[2].id, R.WAITLISTED),
    ]
    assert len(messages(app, "event_registered")) == 2
    assert len(messages(app, "event_waitlisted")) == 1


def test_a_second_registration_is_refused_and_changes_nothing(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event()
    (person,) = members(make_user, 1)
    register(app, event, person)
    with pytest.raises(DomainError) as refused:
        register(app, event, person)
    assert refused.value.field == "event"
    assert states(app, event) == [(person.id, R.REGISTERED)]
    assert len(messages(app, "event_registered")) == 1


def test_the_database_holds_one_row_per_person_and_event(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event()
    (person,) = members(make_user, 1)
    register(app, event, person)
    with app.app_context(), tenant_session("denmark") as (session, _):
        session.add(Registration(event_id=event.id, user_id=person.id, state=R.REGISTERED))
        with pytest.raises(sa.exc.IntegrityError):
            session.flush()


def test_an_event_for_approved_mentees_is_not_open_to_a_mentor_or_an_applicant(
    app: Flask, make_event: EventFactory, make_profile: ProfileFactory
) -> None:
    event = make_event(audience=Audience.MENTEES)
    mentee = make_profile("denmark", "mentee", status=ProfileStatus.APPROVED, email="e@x.org")
    mentor = make_profile("denmark", "mentor", status=ProfileStatus.APPROVED, email="m@x.org")
    applicant = make_profile("denmark", "mentee", email="a@x.org")
    for outsider in (mentor, applicant):
        with pytest.raises(DomainError) as refused:
            register(app, event, _user_of(app, outsider))
        assert refused.value.field == "audience"
    assert register(app, event, _user_of(app, mentee)) is R.REGISTERED
    assert [state for _, state in states(app, event)] == [R.REGISTERED]


def test_registration_is_refused_before_it_opens_and_after_it_closes(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    now = utcnow()
    event = make_event(
        registration_opens_at=now + timedelta(days=1),
        registration_closes_at=now + timedelta(days=3),
    )
    (person,) = members(make_user, 1)
    with pytest.raises(DomainError) as early:
        register(app, event, person)
    assert early.value.field == "registration_opens_at"
    with pytest.raises(DomainError) as late:
        register(app, event, person, now=now + timedelta(days=4))
    assert late.value.field == "registration_closes_at"
    assert register(app, event, person, now=now + timedelta(days=2)) is R.REGISTERED


def test_a_place_given_up_goes_at_once_to_the_first_person_waiting(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=1)
    first, second, third = members(make_user, 3)
    for person in (first, second, third):
        register(app, event, person)
    cancel(app, event, first)
    assert states(app, event) == [
        (first.id, R.CANCELLED),
        (second.id, R.REGISTERED),
        (third.id, R.WAITLISTED),
    ]
    (given,) = messages(app, "event_place_given")
    assert given.recipient == second.email
    assert "METHOD:REQUEST" in given.attachments[0]["content"]
    (withdrawn,) = messages(app, "event_registration_cancelled")
    assert withdrawn.recipient == first.email
    assert "METHOD:CANCEL" in withdrawn.attachments[0]["content"]


def test_leaving_the_waiting_list_gives_nobody_a_place(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=1)
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, event, second)
    cancel(app, event, second)
    assert states(app, event) == [(first.id, R.REGISTERED), (second.id, R.CANCELLED)]


def test_no_cancelling_after_the_deadline(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    now = utcnow()
    event = make_event(capacity=1, cancellation_deadline=now + timedelta(days=1))
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, event, second)
    with pytest.raises(DomainError) as refused:
        cancel(app, event, first, now=now + timedelta(days=2))
    assert refused.value.field == "cancellation_deadline"
    assert states(app, event) == [(first.id, R.REGISTERED), (second.id, R.WAITLISTED)]
    assert messages(app, "event_registration_cancelled") == []


def test_no_place_is_passed_on_after_registration_closed(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    now = utcnow()
    event = make_event(capacity=1, registration_closes_at=now + timedelta(days=1))
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, event, second)
    cancel(app, event, first, now=now + timedelta(days=2))
    assert states(app, event) == [(first.id, R.CANCELLED), (second.id, R.WAITLISTED)]
    assert messages(app, "event_place_given") == []


def test_nothing_can_be_cancelled_once_the_event_started(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event()
    (person,) = members(make_user, 1)
    register(app, event, person)
    with pytest.raises(DomainError) as refused:
        cancel(app, event, person, now=event.starts_at + timedelta(minutes=1))
    assert refused.value.field == "starts_at"
    assert states(app, event) == [(person.id, R.REGISTERED)]


def test_times_that_do_not_fit_together_are_refused_by_field(
    app: Flask, make_event: EventFactory
) -> None:
    make_event()  # the coordinator
    starts = utcnow() + timedelta(days=7)
    wrong: dict[str, dict[str, Any]] = {
        "ends_at": {"ends_at": starts - timedelta(hours=1)},
        "registration_closes_at": {"registration_closes_at": starts + timedelta(hours=1)},
        "registration_opens_at": {
            "registration_opens_at": starts - timedelta(days=1),
            "registration_closes_at": starts - timedelta(days=2),
        },
        "cancellation_deadline": {"cancellation_deadline": starts + timedelta(minutes=5)},
        "place": {"place": "", "online_link": ""},
    }
    for field, overrides in wrong.items():
        data = event_data(starts_at=starts, ends_at=starts + timedelta(hours=2)) | overrides
        with pytest.raises(DomainError) as refused:
            act(app, "denmark", _creating(data))
        assert refused.value.field == field
    assert act(app, "denmark", lambda s, _r: s.scalar(sa.select(sa.func.count(Event.id)))) == 1


def test_a_change_raises_the_sequence_and_more_places_go_to_the_waiting_list(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=1)
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, event, second)

    def grow(session: Session, row: Tenant) -> int:
        data = event_data(
            starts_at=event.starts_at, ends_at=event.ends_at, capacity=2, place="Town hall"
        )
        operations.update_event(session, row, event, data, actor=staff_member(session, "denmark"))
        return session.get(Event, event.id).sequence  # type: ignore[union-attr]

    assert act(app, "denmark", grow) == 1
    assert states(app, event) == [(first.id, R.REGISTERED), (second.id, R.REGISTERED)]
    changed = messages(app, "event_changed")
    assert [m.recipient for m in changed] == [first.email, second.email] or {
        m.recipient for m in changed
    } == {first.email, second.email}
    assert all("SEQUENCE:1" in m.attachments[0]["content"] for m in changed)


def test_fewer_places_than_are_taken_is_refused(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=2)
    for person in members(make_user, 2):
        register(app, event, person)

    def shrink(session: Session, row: Tenant) -> None:
        data = event_data(starts_at=event.starts_at, ends_at=event.ends_at, capacity=1)
        operations.update_event(session, row, event, data, actor=staff_member(session, "denmark"))

    with pytest.raises(DomainError) as refused:
        act(app, "denmark", shrink)
    assert refused.value.field == "capacity"
    stored = act(app, "denmark", lambda s, _r: s.get(Event, event.id))
    assert stored is not None
    assert (stored.capacity, stored.sequence) == (2, 0)


def test_cancelling_an_event_tells_everybody_with_a_calendar_cancellation(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=1)
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, event, second)

    def call_off(session: Session, row: Tenant) -> Event:
        operations.cancel_event(session, row, event, actor=staff_member(session, "denmark"))
        return session.get(Event, event.id)  # type: ignore[return-value]

    stored = act(app, "denmark", call_off)
    assert (stored.status, stored.sequence) == (EventStatus.CANCELLED, 1)
    sent = messages(app, "event_cancelled")
    assert {m.recipient for m in sent} == {first.email, second.email}
    for message in sent:
        content = message.attachments[0]["content"]
        assert "METHOD:CANCEL" in content and "SEQUENCE:1" in content
        assert f"UID:event-{event.id}@" in content
    with pytest.raises(DomainError) as refused:
        register(app, event, make_user("denmark", email="late@denmark.test"))
    assert refused.value.field == "status"


def test_the_confirmation_carries_the_invitation_as_an_attachment(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event()
    (person,) = members(make_user, 1)
    register(app, event, person)
    (message,) = messages(app, "event_registered")
    with app.app_context():
        email = to_email(message)
    parts = list(email.iter_attachments())
    assert len(parts) == 1
    assert parts[0].get_content_type() == "text/calendar"
    assert parts[0].get_param("method") == "REQUEST"
    assert parts[0].get_filename() == f"event-{event.id}.ics"
    content = parts[0].get_content()
    assert f"UID:event-{event.id}@" in content and "SEQUENCE:0" in content
    assert "SUMMARY:Netværk" in content  # her language: the network's default, Danish
    assert email["Content-Language"] == "da"
    body = email.get_body(("plain",))
    assert body is not None and "Netværk" in body.get_content()


def test_attending_an_information_meeting_moves_an_applicant_on(
    app: Flask, make_event: EventFactory, make_profile: ProfileFactory
) -> None:
    event = make_event(kind=EventKind.INFORMATION_MEETING, audience=Audience.APPLICANTS)
    applicant = make_profile("denmark", "mentee", email="applicant@x.org")
    user = _user_of(app, applicant)
    register(app, event, user)

    def came(session: Session, row: Tenant) -> None:
        registration = operations.registration_of(session, event, user)
        assert registration is not None
        operations.mark_attendance(
            session, row, registration, attended=True, actor=staff_member(session, "denmark")
        )

    act(app, "denmark", came)
    status = act(app, "denmark", lambda s, _r: s.get(Profile, applicant.id).status)  # type: ignore[union-attr]
    assert status is ProfileStatus.INFO_MEETING
    assert states(app, event) == [(user.id, R.ATTENDED)]


def test_a_waiting_person_cannot_be_marked_as_come(
    app: Flask, make_event: EventFactory, make_user: UserFactory
) -> None:
    event = make_event(capacity=1)
    first, second = members(make_user, 2)
    register(app, event, first)
    register(app, event, second)

    def came(session: Session, row: Tenant) -> None:
        registration = operations.registration_of(session, event, second)
        assert registration is not None
        operations.mark_attendance(
            session, row, registration, attended=True, actor=staff_member(session, "denmark")
        )

    with pytest.raises(DomainError) as refused:
        act(app, "denmark", came)
    assert refused.value.field == "state"
    assert states(app, event)[1] == (second.id, R.WAITLISTED)


def test_another_networks_event_is_not_found(app: Flask, make_event: EventFactory) -> None:
    foreign = make_event("morocco")
    mine = make_event("denmark")
    assert act(app, "denmark", lambda s, _r: operations.get_event(s, foreign.id)) is None
    assert act(app, "denmark", lambda s, _r: operations.get_event(s, mine.id)) is not None


def _creating(data: dict[str, Any]) -> Callable[[Session, Tenant], Event]:
    def work(session: Session, row: Tenant) -> Event:
        return operations.create_event(session, row, data, actor=staff_member(session, "denmark"))

    return work


def _user_of(app: Flask, profile: Profile) -> User:
    def work(session: Session, _row: Tenant) -> User:
        user = session.get(User, profile.user_id)
        assert user is not None
        session.expunge(user)
        return user

    return act(app, "denmark", work)
