"""The pair and its whole cycle: one state machine with a history table (docs/architecture.md)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import ForeignKeyConstraint, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentornet.core.db import Base
from mentornet.core.errors import IllegalTransitionError
from mentornet.core.tenancy import TenantScoped, tenant_fk
from mentornet.core.types import str_enum, utcnow

if TYPE_CHECKING:
    from mentornet.modules.mentorships.cycle_models import CheckIn, Meeting, PlanGoal
    from mentornet.modules.profiles.models import Profile


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
# What a pair can do in which state: the one place that says so. Queries filter on these sets;
# pages and operations ask the Mentorship's predicates below.
# States that hold one of the mentor's places and the mentee's one open slot.
HOLDS_PLACE = frozenset({State.PROPOSED, State.AGREED, State.PLANNING, State.ACTIVE, State.CLOSING})
# States in which the mentee has something open (a request counts: one thing at a time).
OPEN_FOR_MENTEE = HOLDS_PLACE | {State.REQUESTED}
# A pair in one of these is never suggested again.
NEVER_AGAIN = frozenset({State.DECLINED, State.ENDED_EARLY})
# Waiting for an answer: a request to the one asked, a proposal to both.
AWAITING_ANSWER = frozenset({State.REQUESTED, State.PROPOSED})
# Working together: from "we agree" until the pair has closed.
RUNNING = frozenset({State.AGREED, State.PLANNING, State.ACTIVE, State.CLOSING})
# Goals and activities can be added and changed; the plan is fixed once closing starts.
PLAN_EDITABLE = frozenset({State.PLANNING, State.ACTIVE})
# At work on the plan: meetings are logged, activities ticked off, goals given their status.
AT_WORK = frozenset({State.ACTIVE, State.CLOSING})
# Either side can send a check-in.
CHECK_IN_OPEN = frozenset({State.PLANNING, State.ACTIVE, State.CLOSING})
# The mentee is asked how she is doing at closing and months after.
FOLLOWED_UP = frozenset({State.CLOSING, State.COMPLETED, State.ENDED_EARLY})

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
    State.WITHDRAWN: lazy_pgettext("mentorship state", "Withdrawn"),
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
        # The coordinators' lists (issue 16): by state, most recently changed first; by mentee.
        Index("ix_mentorships_tenant_state_updated", "tenant_id", "state", "updated_at"),
        Index("ix_mentorships_tenant_mentee_state", "tenant_id", "mentee_profile_id", "state"),
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

    # The pair's two profiles: a plain id join, so a profile already in the session is used
    # without a query; the composite foreign keys and the session's tenant filter keep it in the
    # network. The collections below also match tenant_id in their joins.
    mentee: Mapped[Profile] = relationship(
        primaryjoin="Profile.id == foreign(Mentorship.mentee_profile_id)", viewonly=True
    )
    mentor: Mapped[Profile] = relationship(
        primaryjoin="Profile.id == foreign(Mentorship.mentor_profile_id)", viewonly=True
    )
    transitions: Mapped[list[MentorshipTransition]] = relationship(
        primaryjoin="and_(Mentorship.id == foreign(MentorshipTransition.mentorship_id), "
        "Mentorship.tenant_id == MentorshipTransition.tenant_id)",
        order_by="MentorshipTransition.id",
        cascade="all, delete-orphan",
    )
    goals: Mapped[list[PlanGoal]] = relationship(
        primaryjoin="and_(Mentorship.id == foreign(PlanGoal.mentorship_id), "
        "Mentorship.tenant_id == PlanGoal.tenant_id)",
        order_by="PlanGoal.id",
        cascade="all, delete-orphan",
    )
    meetings: Mapped[list[Meeting]] = relationship(
        primaryjoin="and_(Mentorship.id == foreign(Meeting.mentorship_id), "
        "Mentorship.tenant_id == Meeting.tenant_id)",
        order_by="(Meeting.held_on.desc(), Meeting.id.desc())",
        cascade="all, delete-orphan",
    )
    check_ins: Mapped[list[CheckIn]] = relationship(
        primaryjoin="and_(Mentorship.id == foreign(CheckIn.mentorship_id), "
        "Mentorship.tenant_id == CheckIn.tenant_id)",
        order_by="(CheckIn.created_at.desc(), CheckIn.id.desc())",
        cascade="all, delete-orphan",
    )

    @property
    def holds_place(self) -> bool:
        return self.state in HOLDS_PLACE

    def veto_closed(self, now: datetime) -> bool:
        """A mentor's request whose staff veto window has run out (mentor-selects networks)."""
        return (
            self.state is State.REQUESTED
            and self.origin is Origin.MENTOR_REQUEST
            and self.veto_until is not None
            and now >= self.veto_until
        )

    @property
    def veto_is_open(self) -> bool:
        """Staff may still veto this mentor's request."""
        return self.veto_until is not None and self.is_request and not self.veto_closed(utcnow())

    @property
    def is_request(self) -> bool:
        """A member asked for the other; the one asked has not answered yet."""
        return self.state is State.REQUESTED

    @property
    def is_proposal(self) -> bool:
        """Both have been told; they meet, then each says yes or no."""
        return self.state is State.PROPOSED

    @property
    def awaits_answer(self) -> bool:
        return self.state in AWAITING_ANSWER

    @property
    def is_running(self) -> bool:
        """The two work together: agreed, planning, active or closing."""
        return self.state in RUNNING

    @property
    def is_making_plan(self) -> bool:
        """They agreed and make the plan together; it is not confirmed yet."""
        return self.state in (State.AGREED, State.PLANNING)

    @property
    def can_edit_plan(self) -> bool:
        return self.state in PLAN_EDITABLE

    @property
    def can_add_goal(self) -> bool:
        """A goal can be added, which starts the planning of a pair that has just agreed."""
        return self.state is State.AGREED or self.can_edit_plan

    @property
    def can_reshape_plan(self) -> bool:
        """Goals and activities can be removed and the plan confirmed: only before it is active."""
        return self.state is State.PLANNING

    @property
    def is_at_work(self) -> bool:
        return self.state in AT_WORK

    @property
    def can_check_in(self) -> bool:
        return self.state in CHECK_IN_OPEN

    @property
    def can_start_closing(self) -> bool:
        return self.state is State.ACTIVE

    @property
    def is_closing(self) -> bool:
        """Each goal gets its result and both write an evaluation."""
        return self.state is State.CLOSING

    @property
    def is_completed(self) -> bool:
        return self.state is State.COMPLETED

    @property
    def ended_early(self) -> bool:
        return self.state is State.ENDED_EARLY

    @property
    def is_followed_up(self) -> bool:
        return self.state in FOLLOWED_UP

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
        Index(
            "ix_mentorship_transitions_tenant_mentorship_created",
            "tenant_id",
            "mentorship_id",
            "created_at",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(index=True)
    from_state: Mapped[State | None] = mapped_column(str_enum(State))
    to_state: Mapped[State] = mapped_column(str_enum(State))
    actor_id: Mapped[int | None]
    # A code of mentorships.reasons (a decline or early-end reason, or a step), never a sentence;
    # what a person wrote about it goes into note.
    reason: Mapped[str] = mapped_column(String(40))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
