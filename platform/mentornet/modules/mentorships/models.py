"""The pair and its whole cycle: one state machine with a history table (docs/architecture.md)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKeyConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.errors import IllegalTransitionError
from mentornet.core.tenancy import TenantScoped, tenant_fk
from mentornet.core.types import str_enum, utcnow


class State(enum.StrEnum):
    DRAFT = "draft"  # a batch suggestion; only staff see it
    REQUESTED = "requested"  # a mentor or mentee asked for the other; waiting for the answer
    PROPOSED = "proposed"  # both told; they meet, then each says yes or no
    AGREED = "agreed"
    PLANNING = "planning"
    ACTIVE = "active"
    CLOSING = "closing"
    COMPLETED = "completed"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    ENDED_EARLY = "ended_early"


class Origin(enum.StrEnum):
    COORDINATOR = "coordinator"
    BATCH = "batch"
    MENTOR_REQUEST = "mentor_request"
    MENTEE_REQUEST = "mentee_request"


GRAPH: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.PROPOSED, State.WITHDRAWN}),
    State.REQUESTED: frozenset({State.PROPOSED, State.DECLINED, State.WITHDRAWN, State.EXPIRED}),
    State.PROPOSED: frozenset({State.AGREED, State.DECLINED, State.WITHDRAWN, State.EXPIRED}),
    State.AGREED: frozenset({State.PLANNING, State.ENDED_EARLY}),
    State.PLANNING: frozenset({State.ACTIVE, State.ENDED_EARLY}),
    State.ACTIVE: frozenset({State.CLOSING, State.ENDED_EARLY}),
    State.CLOSING: frozenset({State.COMPLETED, State.ENDED_EARLY}),
    State.COMPLETED: frozenset(),
    State.DECLINED: frozenset(),
    State.WITHDRAWN: frozenset(),
    State.EXPIRED: frozenset(),
    State.ENDED_EARLY: frozenset(),
}
# States that hold one of the mentor's places and the mentee's one open slot.
HOLDS_PLACE = frozenset({State.PROPOSED, State.AGREED, State.PLANNING, State.ACTIVE, State.CLOSING})
# States in which the mentee has something open (a request counts: one thing at a time).
OPEN_FOR_MENTEE = HOLDS_PLACE | {State.REQUESTED}
# A pair in one of these is never suggested again.
NEVER_AGAIN = frozenset({State.DECLINED, State.ENDED_EARLY})

STATE_LABELS = {
    State.DRAFT: _l("Draft"),
    State.REQUESTED: _l("Requested"),
    State.PROPOSED: _l("Proposed"),
    State.AGREED: _l("Agreed to work together"),
    State.PLANNING: _l("Planning"),
    State.ACTIVE: _l("Active"),
    State.CLOSING: _l("Closing"),
    State.COMPLETED: _l("Completed"),
    State.DECLINED: _l("Declined"),
    State.WITHDRAWN: _l("Withdrawn"),
    State.EXPIRED: _l("Expired"),
    State.ENDED_EARLY: _l("Ended early"),
}


_OPEN_SQL = "state IN ({})".format(", ".join(f"'{s.value}'" for s in sorted(OPEN_FOR_MENTEE)))


class Mentorship(TenantScoped, Base):
    """A mentee and a mentor, from suggestion to completion."""

    __tablename__ = "mentorships"
    __tenant_table_args__ = (
        tenant_fk("mentee_profile_id", "profiles", ondelete="CASCADE"),
        tenant_fk("mentor_profile_id", "profiles", ondelete="CASCADE"),
        ForeignKeyConstraint(["tenant_id", "proposed_by_id"], ["users.tenant_id", "users.id"]),
        # The database itself allows one open request, proposal or mentorship per mentee.
        Index(
            "uq_mentorships_one_open_per_mentee",
            "tenant_id",
            "mentee_profile_id",
            unique=True,
            sqlite_where=text(_OPEN_SQL),
            postgresql_where=text(_OPEN_SQL),
        ),
        Index("ix_mentorships_mentor_state", "tenant_id", "mentor_profile_id", "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentee_profile_id: Mapped[int]
    mentor_profile_id: Mapped[int]
    state: Mapped[State] = mapped_column(str_enum(State))
    origin: Mapped[Origin] = mapped_column(str_enum(Origin))
    pinned: Mapped[bool] = mapped_column(default=False)
    score: Mapped[float | None]
    # Per-criterion contributions at the time of the suggestion, kept for tuning the weights.
    explanation: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    proposed_by_id: Mapped[int | None]
    mentee_answer: Mapped[bool | None]
    mentee_reason: Mapped[str | None] = mapped_column(String(40))
    mentee_reason_text: Mapped[str | None] = mapped_column(Text)
    mentor_answer: Mapped[bool | None]
    mentor_reason: Mapped[str | None] = mapped_column(String(40))
    mentor_reason_text: Mapped[str | None] = mapped_column(Text)
    expires_at: Mapped[datetime | None]
    veto_until: Mapped[datetime | None]
    # The plan is confirmed when both have confirmed the same version of it.
    plan_confirmed_by_mentee: Mapped[bool] = mapped_column(default=False)
    plan_confirmed_by_mentor: Mapped[bool] = mapped_column(default=False)
    mentee_evaluation: Mapped[str | None] = mapped_column(Text)
    mentor_evaluation: Mapped[str | None] = mapped_column(Text)
    mentee_rating: Mapped[int | None]
    mentor_rating: Mapped[int | None]
    end_reason: Mapped[str | None] = mapped_column(String(40))
    success: Mapped[bool | None]
    started_at: Mapped[datetime | None]
    # The last check-in reminder to each side, so a reminder goes out once per interval.
    mentee_reminded_at: Mapped[datetime | None]
    mentor_reminded_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    def move_to(self, target: State) -> State:
        """Follow an edge of the lifecycle graph; anything else is refused."""
        if target not in GRAPH[self.state]:
            raise IllegalTransitionError(
                _l(
                    "A mentorship that is “%(current)s” cannot become “%(target)s”.",
                    current=STATE_LABELS[self.state],
                    target=STATE_LABELS[target],
                ),
                field="state",
            )
        previous = self.state
        self.state = target
        return previous


class MentorshipTransition(TenantScoped, Base):
    """One change of state: from, to, who, why, when."""

    __tablename__ = "mentorship_transitions"
    __tenant_table_args__ = (
        tenant_fk("mentorship_id", "mentorships", ondelete="CASCADE"),
        ForeignKeyConstraint(["tenant_id", "actor_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(index=True)
    from_state: Mapped[State | None] = mapped_column(str_enum(State))
    to_state: Mapped[State] = mapped_column(str_enum(State))
    actor_id: Mapped[int | None]
    reason: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
