"""Every module's models, imported so the metadata (and Alembic) knows each table."""

from mentornet.modules.accounts.models import LoginSession, User, UserRole
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.models import Tenant, TenantHost, TenantSettingsVersion

__all__ = [
    "LoginSession",
    "OutboxMessage",
    "Tenant",
    "TenantHost",
    "TenantSettingsVersion",
    "User",
    "UserRole",
]
