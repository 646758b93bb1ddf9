"""Mentor and mentee profiles, their status lifecycle, consent and interview notes."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import CheckConstraint, ForeignKeyConstraint, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentornet.core.db import Base
from mentornet.core.errors import IllegalTransitionError
from mentornet.core.tenancy import TenantScoped, tenant_fk
from mentornet.core.types import str_enum, utcnow

if TYPE_CHECKING:
    from mentornet.modules.accounts.models import User


class ProfileRole(enum.StrEnum):
    MENTEE = "mentee"
    MENTOR = "mentor"


class ProfileStatus(enum.StrEnum):
    APPLIED = "applied"
    INFO_MEETING = "info_meeting"
    INTERVIEWED = "interviewed"
    APPROVED = "approved"
    MATCHED = "matched"
    ALUMNI = "alumni"
    PAUSED = "paused"
    WITHDRAWN = "withdrawn"
    REJECTED = "rejected"


S = ProfileStatus
# The intake path, plus the side exits; "paused" returns to the status it was paused from.
TRANSITIONS: dict[ProfileStatus, frozenset[ProfileStatus]] = {
    S.APPLIED: frozenset(
        {S.INFO_MEETING, S.INTERVIEWED, S.APPROVED, S.PAUSED, S.WITHDRAWN, S.REJECTED}
    ),
    S.INFO_MEETING: frozenset({S.INTERVIEWED, S.APPROVED, S.PAUSED, S.WITHDRAWN, S.REJECTED}),
    S.INTERVIEWED: frozenset({S.APPROVED, S.PAUSED, S.WITHDRAWN, S.REJECTED}),
    S.APPROVED: frozenset({S.MATCHED, S.PAUSED, S.WITHDRAWN}),
    S.MATCHED: frozenset({S.APPROVED, S.ALUMNI, S.WITHDRAWN}),
    S.ALUMNI: frozenset({S.WITHDRAWN}),
    S.PAUSED: frozenset({S.APPLIED, S.INFO_MEETING, S.INTERVIEWED, S.APPROVED, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.APPLIED}),
    S.REJECTED: frozenset(),
}
STATUS_LABELS = {
    S.APPLIED: _l("Applied"),
    S.INFO_MEETING: _l("Attended information meeting"),
    S.INTERVIEWED: _l("Interviewed"),
    S.APPROVED: _l("Approved, waiting for a match"),
    S.MATCHED: _l("Matched"),
    S.ALUMNI: _l("Alumna"),
    S.PAUSED: _l("Paused"),
    S.WITHDRAWN: lazy_pgettext("application status", "Withdrawn"),
    S.REJECTED: _l("Not accepted"),
}
# Reasons the platform itself stores on a status change (staff type their own): shown by label.
SYSTEM_REASONS = {
    "application": lazy_pgettext("status change", "application sent"),
    "resumed": lazy_pgettext("status change", "resumed"),
    "paused by member": lazy_pgettext("status change", "paused by the member"),
    "imported from CSV": lazy_pgettext("status change", "imported from a CSV file"),
    "mentorship completed": lazy_pgettext("status change", "cycle completed"),
    "mentorship ended": lazy_pgettext("status change", "cycle ended"),
}


class Profile(TenantScoped, Base):
    """A member's profile in one role; an alumna who becomes a mentor gets a second profile."""

    __tablename__ = "profiles"
    __tenant_table_args__ = (
        tenant_fk("user_id", "users", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "user_id", "role"),
        CheckConstraint(
            "places_taken >= 0 AND places_taken <= capacity", name="places_within_capacity"
        ),
        # The applicant queue and the matching console (issue 16), with tenant_id first.
        Index("ix_profiles_tenant_status_changed", "tenant_id", "status", "status_changed_at"),
        Index("ix_profiles_tenant_role_status", "tenant_id", "role", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    role: Mapped[ProfileRole] = mapped_column(str_enum(ProfileRole))
    status: Mapped[ProfileStatus] = mapped_column(
        str_enum(ProfileStatus), default=S.APPLIED, index=True
    )
    birth_year: Mapped[int | None]
    # Special-category data: stored only with the member's recorded consent.
    country_of_origin: Mapped[str | None] = mapped_column(String(2))
    story: Mapped[str | None] = mapped_column(Text)
    languages: Mapped[list[dict[str, str]]] = mapped_column(default=list)
    city: Mapped[str | None] = mapped_column(String(120))
    occupation_code: Mapped[str | None] = mapped_column(String(4))
    occupation_text: Mapped[str | None] = mapped_column(String(200))
    target_occupation_code: Mapped[str | None] = mapped_column(String(4))
    education_level: Mapped[str | None] = mapped_column(String(1))
    education_field: Mapped[str | None] = mapped_column(String(4))
    goals: Mapped[list[str]] = mapped_column(default=list)
    availability: Mapped[list[str]] = mapped_column(default=list)
    capacity: Mapped[int] = mapped_column(default=1)
    # Places taken by proposals and mentorships; only changed by the atomic reserve/release in
    # mentorships/places.py, and never below zero or above capacity (checked by the database).
    places_taken: Mapped[int] = mapped_column(default=0, server_default="0")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Which private parts ("story" and sensitive answer keys) a mentor may see.
    shared_with_mentor: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(
        primaryjoin="User.id == foreign(Profile.user_id)", viewonly=True
    )

    @property
    def is_mentee(self) -> bool:
        return self.role is ProfileRole.MENTEE

    @property
    def is_mentor(self) -> bool:
        return self.role is ProfileRole.MENTOR

    @property
    def is_paused(self) -> bool:
        return self.status is ProfileStatus.PAUSED

    def can_move_to(self, target: ProfileStatus) -> bool:
        return target in TRANSITIONS[self.status]

    def move_to(self, target: ProfileStatus) -> ProfileStatus:
        """Change status along the lifecycle graph; returns the previous status."""
        if not self.can_move_to(target):
            raise IllegalTransitionError(
                _l(
                    "A profile that is “%(current)s” cannot become “%(target)s”.",
                    current=STATUS_LABELS[self.status],
                    target=STATUS_LABELS[target],
                ),
                field="status",
            )
        previous = self.status
        self.status = target
        self.status_changed_at = utcnow()
        return previous


class ProfileStatusChange(TenantScoped, Base):
    """One step of a profile's lifecycle: who moved it, from where to where, and why."""

    __tablename__ = "profile_status_changes"
    __tenant_table_args__ = (
        tenant_fk("profile_id", "profiles", ondelete="CASCADE"),
        ForeignKeyConstraint(["tenant_id", "actor_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(index=True)
    from_status: Mapped[ProfileStatus | None] = mapped_column(str_enum(ProfileStatus))
    to_status: Mapped[ProfileStatus] = mapped_column(str_enum(ProfileStatus))
    actor_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Consent(TenantScoped, Base):
    """A consent a member gave (what, which version, when) and when she withdrew it."""

    __tablename__ = "consents"
    __tenant_table_args__ = (tenant_fk("user_id", "users", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(40))
    version: Mapped[int]
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None]


class InterviewNote(TenantScoped, Base):
    """A coordinator's note from the intake interview. Staff only; every view is audited."""

    __tablename__ = "interview_notes"
    __tenant_table_args__ = (
        tenant_fk("profile_id", "profiles", ondelete="CASCADE"),
        ForeignKeyConstraint(["tenant_id", "author_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(index=True)
    author_id: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
