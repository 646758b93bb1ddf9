"""Account actions: create users, sign in and out, change and reset passwords."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime, timedelta
from typing import Protocol

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import (
    LoginSession,
    PasswordResetToken,
    Role,
    User,
    UserRole,
)
from mentornet.modules.accounts.notify import notify_user
from mentornet.modules.accounts.passwords import hash_password, needs_rehash, verify_password
from mentornet.modules.accounts.strength import weakness
from mentornet.modules.audit.operations import record
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)
THROTTLED_KIND = "login_throttled"
APPLIED_AGAIN_KIND = "applied_with_known_address"
PASSWORD_CHANGED_KIND = "password_changed"  # noqa: S105  (an e-mail kind, not a secret)


def get_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(sa.select(User).where(User.email == email))


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    roles: list[Role],
    locale: str | None = None,
) -> User:
    """A new account in the session's tenant; the e-mail must be new to this tenant."""
    if get_user_by_email(session, email) is not None:
        raise DomainError(_l("An account with this e-mail address already exists."), field="email")
    user = User(email=email, name=name, password_hash=hash_password(password), locale=locale)
    user.roles = [UserRole(role=role) for role in dict.fromkeys(roles)]
    session.add(user)
    session.flush()
    log.info(
        "user %s created in tenant %s with roles %s",
        user.id,
        user.tenant_id,
        ",".join(sorted(role.value for role in roles)),
    )
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None (same cost either way)."""
    user = get_user_by_email(session, email)
    if not verify_password(user.password_hash if user else None, password):
        if user is not None:  # an attempt on a real account is the owner's business
            _audit(session, None, "sign_in_failed", user)
        return None
    if user is None or not user.active:
        if user is not None:
            _audit(session, None, "sign_in_failed", user, "account deactivated")
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def start_login_session(session: Session, user: User) -> str:
    """Record a new login and return its secret token (kept only in the signed cookie)."""
    token = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user.id, token_hash=_digest(token)))
    _audit(session, user.id, "sign_in", user)
    return token


def find_login_session(session: Session, token: str) -> LoginSession | None:
    """The live login for this token, or None when it is unknown, revoked or expired."""
    login = session.scalar(sa.select(LoginSession).where(LoginSession.token_hash == _digest(token)))
    return login if login is not None and still_live(login) else None


class ServerLogin(Protocol):
    created_at: datetime
    last_seen_at: datetime
    revoked_at: datetime | None


def still_live(login: ServerLogin) -> bool:
    """Not revoked, not older than SESSION_LIFETIME_MINUTES, not idle for SESSION_IDLE_MINUTES;
    a live login is marked seen (at most once a minute). Operators' logins follow it too."""
    if login.revoked_at is not None:
        return False
    config = current_app.config
    now = utcnow()
    if now - login.created_at > timedelta(minutes=config["SESSION_LIFETIME_MINUTES"]):
        return False
    if now - login.last_seen_at > timedelta(minutes=config["SESSION_IDLE_MINUTES"]):
        return False
    if now - login.last_seen_at > timedelta(minutes=1):
        login.last_seen_at = now
    return True


def end_login_session(session: Session, token: str) -> None:
    login = session.scalar(sa.select(LoginSession).where(LoginSession.token_hash == _digest(token)))
    if login is not None and login.revoked_at is None:
        login.revoked_at = utcnow()
        session.flush()


