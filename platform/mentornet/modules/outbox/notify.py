"""Telling a person that something needs her or his action: one e-mail, in their language.

The message links to the page where the action is, on the network's own host when it has one.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.tenants.models import Tenant, TenantHost


def notify_user(
    session: Session, tenant: Tenant, user: User, *, kind: str, template: str, path: str
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


def page_url(session: Session, tenant: Tenant, path: str = "/me/") -> str:
    """An absolute link to a page of the network, on the tenant's own host when it has one."""
    if has_request_context():
        root = url_for("portal.index", tenant_slug=tenant.slug, _external=True).rstrip("/")
        return f"{root}{path}"
    # The session is bound to this tenant, so its own host rows are visible.
    host = session.scalar(
        sa.select(TenantHost.hostname).where(TenantHost.tenant_id == tenant.id).limit(1)
    )
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/{tenant.slug}{path}" if host is None else f"https://{host}{path}"
