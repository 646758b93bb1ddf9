"""E-mails about a pair, each in its recipient's language, through the outbox."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.outbox.operations import queue_message
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant, TenantHost

EVENTS = ("requested", "proposed", "agreed", "declined", "expired")


def notify(
    session: Session,
    tenant: Tenant,
    mentorship: Mentorship,
    event: str,
    *,
    recipients: list[Profile],
) -> None:
    """Queue one message per recipient about what happened to the pair."""
    for profile in recipients:
        user = session.get(User, profile.user_id)
        if user is None or not user.active:
            continue
        locale = user.locale if user.locale in tenant.locales else tenant.default_locale
        queue_message(
            session,
            kind=f"mentorship_{event}",
            recipient=user.email,
            locale=locale,
            template=f"mentorships/email/{event}.txt",
            network=tenant.name(locale),
            name=user.name,
            link=member_page_url(session, tenant),
        )


def member_page_url(session: Session, tenant: Tenant) -> str:
    """An absolute link to the member's page, on the tenant's own host when it has one."""
    if has_request_context():
        return url_for("portal.me", tenant_slug=tenant.slug, _external=True)
    # The session is bound to this tenant, so its own host rows are visible.
    host = session.scalar(
        sa.select(TenantHost.hostname).where(TenantHost.tenant_id == tenant.id).limit(1)
    )
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    return f"{base}/{tenant.slug}/me/" if host is None else f"https://{host}/me/"
