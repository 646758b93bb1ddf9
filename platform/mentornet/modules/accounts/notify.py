"""Telling a person that something needs her or his action: one e-mail, in their language.

The message links to the page where the action is (outbox/notify.py builds the link).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.outbox.notify import page_url
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.tenants.models import Tenant


def notify_user(
    session: Session,
    tenant: Tenant,
    user: User,
    *,
    kind: str,
    template: str,
    path: str,
    **context: object,
) -> None:
    """Queue one message for an active account, rendered in the account's language."""
    if not user.active:
        return
    locale = user.locale if user.locale in tenant.locales else tenant.default_locale
    queue_message(
        session,
        kind=kind,
        recipient=user.email,
        locale=locale,
        template=template,
        network=tenant.name(locale),
        name=user.name,
        link=page_url(session, tenant, path),
        **context,
    )


def coordinators(session: Session) -> list[User]:
    """The active coordinators of the session's network."""
    return list(
        session.scalars(
            sa.select(User)
            .join(
                UserRole,
                sa.and_(UserRole.user_id == User.id, UserRole.tenant_id == User.tenant_id),
            )
            .where(UserRole.role == Role.COORDINATOR, User.active.is_(True))
            .order_by(User.id)
        )
    )
