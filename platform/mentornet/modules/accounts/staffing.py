"""The network's staff: roles given and taken, accounts deactivated and reactivated (admin console)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.i18n import lazy_term
from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.accounts.operations import end_all_login_sessions
from mentornet.modules.audit.operations import record

log = logging.getLogger(__name__)

STAFF_ROLE_CHOICES = (Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR)
ROLE_LABELS = {
    Role.COORDINATOR: lazy_term("coordinator", title=True),
    Role.ADMIN: _l("Administrator"),
    Role.TRANSLATOR: _l("Translator"),
}


def list_staff(session: Session) -> list[User]:
    """Every account of the network holding a staff role, active or not, by name."""
    holders = sa.select(UserRole.user_id).where(UserRole.role.in_(STAFF_ROLE_CHOICES))
    return list(session.scalars(sa.select(User).where(User.id.in_(holders)).order_by(User.name)))


def get_staff_member(session: Session, user_id: int) -> User | None:
    """An account of this network (another network's id is simply not found)."""
    return session.get(User, user_id)


def set_staff_roles(session: Session, user: User, roles: set[Role], *, actor: User) -> None:
    """Give and take the staff roles so that she holds exactly `roles` of them (others stay)."""
    wanted = {Role(role) for role in roles} & set(STAFF_ROLE_CHOICES)
    held = user.role_names & set(STAFF_ROLE_CHOICES)
    if Role.ADMIN in held and Role.ADMIN not in wanted:
        _refuse_without_admin(session, user)
    for grant in [grant for grant in user.roles if grant.role in held - wanted]:
        user.roles.remove(grant)
    user.roles.extend(UserRole(role=role) for role in sorted(wanted - held))
    session.flush()
    for role in sorted(wanted - held):
        _audit(session, actor, "role_given", user, role.value)
    for role in sorted(held - wanted):
        _audit(session, actor, "role_taken", user, role.value)
    log.info("roles of user %s set to %s", user.id, ",".join(sorted(r.value for r in wanted)))


def deactivate_staff_member(session: Session, user: User, *, actor: User) -> None:
    """She can no longer sign in, and every login she has ends at once."""
    if not user.active:
        return
    if user.has_role(Role.ADMIN):
        _refuse_without_admin(session, user)
    user.active = False
    end_all_login_sessions(session, user)
    session.flush()
    _audit(session, actor, "account_deactivated", user)


def reactivate_staff_member(session: Session, user: User, *, actor: User) -> None:
    if user.active:
        return
    user.active = True
    session.flush()
    _audit(session, actor, "account_reactivated", user)


def _refuse_without_admin(session: Session, leaving: User) -> None:
    """The network must keep at least one active administrator."""
    others = session.scalar(
        sa.select(sa.func.count())
        .select_from(User)
        .join(UserRole, sa.and_(UserRole.user_id == User.id, UserRole.tenant_id == User.tenant_id))
        .where(UserRole.role == Role.ADMIN, User.active.is_(True), User.id != leaving.id)
    )
    if not others:
        raise DomainError(
            _l(
                "The network needs at least one active administrator: give the role to someone else first."
            ),
            field="roles",
        )


def _audit(session: Session, actor: User, action: str, user: User, detail: str = "") -> None:
    record(
        session, actor_id=actor.id, action=action, subject_type="user", subject_id=user.id,
        detail=detail,
    )  # fmt: skip
