"""Creating, changing and cancelling events; holding, passing on and marking places.

Places are held by the database: every operation that gives or frees a place first takes the
event's row lock (SELECT ... FOR UPDATE), then counts the places held. On PostgreSQL concurrent
registrations for one event therefore queue on that lock and each counts what the previous ones
committed, so an event is never over-booked; UNIQUE (event_id, user_id) keeps one row per person.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.audit.operations import record
from mentornet.modules.events import notifications, times
from mentornet.modules.events.audiences import audiences_of
from mentornet.modules.events.models import (
    ACTIVE,
    HOLDS_PLACE,
    Event,
    EventKind,
    EventStatus,
    Registration,
    Repeat,
)
from mentornet.modules.events.models import RegistrationState as R
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.modules.profiles.operations import change_status, profiles_of
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)
FIELDS = (
    "kind",
    "audience",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "place",
    "online_link",
    "languages",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
)
# A change to any of these changes the calendar entry: the registered people get it again.
CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "online_link")


def get_event(session: Session, event_id: int) -> Event | None:
    """The event of the session's network, or None (another network's id is not found)."""
    return session.get(Event, event_id)


def create_event(session: Session, tenant: Tenant, data: dict[str, Any], *, actor: User) -> Event:
    _check(tenant, data)
    event = Event(**{name: data[name] for name in FIELDS}, created_by_id=actor.id)
    session.add(event)
    session.flush()
    record(
        session, actor_id=actor.id, action="create_event", subject_type="event", subject_id=event.id
    )
    log.info("event %s created in tenant %s", event.id, tenant.id)
    return event


def create_series(
    session: Session, tenant: Tenant, data: dict[str, Any], *, actor: User
) -> list[Event]:
    """The event, repeated `occurrences` times weekly or monthly (`repeat`): each date its own
    event, every time moved by the same step on the network's clocks (so 18:30 stays 18:30 across
    a change of summer time). A monthly date that a month lacks (the 31st) is refused."""
    repeat, count = data.get("repeat", Repeat.NONE), data.get("occurrences", 1)
    if repeat is Repeat.NONE and count != 1:
        raise DomainError(_l("Choose how the event repeats."), field="repeat")
    if repeat is not Repeat.NONE and count < 2:
        raise DomainError(_l("A series has at least 2 dates."), field="occurrences")
    _check(tenant, data)
    events = []
    for step in range(count):
        moved = dict(data)
        for name in TIME_FIELDS:
            if data[name] is not None:
                moved[name] = _shifted(tenant, data[name], repeat, step)
        events.append(create_event(session, tenant, moved, actor=actor))
    return events


TIME_FIELDS = (
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
)


def _shifted(tenant: Tenant, moment: datetime, repeat: Repeat, step: int) -> datetime:
    wall = times.local(tenant, moment).replace(tzinfo=None)
    if repeat is Repeat.WEEKLY:
        wall += timedelta(weeks=step)
    elif repeat is Repeat.MONTHLY:
        months = wall.month - 1 + step
        try:
            wall = wall.replace(year=wall.year + months // 12, month=months % 12 + 1)
        except ValueError:
            raise DomainError(
                _l("Not every month has this day; choose a day up to the 28th."),
                field="starts_at",
            ) from None
    return times.to_utc(tenant, wall)


def update_event(
    session: Session, tenant: Tenant, event: Event, data: dict[str, Any], *, actor: User
) -> None:
    """Change an event; its calendar entry's sequence grows, and the registered are told when
    its time or place changed. More places go at once to the waiting list."""
    event = _locked(session, event.id)
    if event.is_cancelled:
        raise DomainError(_l("A cancelled event cannot be changed."), field="status")
    _check(tenant, data)
    held = _places_held(session, event)
    if data["capacity"] < held:
        raise DomainError(
            _l("%(num)s places are already taken; the event needs at least that many.", num=held),
            field="capacity",
        )
    moved = any(getattr(event, name) != data[name] for name in CALENDAR_FIELDS)
    if event.starts_at != data["starts_at"]:
        # A new date: the reminder is due again, before it.
        session.execute(
            sa.update(Registration)
            .where(Registration.event_id == event.id)
            .values(reminded_at=None)
        )
    for name in FIELDS:
        setattr(event, name, data[name])
    event.sequence += 1
    session.flush()
    record(
        session, actor_id=actor.id, action="update_event", subject_type="event", subject_id=event.id
    )
    _fill_places(session, tenant, event, utcnow())
    if moved:
        for user in _people(session, event, HOLDS_PLACE):
            notifications.event_changed(session, tenant, event, user)


def cancel_event(session: Session, tenant: Tenant, event: Event, *, actor: User) -> None:
    """Cancel the event: everybody who held a place or waited is told (with METHOD:CANCEL)."""
    event = _locked(session, event.id)
    if event.is_cancelled:
        raise DomainError(_l("This event is already cancelled."), field="status")
    event.status = EventStatus.CANCELLED
    event.cancelled_at = utcnow()
    event.sequence += 1
    session.flush()
    record(
        session, actor_id=actor.id, action="cancel_event", subject_type="event", subject_id=event.id
    )
    for user in _people(session, event, ACTIVE):
        notifications.event_cancelled(session, tenant, event, user)


def registration_of(session: Session, event: Event, user: User) -> Registration | None:
    return session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.user_id == user.id
        )
    )


def may_join(session: Session, event: Event, user: User) -> bool:
    """Whether the event is for her (its audience among hers)."""
    return event.audience in audiences_of(profiles_of(session, user))


def registration_open(event: Event, now: datetime) -> bool:
    opens = event.registration_opens_at
    closes = event.registration_closes_at or event.starts_at
    return (
        not event.is_cancelled
        and (opens is None or opens <= now)
        and now < closes
        and now < event.starts_at
    )


def register(
    session: Session, tenant: Tenant, event: Event, user: User, *, now: datetime | None = None
) -> Registration:
    """Give her a place if one is free, else a place on the waiting list, in arrival order."""
    event = _locked(session, event.id)
    # Read after the lock: the order in which registrations got it is the waiting list's order.
    now = now or utcnow()
    if not may_join(session, event, user):
        raise DomainError(_l("This event is not open to you."), field="audience")
    _check_open(event, now)
    registration = registration_of(session, event, user)
    if registration is not None and registration.state in ACTIVE:
        raise DomainError(_l("You have already signed up for this event."), field="event")
    state = R.REGISTERED if _places_held(session, event) < event.capacity else R.WAITLISTED
    if registration is None:
        registration = Registration(event_id=event.id, user_id=user.id, state=state)
        session.add(registration)
    registration.state, registration.queued_at, registration.changed_at = state, now, now
    registration.reminded_at = None
    token = _new_cancel_token(registration)
    session.flush()
    log.info("user %s %s for event %s", user.id, state.value, event.id)
    notifications.registration_confirmed(session, tenant, event, user, registration, token)
    return registration


def cancel_registration(
    session: Session,
    tenant: Tenant,
    registration: Registration,
    *,
    actor: User,
    now: datetime | None = None,
) -> None:
    """She gives up her place or her wait. A place given up before the deadline goes at once to
    the first person waiting, while registration is still open."""
    now = now or utcnow()
    event = _locked(session, registration.event_id)
    session.refresh(registration)
    if registration.state not in (R.REGISTERED, R.OFFERED, R.WAITLISTED):
        raise DomainError(_l("There is no registration to cancel."), field="state")
    if now >= event.starts_at:
        raise DomainError(
            _l("The event has started; it can no longer be cancelled."), field="starts_at"
        )
    held = registration.state in HOLDS_PLACE
    deadline = event.cancellation_deadline
    # An offered place may always be declined; a place taken, only until the deadline.
    if registration.state is R.REGISTERED and deadline is not None and now > deadline:
        raise DomainError(
            _l("The deadline for cancelling has passed; please contact the organisers."),
            field="cancellation_deadline",
        )
    registration.state, registration.changed_at = R.CANCELLED, now
    registration.cancel_token_hash = registration.offer_expires_at = None
    session.flush()
    if actor.id != registration.user_id:
        record(
            session,
            actor_id=actor.id,
            action="cancel_registration",
            subject_type="event_registration",
            subject_id=registration.id,
        )
    if held:
        member = session.get(User, registration.user_id)
        if member is not None:
            notifications.registration_cancelled(session, tenant, event, member)
        _fill_places(session, tenant, event, now)


def mark_attendance(
    session: Session, tenant: Tenant, registration: Registration, *, attended: bool, actor: User
) -> None:
    """Staff tick who came. An applicant who came to an information meeting moves on to the
    information-meeting step of her intake, the same change as the applicant page's button."""
    event = _locked(session, registration.event_id)
    if event.is_cancelled:
        raise DomainError(_l("This event was cancelled."), field="status")
    if registration.state not in (R.REGISTERED, R.ATTENDED, R.NO_SHOW):
        raise DomainError(_l("Only people with a place can be marked."), field="state")
    registration.state = R.ATTENDED if attended else R.NO_SHOW
    registration.changed_at = utcnow()
    session.flush()
    record(
        session,
        actor_id=actor.id,
        action="mark_attended" if attended else "mark_no_show",
        subject_type="event_registration",
        subject_id=registration.id,
    )
    if attended and event.kind is EventKind.INFORMATION_MEETING:
        _record_information_meeting(session, tenant, registration, actor)


