"""Her places at events, for her export; erasure removes them (a place she held at a coming
event becomes free; the waiting list is not moved on by it)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.events.models import CalendarFeed, Event, Registration

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
        ],
        # Only the hash of her feed's token is kept: when she made it is all there is to show.
        "calendar_feed": [
            {"made_at": feed.created_at.isoformat()}
            for feed in session.scalars(
                sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id)
            )
        ],
    }


def erase(session: Session, user: User) -> None:
    session.execute(sa.delete(CalendarFeed).where(CalendarFeed.user_id == user.id))
    session.execute(sa.delete(Registration).where(Registration.user_id == user.id))
    session.flush()
