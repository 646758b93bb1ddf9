"""Creating, updating, exporting, suspending and resuming tenants."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.tenancy import bind_tenant, system_scope
from mentornet.extensions import db
from mentornet.modules.tenants.models import Tenant, TenantHost, TenantSettingsVersion, TenantStatus
from mentornet.modules.tenants.signals import tenant_hosts_changed

log = logging.getLogger(__name__)


def get_tenant_by_slug(session: Session, slug: str) -> Tenant | None:
    return session.scalar(sa.select(Tenant).where(Tenant.slug == slug))


def list_tenants(session: Session) -> list[Tenant]:
    return list(session.scalars(sa.select(Tenant).order_by(Tenant.slug)))


def import_tenant(
    session: Session, settings: dict[str, Any], actor: str, reason: str = ""
) -> Tenant:
    """Create the tenant a validated pack describes, or bring an existing one in line with it."""
    tenant = get_tenant_by_slug(session, settings["slug"])
    if tenant is None:
        tenant = Tenant(slug=settings["slug"], settings_version=0)
        session.add(tenant)
    elif tenant.settings == settings:
        return tenant
    tenant.status = TenantStatus(settings["status"])
    tenant.default_locale = settings["default_locale"]
    tenant.locales = list(settings["locales"])
    tenant.settings = settings
    tenant.settings_version += 1
    session.flush()
    with system_scope(session):
        _sync_hosts(session, tenant, settings["hosts"])
        session.add(
            TenantSettingsVersion(
                tenant_id=tenant.id,
                version=tenant.settings_version,
                settings=settings,
                changed_by=actor,
                reason=reason,
            )
        )
        session.flush()
    log.info(
        "tenant %s imported as settings version %s by %s",
        tenant.slug,
        tenant.settings_version,
        actor,
    )
    return tenant


def export_tenant(tenant: Tenant) -> dict[str, Any]:
    """The tenant's settings as a method pack document; importing it changes nothing."""
    return {**tenant.settings, "status": tenant.status.value}


def set_tenant_status(session: Session, tenant: Tenant, status: TenantStatus, actor: str) -> None:
    """Suspend or resume a network; a suspended network's pages answer 503."""
    if tenant.status is status:
        return
    settings = {**tenant.settings, "status": status.value}
    import_tenant(session, settings, actor, reason=f"status set to {status.value}")


def host_map(session: Session) -> dict[str, str]:
    """Every tenant host name and the slug it serves."""
    with system_scope(session):
        rows = session.execute(
            sa.select(TenantHost.hostname, Tenant.slug).join(
                Tenant, Tenant.id == TenantHost.tenant_id
            )
        )
        return {hostname: slug for hostname, slug in rows}  # noqa: C416  (rows are Row objects)


def _sync_hosts(session: Session, tenant: Tenant, hostnames: list[str]) -> None:
    wanted = {name.lower() for name in hostnames}
    taken = session.scalars(
        sa.select(TenantHost.hostname).where(
            TenantHost.hostname.in_(wanted), TenantHost.tenant_id != tenant.id
        )
    ).all()
    if taken:
        raise DomainError(
            _l("Host %(hosts)s already serves another network.", hosts=", ".join(sorted(taken))),
            field="hosts",
        )
    existing = {
        host.hostname: host
        for host in session.scalars(sa.select(TenantHost).where(TenantHost.tenant_id == tenant.id))
    }
    for name, host in existing.items():
        if name not in wanted:
            session.delete(host)
    for name in sorted(wanted - existing.keys()):
        session.add(TenantHost(tenant_id=tenant.id, hostname=name))
    if wanted != existing.keys():
        tenant_hosts_changed.send(tenant)


@contextmanager
def tenant_session(slug: str) -> Iterator[tuple[Session, Tenant]]:
    """A new session bound to one tenant, for commands and jobs; the caller commits."""
    session = db.new_session()
    try:
        tenant = get_tenant_by_slug(session, slug)
        if tenant is None:
            raise DomainError(_l("There is no network called %(slug)s.", slug=slug), field="tenant")
        bind_tenant(session, tenant.id)
        yield session, tenant
    finally:
        session.close()
