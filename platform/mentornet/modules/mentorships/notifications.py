"""E-mails about a pair, each in its recipient's language, through the outbox.

One message for every step that needs someone to act: answer a proposal, make or confirm the plan,
check in, give results and an evaluation, and for staff a member's "please contact me".
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant, TenantHost

# Events whose link goes to the pair's page rather than the member's front page.
CYCLE_EVENTS = frozenset({"agreed", "confirm_plan", "active", "closing", "check_in_due"})
EVENTS = (
    "requested",
    "proposed",
    "agreed",
    "declined",
    "expired",
    "confirm_plan",
    "active",
    "check_in_due",
    "closing",
    "completed",
    "ended_early",
)
STAFF_EVENTS = ("contact_requested",)


def notify(
    session: Session,
    tenant: Tenant,
    mentorship: Mentorship,
    event: str,
    *,
    recipients: list[Profile],
) -> None:
    """Queue one message per recipient about what happened to the pair."""
    path = f"/me/mentorships/{mentorship.id}" if event in CYCLE_EVENTS else "/me/"
    for profile in recipients:
        user = session.get(User, profile.user_id)
        if user is not None and user.active:
            _queue(session, tenant, user, f"mentorship_{event}", event, path)


def notify_staff(session: Session, tenant: Tenant, mentorship: Mentorship, event: str) -> None:
    """Tell the network's coordinators, each in her own language."""
    coordinators = session.scalars(
        sa.select(User)
        .join(UserRole, sa.and_(UserRole.user_id == User.id, UserRole.tenant_id == User.tenant_id))
        .where(UserRole.role == Role.COORDINATOR, User.active.is_(True))
    )
    for user in coordinators:
        _queue(
            session, tenant, user, f"staff_{event}", event, f"/staff/mentorships/{mentorship.id}"
        )


def _queue(session: Session, tenant: Tenant, user: User, kind: str, event: str, path: str) -> None:
    locale = user.locale if user.locale in tenant.locales else tenant.default_locale
    queue_message(
        session,
        kind=kind,
        recipient=user.email,
        locale=locale,
        template=f"mentorships/email/{event}.txt",
        network=tenant.name(locale),
        name=user.name,
        link=page_url(session, tenant, path),
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
