"""A mentor's places, reserved and released atomically in the database.

UPDATE ... SET places_taken = places_taken + 1 WHERE places_taken < capacity is a single
statement: on PostgreSQL concurrent reservations of the same mentor queue on the row lock and each
re-checks the condition, so a mentor with one free place is given to exactly one pair; the CHECK
constraint on profiles is the last line of defence.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from mentornet.modules.profiles.models import Profile


def reserve_place(session: Session, mentor_profile_id: int) -> bool:
    """Take one of the mentor's free places; False when she has none left."""
    result = session.execute(
        sa.update(Profile)
        .where(Profile.id == mentor_profile_id, Profile.places_taken < Profile.capacity)
        .values(places_taken=Profile.places_taken + 1)
        .execution_options(synchronize_session=False)
    )
    taken = isinstance(result, CursorResult) and result.rowcount == 1
    _refresh(session, mentor_profile_id)
    return taken


def release_place(session: Session, mentor_profile_id: int) -> None:
    session.execute(
        sa.update(Profile)
        .where(Profile.id == mentor_profile_id, Profile.places_taken > 0)
        .values(places_taken=Profile.places_taken - 1)
        .execution_options(synchronize_session=False)
    )
    _refresh(session, mentor_profile_id)


def _refresh(session: Session, profile_id: int) -> None:
    profile = session.get(Profile, profile_id)
    if profile is not None:
        session.expire(profile, ["places_taken"])
