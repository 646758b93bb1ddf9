"""Events of a network and the places people hold at them."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.i18n import gettext_terms as _t
from mentornet.core.tenancy import TenantScoped, tenant_fk
from mentornet.core.types import str_enum, utcnow


class EventKind(enum.StrEnum):
    INFORMATION_MEETING = "information_meeting"
    WORKSHOP = "workshop"
    SOCIAL = "social"


class Audience(enum.StrEnum):
    """Who may join: people in intake, approved mentees or mentors, every account, anyone."""

    APPLICANTS = "applicants"
    MENTEES = "mentees"
    MENTORS = "mentors"
    MEMBERS = "members"
    PUBLIC = "public"


class EventStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Repeat(enum.StrEnum):
    """How the new-event form repeats an event: each date becomes an event of its own."""

    NONE = "none"
    WEEKLY = "weekly"
    MONTHLY = "monthly"


REPEAT_LABELS = {
    Repeat.NONE: _l("Once"),
    Repeat.WEEKLY: _l("Every week"),
    Repeat.MONTHLY: _l("Every month"),
}


class RegistrationState(enum.StrEnum):
    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    OFFERED = "offered"  # a freed place offered with time to accept (events.offer_hours > 0)
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


R = RegistrationState
# The states that hold one of the event's places.
HOLDS_PLACE = (R.REGISTERED, R.OFFERED, R.ATTENDED, R.NO_SHOW)
# The states of someone still counting on the event (a second registration is refused).
ACTIVE = (*HOLDS_PLACE, R.WAITLISTED)

KIND_LABELS = {
    EventKind.INFORMATION_MEETING: _l("Information meeting"),
    EventKind.WORKSHOP: _l("Workshop"),
    EventKind.SOCIAL: _l("Social event"),
}
AUDIENCE_LABELS = {
    Audience.APPLICANTS: _l("Applicants"),
    Audience.MEMBERS: _l("All members"),
    Audience.PUBLIC: _l("Everyone (public)"),
}


def audience_label(audience: Audience) -> str:
    """Whom an event is for, in words; mentees and mentors in the network's own terms."""
    if audience is Audience.MENTEES:
        return _t("Approved %(mentees)s")
    if audience is Audience.MENTORS:
        return _t("Approved %(mentors)s")
    return str(AUDIENCE_LABELS[audience])


STATE_LABELS = {
    R.REGISTERED: _l("Registered"),
    R.WAITLISTED: _l("On the waiting list"),
    R.OFFERED: _l("Offered a place"),
    R.CANCELLED: _l("Cancelled"),
    R.ATTENDED: _l("Attended"),
    R.NO_SHOW: _l("Did not come"),
}


class Event(TenantScoped, Base):
    """One event. Times are stored in UTC and shown in the network's time zone; texts are
    {locale: text}; `sequence` grows with every change, for the iCalendar invitations."""

    __tablename__ = "events"
    __tenant_table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity >= 1", name="capacity_positive"),
        tenant_fk("created_by_id", "users"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    status: Mapped[EventStatus] = mapped_column(
        str_enum(EventStatus), default=EventStatus.SCHEDULED
    )
    title: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    description: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(Text, default="")
    online_link: Mapped[str] = mapped_column(String(500), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    capacity: Mapped[int]
    audience: Mapped[Audience] = mapped_column(str_enum(Audience))
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]
    cancellation_deadline: Mapped[datetime | None]
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None]
    cancelled_at: Mapped[datetime | None]

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED


class Registration(TenantScoped, Base):
    """A person's place (or wait) at an event: one row per person and event, ever."""

    __tablename__ = "event_registrations"
    __tenant_table_args__ = (
        tenant_fk("event_id", "events", ondelete="CASCADE"),
        tenant_fk("user_id", "users", ondelete="CASCADE"),
        UniqueConstraint("event_id", "user_id"),
        Index("ix_event_registrations_event_queue", "event_id", "state", "queued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int]
    user_id: Mapped[int]
    state: Mapped[RegistrationState] = mapped_column(str_enum(RegistrationState))
    # When she (last) asked for a place: the waiting list's order, then the id.
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # When the reminder the day before was queued (once per registration).
    reminded_at: Mapped[datetime | None]
    # The SHA-256 of the token of the link in her last e-mail (cancel, or accept an offer).
    cancel_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Until when an offered place waits for her answer.
    offer_expires_at: Mapped[datetime | None]


class CalendarFeed(TenantScoped, Base):
    """Her private calendar feed: only the SHA-256 of the secret token in its link is kept. One
    per person; renewing replaces the hash, so the old link stops working at once."""

    __tablename__ = "event_calendar_feeds"
    __tenant_table_args__ = (tenant_fk("user_id", "users", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(unique=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
