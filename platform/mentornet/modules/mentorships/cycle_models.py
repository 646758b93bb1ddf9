"""The plan, meetings, check-ins and outcomes of a mentorship (docs/architecture.md)."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import ForeignKeyConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped, tenant_fk
from mentornet.core.types import str_enum, utcnow
from mentornet.modules.profiles.situations import Situation


class GoalStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    PARTLY_ACHIEVED = "partly_achieved"
    NOT_ACHIEVED = "not_achieved"
    DROPPED = "dropped"


FINAL_GOAL_STATUSES = frozenset(
    {GoalStatus.ACHIEVED, GoalStatus.PARTLY_ACHIEVED, GoalStatus.NOT_ACHIEVED, GoalStatus.DROPPED}
)


class MeetingMode(enum.StrEnum):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


class PlanGoal(TenantScoped, Base):
    """A goal of the pair's plan, typed from the network's catalogue."""

    __tablename__ = "plan_goals"
    __tenant_table_args__ = (tenant_fk("mentorship_id", "mentorships", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(index=True)
    goal_key: Mapped[str] = mapped_column(String(60))
    description: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[dt.date | None]
    status: Mapped[GoalStatus] = mapped_column(str_enum(GoalStatus), default=GoalStatus.OPEN)

    activities: Mapped[list[Activity]] = relationship(
        primaryjoin="and_(PlanGoal.id == foreign(Activity.goal_id), "
        "PlanGoal.tenant_id == Activity.tenant_id)",
        order_by="Activity.id",
        cascade="all, delete-orphan",
    )


class Activity(TenantScoped, Base):
    """A planned step toward a goal."""

    __tablename__ = "plan_activities"
    __tenant_table_args__ = (tenant_fk("goal_id", "plan_goals", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(index=True)
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[dt.date | None]
    done_at: Mapped[dt.datetime | None]


class Meeting(TenantScoped, Base):
    """A meeting the pair logged. The notes are private to the pair."""

    __tablename__ = "meetings"
    __tenant_table_args__ = (
        tenant_fk("mentorship_id", "mentorships", ondelete="CASCADE"),
        ForeignKeyConstraint(["tenant_id", "logged_by_id"], ["users.tenant_id", "users.id"]),
        # Every query carries tenant_id: without it first, SQLite scans the whole network.
        Index("ix_meetings_tenant_mentorship_held", "tenant_id", "mentorship_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(index=True)
    held_on: Mapped[dt.date]
    minutes: Mapped[int]
    mode: Mapped[MeetingMode] = mapped_column(str_enum(MeetingMode))
    notes: Mapped[str] = mapped_column(Text, default="")
    goal_ids: Mapped[list[str]] = mapped_column(default=list)
    logged_by_id: Mapped[int]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CheckIn(TenantScoped, Base):
    """A periodic pulse from one side: how is it going (1-5), words, and "please contact me"."""

    __tablename__ = "check_ins"
    __tenant_table_args__ = (
        tenant_fk("mentorship_id", "mentorships", ondelete="CASCADE"),
        tenant_fk("profile_id", "profiles", ondelete="CASCADE"),
        Index("ix_check_ins_tenant_mentorship_created", "tenant_id", "mentorship_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentorship_id: Mapped[int] = mapped_column(index=True)
    profile_id: Mapped[int]
    rating: Mapped[int]
    text: Mapped[str] = mapped_column(Text, default="")
    contact_me: Mapped[bool] = mapped_column(default=False)
    # When staff followed up a "please contact me"; until then the pair is flagged.
    handled_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# Situations that count as "found a job" when the goal was a job (self-employment counts for business).
JOB_SITUATIONS = frozenset({Situation.EMPLOYED})


class OutcomeStage(enum.StrEnum):
    INTAKE = "intake"
    CLOSING = "closing"
    FOLLOW_UP = "follow_up"  # months_after says which (+3, +6, +12 in the reference packs)


class Outcome(TenantScoped, Base):
    """The mentee's situation at one moment; a follow-up is created due and answered later."""

    __tablename__ = "outcomes"
    __tenant_table_args__ = (
        tenant_fk("profile_id", "profiles", ondelete="CASCADE"),
        tenant_fk("mentorship_id", "mentorships", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(index=True)
    mentorship_id: Mapped[int | None] = mapped_column(index=True)
    stage: Mapped[OutcomeStage] = mapped_column(str_enum(OutcomeStage))
    months_after: Mapped[int | None]
    due_on: Mapped[dt.date | None]
    # None until answered.
    situation: Mapped[Situation | None] = mapped_column(str_enum(Situation))
    occupation_code: Mapped[str | None] = mapped_column(String(4))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime | None]
    reminded_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
