"""Creating, updating, exporting, suspending and resuming tenants."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Protocol

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from marshmallow import ValidationError
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.schemas import errors_by_path
from mentornet.core.tenancy import bind_tenant, system_scope
from mentornet.extensions import db
from mentornet.modules.tenants.config import TenantConfig
from mentornet.modules.tenants.models import Tenant, TenantHost, TenantSettingsVersion, TenantStatus
from mentornet.modules.tenants.schemas import TenantPackSchema
from mentornet.modules.tenants.signals import settings_keys_in_use, tenant_hosts_changed


class Author(Protocol):
    """Who changes settings: an account of the network (accounts imports tenants, not back)."""

    id: int
    email: str


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
    _apply_document(session, tenant, settings)
    with system_scope(session):
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


# Parts of the settings the admin console may change; slug and status have their own operations.
EDITABLE_SECTIONS = frozenset(TenantPackSchema().fields) - {"slug", "status"}


class InvalidSettingsError(DomainError):
    """A settings change the pack schema refused; errors name each field by its dotted path."""

    def __init__(self, section: str, errors: dict[str, list[str]]) -> None:
        first = next(iter(errors.values()))[0]
        super().__init__(first, field=section)
        self.errors = errors


class SettingsChangedMeanwhileError(DomainError):
    """The settings were saved by someone else after this form was opened: nothing is overwritten.

    `theirs` are the versions saved since, oldest first, so the page can show the other change.
    """

    def __init__(self, section: str, theirs: list[TenantSettingsVersion]) -> None:
        super().__init__(
            _l(
                "Someone else changed these settings meanwhile, so yours were not saved. "
                "Look at their change below, then make yours again."
            ),
            field=section,
        )
        self.theirs = theirs


def update_tenant_settings(
    session: Session,
    tenant: Tenant,
    section: str,
    data: Any,
    *,
    actor: Author,
    reason: str,
    expected_version: int | None = None,
) -> TenantSettingsVersion:
    """Change one section of a network's settings, validated by the schema of tenant.toml.

    The result is a new settings version authored by `actor`. A goal or question key that stored
    records still use cannot be removed (retire it instead: it is then no longer offered).
    `expected_version` is the version the form was made from: when another save came in between,
    the change is refused instead of overwriting it (and the unique version number keeps two
    simultaneous saves from both landing).
    """
    return change_tenant_settings(
        session,
        tenant,
        {section: data},
        actor=actor,
        reason=reason,
        expected_version=expected_version,
    )


def change_tenant_settings(
    session: Session,
    tenant: Tenant,
    changes: Mapping[str, Any],
    *,
    actor: Author,
    reason: str,
    expected_version: int | None = None,
) -> TenantSettingsVersion:
    """Change several sections at once (one page of the admin console), as one new version.

    The same rules as update_tenant_settings: the whole document is validated, nothing is saved
    when any field is wrong, and a save from an older version than the stored one is refused.
    """
    first = next(iter(changes), "section")
    if not changes or not set(changes) <= EDITABLE_SECTIONS:
        raise DomainError(_l("This part of the settings cannot be changed here."), field="section")
    if expected_version is not None:
        current = session.scalar(
            sa.select(Tenant.settings_version).where(Tenant.id == tenant.id).with_for_update()
        )
        if current != expected_version:
            raise SettingsChangedMeanwhileError(first, versions_since(session, expected_version))
    validated = validated_settings(tenant, changes)
    _refuse_removing_used_keys(session, tenant.config, TenantConfig.from_document(validated))
    _apply_document(session, tenant, validated)
    version = TenantSettingsVersion(
        tenant_id=tenant.id,
        version=tenant.settings_version,
        settings=validated,
        author_id=actor.id,
        changed_by=actor.email,
        reason=reason.strip()[:500],
    )
    session.add(version)
    session.flush()
    log.info("tenant %s: %s changed by user %s (version %s)", tenant.slug, ", ".join(changes),
             actor.id, tenant.settings_version)  # fmt: skip
    return version


def try_tenant_settings(
    session: Session,
    tenant: Tenant,
    changes: Mapping[str, Any],
    *,
    actor: Author,
    expected_version: int | None = None,
) -> None:
    """Run change_tenant_settings and undo it (a savepoint rolled back): whatever the save would
    refuse is refused now, and nothing is stored either way (a preview before a save)."""
    with session.begin_nested() as trial:
        change_tenant_settings(
            session, tenant, changes, actor=actor, reason="", expected_version=expected_version
        )
        trial.rollback()


def validated_settings(tenant: Tenant, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The whole document with `changes` applied, validated by the schema of tenant.toml, without
    saving anything (a preview uses it as it is; change_tenant_settings then stores it)."""
    first = next(iter(changes), "section")
    document = {**copy.deepcopy(tenant.settings), **copy.deepcopy(dict(changes))}
    try:
        validated: dict[str, Any] = TenantPackSchema().load(document)
    except ValidationError as error:
        raise InvalidSettingsError(first, errors_by_path(error.messages)) from error
    return validated


def restore_settings_version(
    session: Session,
    tenant: Tenant,
    old: TenantSettingsVersion,
    *,
    actor: Author,
    reason: str = "",
    expected_version: int | None = None,
) -> TenantSettingsVersion:
    """Make an earlier version's settings the current ones again, as a new version.

    Slug and status keep their current values (they have operations of their own); the restored
    document passes the same validation and key-in-use checks as any other change.
    """
    restored = {name: value for name, value in old.settings.items() if name in EDITABLE_SECTIONS}
    note = f"restored version {old.version}"
    return change_tenant_settings(
        session,
        tenant,
        restored,
        actor=actor,
        reason=f"{note}: {reason.strip()}" if reason.strip() else note,
        expected_version=expected_version,
    )


def versions_since(session: Session, version: int) -> list[TenantSettingsVersion]:
    """The settings versions of the current network saved after `version`, oldest first."""
    return list(
        session.scalars(
            sa.select(TenantSettingsVersion)
            .where(TenantSettingsVersion.version > version)
            .order_by(TenantSettingsVersion.version)
        )
    )


def _refuse_removing_used_keys(session: Session, old: TenantConfig, new: TenantConfig) -> None:
    removed = {
        "goal": set(old.goal_keys) - set(new.goal_keys),
        "question": {q["key"] for q in old.questionnaire} - {q["key"] for q in new.questionnaire},
    }
    for kind, keys in removed.items():
        if not keys:
            continue
        used: dict[str, int] = {}
        for _receiver, counts in settings_keys_in_use.send(session, kind=kind, keys=keys):
            for key, count in (counts or {}).items():
                used[key] = used.get(key, 0) + count
        if used:
            key = sorted(used)[0]
            field = "goals" if kind == "goal" else "questionnaire"
            raise DomainError(
                lazy_ngettext(
                    "“%(key)s” is used by %(num)d record, so it cannot be removed. Retire it instead: it is then no longer offered.",
                    "“%(key)s” is used by %(num)d records, so it cannot be removed. Retire it instead: it is then no longer offered.",
                    used[key],
                    key=key,
                ),
                field=field,
            )


def _apply_document(session: Session, tenant: Tenant, settings: dict[str, Any]) -> None:
    """Make the validated document the tenant's settings, with the columns that mirror it."""
    tenant.status = TenantStatus(settings["status"])
    tenant.default_locale = settings["default_locale"]
    tenant.locales = list(settings["locales"])
    tenant.settings = settings
    tenant.settings_version += 1
    session.flush()
    with system_scope(session):
        _sync_hosts(session, tenant, settings["hosts"])


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
