"""What `mentornet retention run` did in a network, run by run; the privacy notices it published."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKeyConstraint, String, UniqueConstraint
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


class PrivacyNotice(TenantScoped, Base):
    """A privacy notice of the network: published (a `version`, when and by whom) or its one
    draft (no version, no `published_at`). `texts` holds the notice per locale.

    The network's settings (`privacy.version`, `privacy.notice`) hold the notice in force, as the
    pack does; a published row is the record of what each version said (docs/admin-people.md).
    """

    __tablename__ = "privacy_notices"
    __tenant_table_args__ = (
        UniqueConstraint("tenant_id", "version"),
        ForeignKeyConstraint(["tenant_id", "published_by_id"], ["users.tenant_id", "users.id"]),
        ForeignKeyConstraint(["tenant_id", "edited_by_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int | None]
    texts: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(String(500), default="")
    edited_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_by_id: Mapped[int | None]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_by_id: Mapped[int | None]
