"""What `mentornet retention run` did in a network, run by run."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.core.types import utcnow


class RetentionRun(TenantScoped, Base):
    """One real run: when it started and finished, and how many records of each kind it
    anonymised (`counts`: kind -> number; the kinds are privacy/retention.py's KINDS)."""

    __tablename__ = "retention_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    dry_run: Mapped[bool] = mapped_column(default=False)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
