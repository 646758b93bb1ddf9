"""Audit entries about a person or made by her, for her export and her erasure."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.privacy import Person
from mentornet.modules.audit.models import AuditEntry

ORDER = 60


def _about(user: Person) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(AuditEntry.subject_type == "user", AuditEntry.subject_id == user.id),
        AuditEntry.actor_id == user.id,
    )


def export(session: Session, user: Person) -> dict[str, Any]:
    entries = session.scalars(sa.select(AuditEntry).where(_about(user)).order_by(AuditEntry.id))
    return {
        "audit": [
            {
                "action": entry.action,
                "subject": entry.subject_type,
                "by_her": entry.actor_id == user.id,
                "detail": entry.detail,
                "at": entry.created_at.isoformat(),
            }
            for entry in entries
        ]
    }


def erase(session: Session, user: Person) -> None:
    """The entries stay (who did what, when); their free-text details go."""
    session.execute(sa.update(AuditEntry).where(_about(user)).values(detail=""))