def accept_offer(
    session: Session,
    tenant: Tenant,
    registration: Registration,
    *,
    now: datetime | None = None,
) -> None:
    """She takes the place offered to her, while the offer runs: it is hers (registered), with
    the confirmation and its invitation."""
    event = _locked(session, registration.event_id)
    session.refresh(registration)
    now = now or utcnow()
    if registration.state is not R.OFFERED:
        raise DomainError(_l("No place is offered to you at this event."), field="state")
    expires = registration.offer_expires_at
    if event.is_cancelled or (expires is not None and now >= expires) or now >= event.starts_at:
        raise DomainError(
            _l("The time to accept this place has run out."), field="offer_expires_at"
        )
    registration.state, registration.changed_at = R.REGISTERED, now
    registration.offer_expires_at = None
    token = _new_cancel_token(registration)
    session.flush()
    user = session.get(User, registration.user_id)
    if user is not None:
        notifications.registration_confirmed(session, tenant, event, user, registration, token)


def expire_offers(session: Session, tenant: Tenant, *, now: datetime | None = None) -> int:
    """Offers nobody took in time end (cancelled, and she is told); each place goes to the next
    person waiting. Returns how many ended."""
    now = now or utcnow()
    overdue = list(
        session.scalars(
            sa.select(Registration)
            .where(Registration.state == R.OFFERED, Registration.offer_expires_at <= now)
            .order_by(Registration.offer_expires_at, Registration.id)
        )
    )
    ended = 0
    for registration in overdue:
        event = _locked(session, registration.event_id)
        session.refresh(registration)
        if registration.state is not R.OFFERED:
            continue
        registration.state, registration.changed_at = R.CANCELLED, now
        registration.cancel_token_hash = registration.offer_expires_at = None
        session.flush()
        ended += 1
        user = session.get(User, registration.user_id)
        if user is not None and not event.is_cancelled:
            notifications.offer_expired(session, tenant, event, user)
        if not event.is_cancelled:
            _fill_places(session, tenant, event, now)
    log.info("%s event offers expired in tenant %s", ended, tenant.id)
    return ended