def end_all_login_sessions(session: Session, user: User) -> None:
    """Sign the user out everywhere (password change, reset, deactivation)."""
    session.execute(
        sa.update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def change_password(session: Session, tenant: Tenant, user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise DomainError(_l("Your current password is not right."), field="current_password")
    set_password(session, user, new, tenant)


def refuse_weak_password(password: str, *own_words: str) -> None:
    """A password a person chose must be hard to guess, also from her e-mail and name."""
    if reason := weakness(password, own_words):
        raise DomainError(reason, field="password")


def set_password(session: Session, user: User, new: str, tenant: Tenant | None = None) -> None:
    """A new password: every login ends, every reset link dies, and (given her network) she is
    e-mailed, so that a change she did not make does not go unnoticed."""
    refuse_weak_password(new, user.email, user.name)
    user.password_hash = hash_password(new)
    user.password_changed_at = utcnow()
    end_all_login_sessions(session, user)
    _end_reset_tokens(session, user)
    _audit(session, user.id, "password_changed", user)
    if tenant is not None:
        notify_user(
            session,
            tenant,
            user,
            kind=PASSWORD_CHANGED_KIND,
            template="accounts/email/password_changed.txt",
            path="/password/reset",
        )
    log.info("password changed for user %s", user.id)


def deactivate_user(session: Session, user: User) -> None:
    user.active = False
    end_all_login_sessions(session, user)
    session.flush()


def make_reset_token(session: Session, user: User) -> str:
    """A random token for one reset link; only its SHA-256 is stored. It names nobody, works once
    and expires after PASSWORD_RESET_MAX_AGE seconds."""
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(seconds=current_app.config["PASSWORD_RESET_MAX_AGE"])
    session.add(
        PasswordResetToken(
            user_id=user.id, token_hash=_digest(token), expires_at=utcnow() + lifetime
        )
    )
    session.flush()
    return token


def user_for_reset_token(session: Session, token: str) -> User:
    """The user a reset token was made for; refuses expired, used and foreign tokens (the
    session is bound to one network, so another network's token is simply unknown)."""
    found = session.scalar(
        sa.select(PasswordResetToken).where(PasswordResetToken.token_hash == _digest(token))
    )
    if found is not None and found.used_at is None and found.expires_at <= utcnow():
        raise DomainError(_l("This link has expired. Please ask for a new one."))
    user = session.get(User, found.user_id) if found is not None and found.used_at is None else None
    if user is None or not user.active:
        raise DomainError(_l("This link is not valid. Please ask for a new one."))
    return user


def tell_owner_of_throttled_logins(session: Session, tenant: Tenant, user: User) -> None:
    """Her logins are paused by too many wrong passwords: tell her once an hour, with a reset link
    that lets her in at once (the pause counts logins, not resets)."""
    if _told_within_the_hour(session, THROTTLED_KIND, user):
        return
    notify_user(
        session,
        tenant,
        user,
        kind=THROTTLED_KIND,
        template="accounts/email/login_throttled.txt",
        path=f"/password/reset/new?token={make_reset_token(session, user)}",
        minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60,
    )
    log.warning(
        "logins paused for user %s in tenant %s: too many wrong passwords", user.id, user.tenant_id
    )


def tell_owner_of_application(session: Session, tenant: Tenant, user: User) -> None:
    """Somebody applied with her address, which has an account: she hears it (once an hour), the
    applicant does not."""
    if _told_within_the_hour(session, APPLIED_AGAIN_KIND, user):
        return
    notify_user(
        session,
        tenant,
        user,
        kind=APPLIED_AGAIN_KIND,
        template="accounts/email/applied_again.txt",
        path="/login",
    )


def _told_within_the_hour(session: Session, kind: str, user: User) -> bool:
    since = utcnow() - timedelta(hours=1)
    told = session.scalar(
        sa.select(OutboxMessage.id)
        .where(
            OutboxMessage.kind == kind,
            OutboxMessage.recipient == user.email,
            OutboxMessage.created_at > since,
        )
        .limit(1)
    )
    return told is not None


def _end_reset_tokens(session: Session, user: User) -> None:
    """A new password makes every reset link of the user useless (used, or never to be)."""
    session.execute(
        sa.update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=utcnow())
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _audit(
    session: Session, actor_id: int | None, action: str, user: User, detail: str = ""
) -> None:
    """Sign-ins, failures and password changes go to the audit log (docs/security.md)."""
    record(
        session, actor_id=actor_id, action=action, subject_type="user", subject_id=user.id,
        detail=detail,
    )  # fmt: skip
