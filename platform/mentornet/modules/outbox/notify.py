"""Links in e-mails: to the page where the action is, on the network's own host when it has one.

Whom to tell, and in which language, is the accounts module's business (accounts/notify.py): the
outbox delivers messages and knows nothing of accounts.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from sqlalchemy.orm import Session

from mentornet.modules.tenants.models import Tenant, TenantHost


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
