"""The admin's changes to the network's logo, audited (the image work is in tenants/logos.py)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.audit.operations import record
from mentornet.modules.tenants.logos import store_logo
from mentornet.modules.tenants.models import Tenant


def change_logo(session: Session, tenant: Tenant, data: bytes, actor: User) -> None:
    logo = store_logo(session, tenant, data, actor.id)
    record(session, actor_id=actor.id, action="logo_changed", subject_type="tenant",
           subject_id=tenant.id, detail=f"{logo.width}x{logo.height} {logo.sha256[:12]}")  # fmt: skip


def remove_logo(session: Session, tenant: Tenant, actor: User) -> None:
    if tenant.logo_sha256 is None:
        return
    tenant.logo_sha256 = None
    session.flush()
    record(session, actor_id=actor.id, action="logo_removed", subject_type="tenant",
           subject_id=tenant.id)  # fmt: skip
