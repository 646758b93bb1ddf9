"""Her private calendar feed: a secret link (`/<slug>/calendar.ics?token=...`) that a calendar
app subscribes to, listing the events she holds a place at.

Only the SHA-256 of the token is stored (like the password reset links), so the link is shown
once, when she makes it; making a new one replaces the hash and the old link stops working.
The token is in the query string, which the access logs do not record (docs/security.md).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.events.models import HOLDS_PLACE, CalendarFeed, Event, Registration

log = logging.getLogger(__name__)
# How far back the feed goes: a calendar keeps what it has already seen.
HISTORY = timedelta(days=180)


def feed_of(session: Session, user: User) -> CalendarFeed | None:
    return session.scalar(sa.select(CalendarFeed).where(CalendarFeed.user_id == user.id))


def renew_feed(session: Session, user: User) -> str:
    """A new secret token for her feed (the old one, if any, stops working at once)."""
    token = secrets.token_urlsafe(32)
    feed = feed_of(session, user)
    if feed is None:
        feed = CalendarFeed(user_id=user.id)
        session.add(feed)
    feed.token_hash, feed.created_at = _digest(token), utcnow()
    session.flush()
    log.info("calendar feed renewed for user %s", user.id)
    return token


def feed_owner(session: Session, token: str) -> User | None:
    """Whose feed the token opens, or None: unknown, replaced or another network's token (the
    session is bound to one network), or an account that is no longer active."""
    if not token:
        return None
    feed = session.scalar(sa.select(CalendarFeed).where(CalendarFeed.token_hash == _digest(token)))
    user = session.get(User, feed.user_id) if feed is not None else None
    return user if user is not None and user.active else None


def feed_events(session: Session, user: User) -> list[Event]:
    """The events she holds a place at (cancelled ones too, to be shown as such), from half a
    year back on, the soonest first."""
    return list(
        session.scalars(
            sa.select(Event)
            .join(Registration, Registration.event_id == Event.id)
            .where(
                Registration.user_id == user.id,
                Registration.state.in_(HOLDS_PLACE),
                Event.ends_at > utcnow() - HISTORY,
            )
            .order_by(Event.starts_at, Event.id)
        )
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
