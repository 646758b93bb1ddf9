"""Operator accounts: created from the command line, signed in with a password and a TOTP code,
each login a server-side row; and what they may see of the networks: counts, never people."""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass

import pyotp
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.tenancy import bind_tenant
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User, UserRole
from mentornet.modules.accounts.operations import still_live
from mentornet.modules.accounts.passwords import hash_password, needs_rehash, verify_password
from mentornet.modules.accounts.second_factor import code_step
from mentornet.modules.accounts.strength import weakness
from mentornet.modules.audit.operations import record
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.operators.models import Operator, OperatorSession
from mentornet.modules.tenants.models import Tenant, TenantStatus
from mentornet.modules.tenants.operations import list_tenants, set_tenant_status, tenant_session

log = logging.getLogger(__name__)


def get_operator_by_email(session: Session, email: str) -> Operator | None:
    return session.scalar(sa.select(Operator).where(Operator.email == email))


def create_operator(session: Session, *, email: str, name: str, password: str) -> Operator:
    if get_operator_by_email(session, email) is not None:
        raise DomainError(_l("An operator with this e-mail address already exists."), field="email")
    if reason := weakness(password, (email, name)):
        raise DomainError(reason, field="password")
    operator = Operator(email=email, name=name, password_hash=hash_password(password))
    session.add(operator)
    session.flush()
    log.info("operator %s created", operator.id)
    return operator


def demo_operator(session: Session, email: str, password: str) -> Operator:
    """The demo's operator (`make demo`): the shared demo password, which the strength check of
    create_operator would refuse; its second factor is set up at the first login, as for anyone."""
    operator = get_operator_by_email(session, email)
    if operator is None:
        operator = Operator(
            email=email, name="Demo Operator", password_hash=hash_password(password)
        )
        session.add(operator)
        session.flush()
    return operator


def authenticate(session: Session, email: str, password: str) -> Operator | None:
    """The active operator with this e-mail and password (one argon2 run either way)."""
    operator = get_operator_by_email(session, email)
    if not verify_password(operator.password_hash if operator else None, password):
        if operator is not None:
            log.warning("operator %s: wrong password", operator.id)
        return None
    if operator is None or not operator.active:
        return None
    if needs_rehash(operator.password_hash):
        operator.password_hash = hash_password(password)
    return operator


def enrolment_secret(session: Session, operator: Operator) -> str:
    """The secret her authenticator app adds (kept until a first code confirms it)."""
    if operator.totp_confirmed_at is not None:
        raise DomainError(_l("Your authenticator app is already set up."))
    if operator.totp_secret is None:
        operator.totp_secret = pyotp.random_base32()
        session.flush()
    return operator.totp_secret


def check_code(session: Session, operator: Operator, code: str) -> bool:
    """A right, fresh code; the first one also confirms the app."""
    if operator.totp_secret is None:
        return False
    step = code_step(operator.totp_secret, operator.totp_last_step, code)
    if step is None:
        log.warning("operator %s: wrong code", operator.id)
        return False
    operator.totp_last_step = step
    if operator.totp_confirmed_at is None:
        operator.totp_confirmed_at = utcnow()
        log.info("operator %s set up an authenticator app", operator.id)
    return True


def reset_second_factor(session: Session, operator: Operator) -> None:
    operator.totp_secret = None
    operator.totp_confirmed_at = None
    operator.totp_last_step = None
    end_all_sessions(session, operator)
    log.warning("operator %s: second factor reset", operator.id)


def start_session(session: Session, operator: Operator) -> str:
    token = secrets.token_urlsafe(32)
    session.add(OperatorSession(operator_id=operator.id, token_hash=_digest(token)))
    session.flush()
    log.info("operator %s signed in", operator.id)
    return token


def operator_for_token(session: Session, token: str) -> Operator | None:
    """The operator of a live login (same lifetime and idle limits as a member's login)."""
    login = session.scalar(
        sa.select(OperatorSession).where(OperatorSession.token_hash == _digest(token))
    )
    if login is None or not still_live(login):
        return None
    operator = session.get(Operator, login.operator_id)
    return operator if operator is not None and operator.active else None


def end_session(session: Session, token: str) -> None:
    session.execute(
        sa.update(OperatorSession)
        .where(OperatorSession.token_hash == _digest(token), OperatorSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def end_all_sessions(session: Session, operator: Operator) -> None:
    session.execute(
        sa.update(OperatorSession)
        .where(OperatorSession.operator_id == operator.id, OperatorSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


@dataclass(frozen=True)
class NetworkRow:
    """What the networks list shows: settings and counts only, no person."""

    slug: str
    names: dict[str, str]
    locales: list[str]
    default_locale: str
    hosts: list[str]
    status: str
    created_at: object
    members_by_role: dict[str, int]
    pairs_by_state: dict[str, int]


def network_rows(session: Session) -> list[NetworkRow]:
    rows = []
    for tenant in list_tenants(session):
        with tenant_session(tenant.slug) as (bound, _tenant):
            roles = dict(
                bound.execute(
                    sa.select(UserRole.role, sa.func.count(sa.distinct(UserRole.user_id)))
                    .join(
                        User,
                        sa.and_(User.id == UserRole.user_id, User.tenant_id == UserRole.tenant_id),
                    )
                    .where(User.erased_at.is_(None))
                    .group_by(UserRole.role)
                ).all()
            )
            states = dict(
                bound.execute(
                    sa.select(Mentorship.state, sa.func.count()).group_by(Mentorship.state)
                ).all()
            )
        rows.append(
            NetworkRow(
                slug=tenant.slug,
                names=dict(tenant.config.name),
                locales=list(tenant.locales),
                default_locale=tenant.default_locale,
                hosts=list(tenant.settings.get("hosts", [])),
                status=tenant.status.value,
                created_at=tenant.created_at,
                members_by_role={str(role): int(count) for role, count in roles.items()},
                pairs_by_state={str(State(state)): int(count) for state, count in states.items()},
            )
        )
    return rows


def change_network_status(
    session: Session, tenant: Tenant, status: TenantStatus, operator: Operator
) -> None:
    """Suspend or resume a network, in the request's transaction (bound to that network for it);
    the network's own audit log says which operator did it."""
    bind_tenant(session, tenant.id)
    set_tenant_status(session, tenant, status, actor=f"operator:{operator.email}")
    action = "network_resumed"
    if status is TenantStatus.SUSPENDED:
        action = "network_suspended"
    record(session, actor_id=None, action=action, subject_type="tenant", subject_id=tenant.id,
           detail=operator.email)  # fmt: skip


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
