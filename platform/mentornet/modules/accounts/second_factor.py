"""The staff's second factor: an authenticator app (TOTP) and one-time recovery codes.

An account whose roles are in SECOND_FACTOR_ROLES signs in with its password and then a code.
Where SECOND_FACTOR_REQUIRED is set (production), such an account without a confirmed factor
reaches only the enrolment page; elsewhere (`make demo`) enrolment is offered, not required.
Codes are checked by pyotp (RFC 6238, 30-second steps, one step of clock drift either way), and
each step is accepted once. Recovery codes are random, shown once, and kept as SHA-256 only.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

import pyotp
import segno
import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import (
    SECOND_FACTOR_ROLES,
    RecoveryCode,
    SecondFactor,
    User,
)
from mentornet.modules.accounts.notify import notify_user
from mentornet.modules.accounts.passwords import verify_password
from mentornet.modules.audit.operations import record
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
CHANGED_KIND = "second_factor_changed"
_STEP_SECONDS = 30


def uses_second_factor(user: User) -> bool:
    """Her roles are the ones that sign in with a second factor."""
    return user.has_role(*SECOND_FACTOR_ROLES)


def factor_of(session: Session, user: User) -> SecondFactor | None:
    return session.scalar(sa.select(SecondFactor).where(SecondFactor.user_id == user.id))


def is_enrolled(session: Session, user: User) -> bool:
    factor = factor_of(session, user)
    return factor is not None and factor.confirmed_at is not None


def must_enrol(session: Session, user: User) -> bool:
    """A staff account without a confirmed factor, where the settings require one."""
    return (
        bool(current_app.config["SECOND_FACTOR_REQUIRED"])
        and uses_second_factor(user)
        and not is_enrolled(session, user)
    )


def start_enrolment(session: Session, user: User) -> SecondFactor:
    """The unconfirmed factor to show as a QR code: kept across page loads until confirmed."""
    factor = factor_of(session, user)
    if factor is not None and factor.confirmed_at is not None:
        raise DomainError(_l("Your authenticator app is already set up."))
    if factor is None:
        factor = SecondFactor(user_id=user.id, secret=pyotp.random_base32())
        session.add(factor)
        session.flush()
    return factor


def provisioning_uri(factor: SecondFactor, user: User, tenant: Tenant, locale: str) -> str:
    return pyotp.TOTP(factor.secret).provisioning_uri(
        name=user.email, issuer_name=tenant.name(locale)
    )


def qr_code_svg(uri: str) -> str:
    """The otpauth:// URI as an inline SVG QR code, made here: the secret never leaves the app."""
    return str(segno.make(uri, error="m").svg_inline(border=2, omitsize=True))


def confirm_enrolment(session: Session, tenant: Tenant, user: User, code: str) -> list[str]:
    """A right first code confirms the factor; returns the new recovery codes (shown once)."""
    factor = start_enrolment(session, user)
    step = _matching_step(factor, code)
    if step is None:
        raise DomainError(
            _l("That code is not right. Enter the 6 digits your app shows now."), field="code"
        )
    factor.confirmed_at = utcnow()
    factor.last_step = step
    codes = _new_recovery_codes(session, user)
    _audit(session, user, "second_factor_enabled")
    _tell_owner(session, tenant, user, "enabled")
    return codes


def verify(session: Session, user: User, code: str) -> bool:
    """A sign-in's second step: a fresh authenticator code, or an unused recovery code."""
    factor = factor_of(session, user)
    if factor is None or factor.confirmed_at is None:
        return False
    step = _matching_step(factor, code)
    if step is not None:
        factor.last_step = step
        return True
    found = session.scalar(
        sa.select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _digest(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        _audit(session, user, "second_factor_failed")
        return False
    found.used_at = utcnow()
    _audit(session, user, "recovery_code_used")
    return True


def renew_recovery_codes(session: Session, user: User, password: str) -> list[str]:
    _check_password(user, password)
    if not is_enrolled(session, user):
        raise DomainError(_l("Set up your authenticator app first."))
    codes = _new_recovery_codes(session, user)
    _audit(session, user, "recovery_codes_renewed")
    return codes


def remove(session: Session, tenant: Tenant, user: User, password: str) -> None:
    """She turns her factor off (a new phone: she sets it up again at once)."""
    _check_password(user, password)
    _remove(session, user)
    _audit(session, user, "second_factor_removed")
    _tell_owner(session, tenant, user, "removed")


def reset_by_operator(session: Session, tenant: Tenant, user: User) -> bool:
    """`mentornet users reset-second-factor`: a lost phone and no recovery code left."""
    found = factor_of(session, user) is not None
    _remove(session, user)
    record(
        session, actor_id=None, action="second_factor_reset", subject_type="user",
        subject_id=user.id, detail="command line",
    )  # fmt: skip
    _tell_owner(session, tenant, user, "reset")
    log.warning("second factor of user %s in tenant %s reset", user.id, user.tenant_id)
    return found


def remaining_recovery_codes(session: Session, user: User) -> int:
    return int(
        session.scalar(
            sa.select(sa.func.count(RecoveryCode.id)).where(
                RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
            )
        )
        or 0
    )


def _matching_step(factor: SecondFactor, code: str) -> int | None:
    return code_step(factor.secret, factor.last_step, code)


def code_step(secret: str, last_step: int | None, code: str) -> int | None:
    """The time step a 6-digit code belongs to (now, or one step either side), if it is later
    than the last step accepted (a code works once). Operators' logins use it too."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = int(time.time()) // _STEP_SECONDS
    for step in (now, now - 1, now + 1):
        if last_step is not None and step <= last_step:
            continue
        if hmac.compare_digest(totp.at(step * _STEP_SECONDS), code):
            return step
    return None


def _new_recovery_codes(session: Session, user: User) -> list[str]:
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(code)) for code in codes)
    session.flush()
    return codes


def _recovery_code() -> str:
    """Ten letters and digits (about 50 bits), in two groups: easy to type from paper."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def _digest(code: str) -> str:
    """Typed with or without the dash, in capitals or not: the same code."""
    normalised = "".join(char for char in code.lower() if char.isascii() and char.isalnum())
    return hashlib.sha256(normalised.encode()).hexdigest()


def _check_password(user: User, password: str) -> None:
    if not verify_password(user.password_hash, password):
        raise DomainError(_l("Your current password is not right."), field="current_password")


def _remove(session: Session, user: User) -> None:
    session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    session.execute(sa.delete(SecondFactor).where(SecondFactor.user_id == user.id))


def _tell_owner(session: Session, tenant: Tenant, user: User, change: str) -> None:
    notify_user(
        session,
        tenant,
        user,
        kind=CHANGED_KIND,
        template="accounts/email/second_factor_changed.txt",
        path="/account/second-factor",
        change=change,
    )


def _audit(session: Session, user: User, action: str) -> None:
    record(session, actor_id=user.id, action=action, subject_type="user", subject_id=user.id)