# Reminders go for events starting between 24 and 36 hours from the run; the job runs every 12
# hours (deploy/systemd/mentornet-events.timer), so every event falls in a run's window.
REMIND_FROM, REMIND_UNTIL = timedelta(hours=24), timedelta(hours=36)


def send_reminders(session: Session, tenant: Tenant, *, now: datetime | None = None) -> int:
    """Queue the reminder the day before, once per registration with a place (recorded in
    `reminded_at`), in each recipient's language; returns how many were queued."""
    now = now or utcnow()
    due = session.execute(
        sa.select(Registration, Event, User)
        .join(Event, Event.id == Registration.event_id)
        .join(User, User.id == Registration.user_id)
        .where(
            Event.status == EventStatus.SCHEDULED,
            Event.starts_at >= now + REMIND_FROM,
            Event.starts_at < now + REMIND_UNTIL,
            Registration.state == R.REGISTERED,
            Registration.reminded_at.is_(None),
        )
        .order_by(Event.starts_at, Registration.id)
    ).all()
    for registration, event, user in due:
        registration.reminded_at = now
        notifications.reminder(session, tenant, event, user)
    session.flush()
    log.info("%s event reminders queued in tenant %s", len(due), tenant.id)
    return len(due)


def _record_information_meeting(
    session: Session, tenant: Tenant, registration: Registration, actor: User
) -> None:
    member = session.get(User, registration.user_id)
    if member is None:
        return
    for profile in profiles_of(session, member):
        if profile.status is ProfileStatus.APPLIED:
            change_status(
                session, tenant, profile, ProfileStatus.INFO_MEETING, actor=actor, reason=""
            )


def places_held(session: Session, event: Event) -> int:
    return _places_held(session, event)


def queue(session: Session, event: Event) -> list[Registration]:
    """Everybody who signed up, in arrival order (the waiting list's order)."""
    return list(
        session.scalars(
            sa.select(Registration)
            .where(Registration.event_id == event.id)
            .order_by(Registration.queued_at, Registration.id)
        )
    )


