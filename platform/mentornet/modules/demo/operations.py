"""Demo data: the reference networks and their staff accounts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import Role
from mentornet.modules.accounts.operations import create_user, get_user_by_email
from mentornet.modules.tenants.models import Tenant

STAFF_ACCOUNTS = (
    ("coordinator", "Coordinator", Role.COORDINATOR),
    ("admin", "Administrator", Role.ADMIN),
    ("translator", "Translator", Role.TRANSLATOR),
)


@dataclass(frozen=True)
class DemoAccount:
    tenant: str
    email: str
    role: str


def reference_packs(tenants_dir: Path) -> list[Path]:
    return sorted(path.parent for path in tenants_dir.glob("*/tenant.toml"))


def create_staff_accounts(session: Session, tenant: Tenant, password: str) -> list[DemoAccount]:
    """One coordinator, admin and translator per network (kept if they already exist)."""
    accounts = []
    for local, name, role in STAFF_ACCOUNTS:
        email = f"{local}@{tenant.slug}.example"
        if get_user_by_email(session, email) is None:
            create_user(
                session,
                email=email,
                name=f"{name} ({tenant.slug})",
                password=password,
                roles=[role],
                locale=tenant.default_locale,
            )
        accounts.append(DemoAccount(tenant.slug, email, role.value))
    return accounts
