"""User accounts (one per tenant), their roles and their login sessions."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Index, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from mentornet.core.db import Base
from mentornet.core.tenancy import TenantScoped, tenant_fk
from mentornet.core.types import str_enum, utcnow


class Role(enum.StrEnum):
    MEMBER = "member"
    COORDINATOR = "coordinator"
    ADMIN = "admin"
    TRANSLATOR = "translator"


STAFF_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})
# Roles that see other people's records: their accounts sign in with a second factor (TOTP).
SECOND_FACTOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR})


class User(TenantScoped, Base):
    """A person's account in one network; the same e-mail may hold an account in another."""

    __tablename__ = "users"
    __tenant_table_args__ = (
        UniqueConstraint("tenant_id", "email"),
        Index("ix_users_tenant_active", "tenant_id", "active"),  # the staff console's counts
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    confirmed_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the account was anonymised (modules/privacy): what stays holds nothing about her.
    erased_at: Mapped[datetime | None]

    roles: Mapped[list[UserRole]] = relationship(
        primaryjoin=lambda: and_(
            User.id == foreign(UserRole.user_id), User.tenant_id == UserRole.tenant_id
        ),
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    @property
    def role_names(self) -> frozenset[Role]:
        return frozenset(grant.role for grant in self.roles)

    def has_role(self, *roles: Role) -> bool:
        return bool(self.role_names.intersection(roles))

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def is_staff(self) -> bool:
        return self.has_role(*STAFF_ROLES)

    # Flask-Login protocol. The login session itself is checked in accounts/sessions.py.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class UserRole(TenantScoped, Base):
    """One role a user holds in her network."""

    __tablename__ = "user_roles"
    __tenant_table_args__ = (
        tenant_fk("user_id", "users", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "user_id", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    role: Mapped[Role] = mapped_column(str_enum(Role))


class LoginSession(TenantScoped, Base):
    """A server-side login: revoked at logout, password change and deactivation."""

    __tablename__ = "login_sessions"
    __tenant_table_args__ = (tenant_fk("user_id", "users", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


class PasswordResetToken(TenantScoped, Base):
    """An e-mailed reset link: only the SHA-256 of its random token is kept; used once, expires."""

    __tablename__ = "password_reset_tokens"
    __tenant_table_args__ = (tenant_fk("user_id", "users", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class SecondFactor(TenantScoped, Base):
    """A user's authenticator app (TOTP, RFC 6238): confirmed once a first code was right.

    The shared secret is kept as it is (an authenticator needs it, and the server must compute the
    same codes): whoever reads the database can make codes. docs/security.md names this gap.
    """

    __tablename__ = "second_factors"
    __tenant_table_args__ = (
        tenant_fk("user_id", "users", ondelete="CASCADE"),
        UniqueConstraint("tenant_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    # The time step of the last code accepted: a code works once, even within its 30 seconds.
    last_step: Mapped[int | None]


class RecoveryCode(TenantScoped, Base):
    """A one-time code for a lost phone: only its SHA-256 is kept."""

    __tablename__ = "recovery_codes"
    __tenant_table_args__ = (tenant_fk("user_id", "users", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int]
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime | None]


class StaffInvitation(TenantScoped, Base):
    """An admin's e-mailed invitation to work for the network with some staff roles.

    Like a reset link, only the SHA-256 of its random token is kept; it is accepted once, expires
    after INVITATION_MAX_AGE_DAYS and can be revoked before that.
    """

    __tablename__ = "staff_invitations"
    __tenant_table_args__ = (tenant_fk("invited_by_id", "users"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200))
    roles: Mapped[list[str]] = mapped_column(JSON)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None]  # None: a platform operator invited a new network's admin
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    @property
    def role_names(self) -> list[Role]:
        return [Role(role) for role in self.roles]