def _locked(session: Session, event_id: int) -> Event:
    """The event row, locked until the transaction ends, freshly read."""
    event = session.scalar(
        sa.select(Event)
        .where(Event.id == event_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if event is None:
        raise DomainError(_l("This event does not exist."), field="event")
    return event


def _places_held(session: Session, event: Event) -> int:
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Registration)
            .where(Registration.event_id == event.id, Registration.state.in_(HOLDS_PLACE))
        )
        or 0
    )


def _fill_places(session: Session, tenant: Tenant, event: Event, now: datetime) -> None:
    """Free places go to the first people waiting (the event row is locked by the caller)."""
    if not registration_open(event, now):
        return
    free = event.capacity - _places_held(session, event)
    if free <= 0:
        return
    waiting = session.scalars(
        sa.select(Registration)
        .where(Registration.event_id == event.id, Registration.state == R.WAITLISTED)
        .order_by(Registration.queued_at, Registration.id)
        .limit(free)
    )
    hours = tenant.config.events.offer_hours
    for registration in waiting:
        token = _new_cancel_token(registration)
        registration.changed_at = now
        if hours > 0:
            # Offered for that long, and never past the end of registration.
            closes = event.registration_closes_at or event.starts_at
            registration.state = R.OFFERED
            registration.offer_expires_at = min(now + timedelta(hours=hours), closes)
        else:
            registration.state = R.REGISTERED
        session.flush()
        user = session.get(User, registration.user_id)
        if user is None:
            continue
        if registration.state is R.OFFERED:
            notifications.place_offered(session, tenant, event, user, registration, token)
        else:
            notifications.place_given(session, tenant, event, user, token)


def registration_for_cancel_token(session: Session, token: str) -> Registration:
    """The registration a one-click cancel link was made for, while it can still be cancelled
    by it (another network's token is unknown: the session is bound to one network)."""
    found = None
    if token:
        found = session.scalar(
            sa.select(Registration).where(Registration.cancel_token_hash == _digest(token))
        )
    if found is None or found.state not in (R.REGISTERED, R.OFFERED, R.WAITLISTED):
        raise DomainError(_l("This link is not valid any more. Your page shows your events."))
    return found


def _new_cancel_token(registration: Registration) -> str:
    """A random token for the cancel link in her next e-mail; only its SHA-256 is kept, and a
    new one replaces the last."""
    token = secrets.token_urlsafe(32)
    registration.cancel_token_hash = _digest(token)
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _people(session: Session, event: Event, states: tuple[R, ...]) -> list[User]:
    return list(
        session.scalars(
            sa.select(User)
            .join(Registration, Registration.user_id == User.id)
            .where(Registration.event_id == event.id, Registration.state.in_(states))
            .order_by(Registration.id)
        )
    )


def _check_open(event: Event, now: datetime) -> None:
    if event.is_cancelled:
        raise DomainError(_l("This event was cancelled."), field="status")
    if event.registration_opens_at is not None and now < event.registration_opens_at:
        raise DomainError(_l("Registration has not opened yet."), field="registration_opens_at")
    if not registration_open(event, now):
        raise DomainError(_l("Registration is closed."), field="registration_closes_at")


def _check(tenant: Tenant, data: dict[str, Any]) -> None:
    """The rules between fields, each refusal naming the field to correct."""
    features = tenant.config.features
    if (data["kind"] is EventKind.WORKSHOP and not features.workshops) or (
        data["kind"] is EventKind.SOCIAL and not features.social_events
    ):
        raise DomainError(_l("This network does not hold events of this kind."), field="kind")
    starts, ends = data["starts_at"], data["ends_at"]
    if ends <= starts:
        raise DomainError(_l("The event must end after it starts."), field="ends_at")
    opens, closes = data["registration_opens_at"], data["registration_closes_at"]
    if closes is not None and closes > starts:
        raise DomainError(
            _l("Registration must close before the event starts."), field="registration_closes_at"
        )
    if opens is not None and opens >= (closes or starts):
        raise DomainError(
            _l("Registration must open before it closes."), field="registration_opens_at"
        )
    deadline = data["cancellation_deadline"]
    if deadline is not None and deadline > starts:
        raise DomainError(
            _l("The deadline for cancelling must be before the event starts."),
            field="cancellation_deadline",
        )
    if not data["place"] and not data["online_link"]:
        raise DomainError(_l("Give a place or an online link."), field="place")


def registrations_of(session: Session, user: User) -> list[Registration]:
    """Her registrations, for every event."""
    return list(
        session.scalars(
            sa.select(Registration).where(Registration.user_id == user.id).order_by(Registration.id)
        )
    )
