"""Batch matching runs: their progress and outcome, so a long batch can be watched."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.core.types import str_enum, utcnow


class BatchStatus(enum.StrEnum):
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class MatchingBatch(TenantScoped, Base):
    __tablename__ = "matching_batches"
    __tenant_table_args__ = (
        ForeignKeyConstraint(["tenant_id", "started_by_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[BatchStatus] = mapped_column(str_enum(BatchStatus), default=BatchStatus.RUNNING)
    started_by_id: Mapped[int]
    mentees: Mapped[int] = mapped_column(default=0)
    mentors: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    drafts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(500))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    @property
    def is_running(self) -> bool:
        return self.status is BatchStatus.RUNNING

    @property
    def is_done(self) -> bool:
        return self.status is BatchStatus.DONE

    @property
    def percent(self) -> int:
        return (
            100
            if self.status is not BatchStatus.RUNNING
            else int(100 * self.done / max(self.mentees, 1))
        )
