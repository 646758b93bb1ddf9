"""Her places at events, for her export; erasure removes them (a place she held at a coming
event becomes free; the waiting list is not moved on by it)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.events.models import Event, Registration

ORDER = 40


def export(session: Session, user: User) -> dict[str, Any]:
    rows = session.execute(
        sa.select(Registration, Event)
        .join(Event, Event.id == Registration.event_id)
        .where(Registration.user_id == user.id)
        .order_by(Registration.id)
    ).all()
    return {
        "event_registrations": [
            {
                "event": event.title,
                "starts_at": event.starts_at.isoformat(),
                "state": registration.state.value,
                "signed_up_at": registration.created_at.isoformat(),
            }
            for registration, event in rows
        ]
    }


def erase(session: Session, user: User) -> None:
    session.execute(sa.delete(Registration).where(Registration.user_id == user.id))
    session.flush()
