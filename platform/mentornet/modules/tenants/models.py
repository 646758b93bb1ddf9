"""Tenants (networks), their hosts and the history of their settings."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKeyConstraint, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped
from mentornet.core.types import str_enum, utcnow
from mentornet.modules.tenants.config import TenantConfig


class TenantStatus(enum.StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class Tenant(Base):
    """One mentor network. Its settings document is the validated content of its tenant.toml."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[TenantStatus] = mapped_column(
        str_enum(TenantStatus), default=TenantStatus.ACTIVE
    )
    default_locale: Mapped[str] = mapped_column(String(10))
    locales: Mapped[list[str]]
    settings: Mapped[dict[str, Any]]
    settings_version: Mapped[int] = mapped_column(default=1)
    # The SHA-256 of the logo in use (a row of tenant_logos), or None: read with the network on
    # every request, so pages know whether to show a logo without another query.
    logo_sha256: Mapped[str | None] = mapped_column(String(64))
    # A new random number on every change of the network's wording overrides (0: never had any);
    # the key of each worker's cache of them (modules/translations/overrides.py).
    overrides_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    @property
    def config(self) -> TenantConfig:
        """The settings as typed objects, built once per settings version of this instance."""
        built = self.__dict__.get("_config")
        if built is None or built[0] != (self.settings_version, id(self.settings)):
            key = (self.settings_version, id(self.settings))
            built = (key, TenantConfig.from_document(self.settings))
            self.__dict__["_config"] = built
        return built[1]

    @property
    def is_suspended(self) -> bool:
        return self.status is TenantStatus.SUSPENDED

    def name(self, locale: str) -> str:
        """The network's name in a locale, falling back to its default locale."""
        return localized(self.config.name, locale, self.default_locale)

    def goal_labels(self, locale: str) -> dict[str, str]:
        """The goals catalogue's names in a locale, by key, in the catalogue's order."""
        return {
            goal.key: localized(goal.label, locale, self.default_locale)
            for goal in self.config.goals
        }


class TenantHost(TenantScoped, Base):
    """A host name that serves one tenant without the /<slug>/ path prefix."""

    __tablename__ = "tenant_hosts"

    id: Mapped[int] = mapped_column(primary_key=True)
    hostname: Mapped[str] = mapped_column(String(253), unique=True)


class TenantSettingsVersion(TenantScoped, Base):
    """Every settings document a tenant has had, with who changed it and why."""

    __tablename__ = "tenant_settings_versions"
    __tenant_table_args__ = (
        UniqueConstraint("tenant_id", "version"),
        ForeignKeyConstraint(["tenant_id", "author_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int]
    settings: Mapped[dict[str, Any]]
    # Who changed it: a person of the network (author_id), or, for a pack imported from a
    # file or the demo, what did it (changed_by: "cli", "demo").
    author_id: Mapped[int | None]
    changed_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TenantLogo(TenantScoped, Base):
    """A logo an admin uploaded, as re-encoded PNG (tenants/logos.py); every one is kept."""

    __tablename__ = "tenant_logos"
    __tenant_table_args__ = (
        UniqueConstraint("tenant_id", "sha256"),
        ForeignKeyConstraint(["tenant_id", "uploaded_by_id"], ["users.tenant_id", "users.id"]),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    uploaded_by_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def localized(texts: Mapping[str, str], locale: str, fallback: str) -> str:
    """Pick a text from a {locale: text} mapping: the locale, its fallback, then any."""
    for candidate in (locale, locale.split("_")[0], fallback):
        if texts.get(candidate):
            return texts[candidate]
    return next(iter(texts.values()), "")
