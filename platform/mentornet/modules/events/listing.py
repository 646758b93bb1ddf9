"""What the event pages show: upcoming events with their places taken and waiting list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events.models import (
    ACTIVE,
    HOLDS_PLACE,
    Audience,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationState,
)
from mentornet.modules.profiles.models import Profile, ProfileStatus


@dataclass(frozen=True)
class EventRow:
    event: Event
    taken: int
    waiting: int

    @property
    def free(self) -> int:
        return max(self.event.capacity - self.taken, 0)


def event_rows(session: Session, events: list[Event]) -> list[EventRow]:
    """Each event with its places taken and people waiting, counted in one query."""
    counts: dict[tuple[int, RegistrationState], int] = {
        (event_id, state): count
        for event_id, state, count in session.execute(
            sa.select(Registration.event_id, Registration.state, sa.func.count())
            .where(Registration.event_id.in_([e.id for e in events]))
            .group_by(Registration.event_id, Registration.state)
        ).all()
    }
    return [
        EventRow(
            event,
            taken=sum(counts.get((event.id, state), 0) for state in HOLDS_PLACE),
            waiting=counts.get((event.id, RegistrationState.WAITLISTED), 0),
        )
        for event in events
    ]


def upcoming(session: Session, now: datetime | None = None) -> list[Event]:
    """Events that have not ended, the soonest first (cancelled ones too)."""
    return list(
        session.scalars(
            sa.select(Event).where(Event.ends_at > (now or utcnow())).order_by(Event.starts_at)
        )
    )


def past(session: Session, limit: int = 50, now: datetime | None = None) -> list[Event]:
    return list(
        session.scalars(
            sa.select(Event)
            .where(Event.ends_at <= (now or utcnow()))
            .order_by(Event.starts_at.desc())
            .limit(limit)
        )
    )


def public_events(session: Session) -> list[Event]:
    """What the public portal lists: coming public events and information meetings."""
    return [
        event
        for event in upcoming(session)
        if event.status is EventStatus.SCHEDULED
        and (event.audience is Audience.PUBLIC or event.kind is EventKind.INFORMATION_MEETING)
    ]


def applicants_without_a_meeting(
    session: Session, now: datetime | None = None, limit: int = 200
) -> list[tuple[Profile, str, str]]:
    """Applicants (profiles `applied`) who hold no place and no wait at a coming information
    meeting, the longest waiting first, each with her name and e-mail address: the coordinators'
    list of whom to invite."""
    booked = (
        sa.select(Registration.user_id)
        .join(Event, Event.id == Registration.event_id)
        .where(
            Event.kind == EventKind.INFORMATION_MEETING,
            Event.status == EventStatus.SCHEDULED,
            Event.ends_at > (now or utcnow()),
            Registration.state.in_(ACTIVE),
        )
    )
    # Each with her account in the same query (the page names them): one query however many.
    rows = session.execute(
        sa.select(Profile, User.name, User.email)
        .join(User, sa.and_(User.id == Profile.user_id, User.tenant_id == Profile.tenant_id))
        .where(Profile.status == ProfileStatus.APPLIED, Profile.user_id.not_in(booked))
        .order_by(Profile.status_changed_at, Profile.id)
        .limit(limit)
    )
    return [(profile, name, email) for profile, name, email in rows]
