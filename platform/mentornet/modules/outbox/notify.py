"""Links in e-mails: to the page where the action is, on the network's own host when it has one.

Never from the request: a forged Host header must not reach anybody's mailbox (reset poisoning).
Whom to tell, and in which language, is the accounts module's business (accounts/notify.py): the
outbox delivers messages and knows nothing of accounts.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from mentornet.modules.tenants.models import Tenant, TenantHost


def page_url(session: Session, tenant: Tenant, path: str = "/me/") -> str:
    """An absolute link to a page of the network (`path` as on its own host, "/me/")."""
    return network_root(session, tenant) + path


def network_root(session: Session, tenant: Tenant) -> str:
    """The network's first own host, with PUBLIC_BASE_URL's scheme and port; without one,
    PUBLIC_BASE_URL/<slug>. The same in a request and in a daily job."""
    base = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    # The session is bound to this tenant, so its own host rows are visible.
    host = session.scalar(
        sa.select(TenantHost.hostname)
        .where(TenantHost.tenant_id == tenant.id)
        .order_by(TenantHost.id)
        .limit(1)
    )
    if host is None:
        return f"{base}/{tenant.slug}"
    parts = urlsplit(base)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"
