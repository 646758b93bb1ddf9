"""What the accounts module holds about a person, for her export and her erasure."""

from __future__ import annotations

import secrets
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import (
    LoginSession,
    PasswordResetToken,
    StaffInvitation,
    User,
)
from mentornet.modules.accounts.passwords import hash_password

# Erasers run by ORDER; the account goes last, since the others still read her name and address.
ORDER = 100
ERASED_DOMAIN = "erased.invalid"  # .invalid never delivers (RFC 2606)


def export(session: Session, user: User) -> dict[str, Any]:
    logins = session.scalars(
        sa.select(LoginSession).where(LoginSession.user_id == user.id).order_by(LoginSession.id)
    )
    return {
        "account": {
            "name": user.name,
            "email": user.email,
            "locale": user.locale,
            "roles": sorted(role.value for role in user.role_names),
            "active": user.active,
            "created_at": user.created_at.isoformat(),
            "confirmed_at": user.confirmed_at.isoformat() if user.confirmed_at else None,
            "password_changed_at": user.password_changed_at.isoformat(),
        },
        "logins": [
            {
                "started_at": login.created_at.isoformat(),
                "last_seen_at": login.last_seen_at.isoformat(),
                "ended_at": login.revoked_at.isoformat() if login.revoked_at else None,
            }
            for login in logins
        ],
    }


def erase(session: Session, user: User) -> None:
    """Name, address and password gone, every login ended; the row stays for what points at it."""
    # Invitations sent to her address hold her name and address too.
    session.execute(sa.delete(StaffInvitation).where(StaffInvitation.email == user.email))
    user.name = ""
    user.email = f"erased-{secrets.token_hex(12)}@{ERASED_DOMAIN}"
    user.password_hash = hash_password(secrets.token_urlsafe(32))  # nobody knows it
    user.locale = None
    user.active = False
    user.confirmed_at = None
    user.erased_at = utcnow()
    session.execute(sa.delete(LoginSession).where(LoginSession.user_id == user.id))
    session.execute(sa.delete(PasswordResetToken).where(PasswordResetToken.user_id == user.id))
    session.flush()
