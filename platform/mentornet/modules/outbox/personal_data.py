"""The e-mail queued for a person, for her export; erasure removes it and her name from others."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.privacy import Person
from mentornet.modules.outbox.models import OutboxMessage

ORDER = 50
REDACTED = "[…]"


def export(session: Session, user: Person) -> dict[str, Any]:
    messages = session.scalars(
        sa.select(OutboxMessage)
        .where(OutboxMessage.recipient == user.email)
        .order_by(OutboxMessage.id)
    )
    return {
        "messages": [
            {
                "kind": message.kind,
                "subject": message.subject,
                "body": message.body,
                "created_at": message.created_at.isoformat(),
                "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            }
            for message in messages
        ]
    }


def erase(session: Session, user: Person) -> None:
    """Her own messages are deleted; in messages to others (her partner's, staff's) her name and
    address are blanked out."""
    session.execute(sa.delete(OutboxMessage).where(OutboxMessage.recipient == user.email))
    pattern = _her_words(user)
    if pattern is None:
        return
    for message in session.scalars(sa.select(OutboxMessage)):
        subject, body = pattern.sub(REDACTED, message.subject), pattern.sub(REDACTED, message.body)
        if (subject, body) != (message.subject, message.body):
            message.subject, message.body = subject, body
    session.flush()


def _her_words(user: Person) -> re.Pattern[str] | None:
    words = [user.email, user.name, *user.name.split()]
    words = sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
