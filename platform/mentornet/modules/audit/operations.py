"""Writing and reading the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.audit.models import AuditEntry


def record(
    session: Session,
    *,
    actor_id: int | None,
    action: str,
    subject_type: str,
    subject_id: int,
    detail: str = "",
) -> AuditEntry:
    entry = AuditEntry(
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        detail=detail,
    )
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class AuditFilter:
    actor_id: int | None = None
    action: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive: the whole day


def _filtered(query: sa.Select[Any], wanted: AuditFilter) -> sa.Select[Any]:
    if wanted.actor_id is not None:
        query = query.where(AuditEntry.actor_id == wanted.actor_id)
    if wanted.action:
        query = query.where(AuditEntry.action == wanted.action)
    if wanted.since is not None:
        query = query.where(AuditEntry.created_at >= datetime.combine(wanted.since, time(), UTC))
    if wanted.until is not None:
        end = datetime.combine(wanted.until + timedelta(days=1), time(), UTC)
        query = query.where(AuditEntry.created_at < end)
    return query


def count_entries(session: Session, wanted: AuditFilter) -> int:
    query = _filtered(sa.select(sa.func.count()).select_from(AuditEntry), wanted)
    return session.scalar(query) or 0


def list_entries(
    session: Session, wanted: AuditFilter, *, offset: int, limit: int
) -> list[AuditEntry]:
    """One page of the log, newest first, paged in SQL."""
    query = _filtered(sa.select(AuditEntry), wanted)
    query = query.order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    return list(session.scalars(query.offset(offset).limit(limit)))


def recorded_actions(session: Session) -> list[str]:
    """The kinds of entry this network's log holds (the viewer's choice of kinds)."""
    query = sa.select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    return list(session.scalars(query))
