"""Staff invitations: an admin invites a person by e-mail to work for the network with some roles.

The e-mailed link carries a random token of which only the SHA-256 is stored (like a reset link);
it is accepted once, expires after INVITATION_MAX_AGE_DAYS, and an admin can revoke it before.
Accepting it either creates the account (she chooses a password, held to the same strength rules
as everywhere) or, when the address already has an account in this network, adds the roles to it
once she has given that account's password.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import Role, StaffInvitation, User, UserRole
from mentornet.modules.accounts.operations import create_user, refuse_weak_password
from mentornet.modules.accounts.passwords import verify_password
from mentornet.modules.accounts.staffing import ROLE_LABELS, STAFF_ROLE_CHOICES
from mentornet.modules.audit.operations import record
from mentornet.modules.outbox.notify import page_url
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)
KIND = "staff_invitation"
# The link as it is mailed; the token travels in the query, which no access log records.
LINK_PATH = "/invitation?token="


class InvitationState(enum.StrEnum):
    OPEN = "open"
    EXPIRED = "expired"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


def state_of(invitation: StaffInvitation | None) -> InvitationState:
    if invitation is None:
        return InvitationState.UNKNOWN
    if invitation.accepted_at is not None:
        return InvitationState.ACCEPTED
    if invitation.revoked_at is not None:
        return InvitationState.REVOKED
    if invitation.expires_at <= utcnow():
        return InvitationState.EXPIRED
    return InvitationState.OPEN


def list_invitations(session: Session) -> list[StaffInvitation]:
    """The invitations neither accepted nor revoked (expired ones too, shown as expired), newest
    first."""
    return list(
        session.scalars(
            sa.select(StaffInvitation)
            .where(StaffInvitation.accepted_at.is_(None), StaffInvitation.revoked_at.is_(None))
            .order_by(StaffInvitation.created_at.desc(), StaffInvitation.id.desc())
        )
    )


def get_invitation(session: Session, invitation_id: int) -> StaffInvitation | None:
    """An invitation of this network (another network's id is simply not found)."""
    return session.get(StaffInvitation, invitation_id)


def invitation_for_token(session: Session, token: str) -> StaffInvitation | None:
    """The invitation a link was made for; another network's token is unknown here (the session
    is bound to one network)."""
    if not token:
        return None
    return session.scalar(
        sa.select(StaffInvitation).where(StaffInvitation.token_hash == _digest(token))
    )


def existing_account(session: Session, invitation: StaffInvitation) -> User | None:
    """The account this network already has for the invited address, if any (looked up when the
    link is used, not when it was sent: she may have applied in between)."""
    return session.scalar(sa.select(User).where(User.email == invitation.email))


def invite_staff(
    session: Session,
    tenant: Tenant,
    *,
    email: str,
    name: str,
    roles: set[Role],
    actor: User | None,
    inviter: str = "",
) -> StaffInvitation:
    """Store an invitation and queue its e-mail, in the network's default language. `actor` is
    the admin who invites; None when a platform operator invites a new network's first admin
    (`inviter` then names the operator in the e-mail)."""
    wanted = sorted({Role(role) for role in roles} & set(STAFF_ROLE_CHOICES))
    if not wanted:
        raise DomainError(_l("Choose at least one role."), field="roles")
    account = session.scalar(sa.select(User).where(User.email == email))
    if account is not None and not account.active:
        raise DomainError(
            _l("This address has a deactivated account: reactivate it on this page instead."),
            field="email",
        )
    if account is not None and set(wanted) <= account.role_names:
        raise DomainError(_l("This person already holds these roles."), field="email")
    if any(state_of(open_) == InvitationState.OPEN for open_ in _not_closed(session, email)):
        raise DomainError(
            _l("This address already has an open invitation: revoke it first to send a new one."),
            field="email",
        )
    token = secrets.token_urlsafe(32)
    lifetime = timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"])
    invitation = StaffInvitation(
        email=email,
        name=name,
        roles=[role.value for role in wanted],
        token_hash=_digest(token),
        invited_by_id=actor.id if actor is not None else None,
        expires_at=utcnow() + lifetime,
    )
    session.add(invitation)
    session.flush()
    locale = tenant.default_locale
    queue_message(
        session,
        kind=KIND,
        recipient=email,
        locale=locale,
        template="accounts/email/staff_invitation.txt",
        network=tenant.name(locale),
        name=name,
        inviter=actor.name if actor is not None else inviter,
        roles=[ROLE_LABELS[role] for role in wanted],
        days=current_app.config["INVITATION_MAX_AGE_DAYS"],
        link=page_url(session, tenant, LINK_PATH + token),
    )
    actor_id = actor.id if actor is not None else None
    _audit(
        session,
        actor_id,
        "invitation_sent",
        invitation,
        ",".join(invitation.roles) + (f" by {inviter}" if actor is None else ""),
    )
    log.info("invitation %s sent for roles %s", invitation.id, ",".join(invitation.roles))
    return invitation


def revoke_invitation(session: Session, invitation: StaffInvitation, *, actor: User) -> None:
    """The link stops working; an accepted invitation cannot be revoked (take the roles instead)."""
    state = state_of(invitation)
    if state == InvitationState.ACCEPTED:
        raise DomainError(
            _l("This invitation has already been accepted: change her roles instead.")
        )
    if state == InvitationState.REVOKED:
        return
    invitation.revoked_at = utcnow()
    session.flush()
    _audit(session, actor.id, "invitation_revoked", invitation)


def accept_invitation(session: Session, invitation: StaffInvitation, *, password: str) -> User:
    """Create her account with the invited roles, or add them to her existing account once
    `password` is that account's; the invitation is then used."""
    if state_of(invitation) != InvitationState.OPEN:
        raise DomainError(_l("This invitation can no longer be used."))
    user = existing_account(session, invitation)
    roles = invitation.role_names
    if user is None:
        refuse_weak_password(password, invitation.email, invitation.name)
        user = create_user(
            session, email=invitation.email, name=invitation.name, password=password, roles=roles
        )
        user.confirmed_at = utcnow()  # the link proved her mailbox
        given = roles
    else:
        if not user.active or not verify_password(user.password_hash, password):
            raise DomainError(_l("The password is not right."), field="password")
        given = [role for role in roles if role not in user.role_names]
        user.roles.extend(UserRole(role=role) for role in given)
    invitation.accepted_at = utcnow()
    session.flush()
    for role in given:
        record(
            session, actor_id=invitation.invited_by_id, action="role_given", subject_type="user",
            subject_id=user.id, detail=role.value,
        )  # fmt: skip
    _audit(session, user.id, "invitation_accepted", invitation, f"user {user.id}")
    log.info("invitation %s accepted by user %s", invitation.id, user.id)
    return user


def _not_closed(session: Session, email: str) -> list[StaffInvitation]:
    return list(
        session.scalars(
            sa.select(StaffInvitation).where(
                StaffInvitation.email == email,
                StaffInvitation.accepted_at.is_(None),
                StaffInvitation.revoked_at.is_(None),
            )
        )
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _audit(
    session: Session, actor_id: int | None, action: str, invitation: StaffInvitation,
    detail: str = "",
) -> None:  # fmt: skip
    record(
        session, actor_id=actor_id, action=action, subject_type="invitation",
        subject_id=invitation.id, detail=detail,
    )  # fmt: skip
