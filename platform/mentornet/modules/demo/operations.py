"""Demo data: the reference networks, their staff accounts and realistic synthetic members."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.accounts.operations import create_user, get_user_by_email
from mentornet.modules.demo.events import make_events
from mentornet.modules.demo.naming import WHAT
from mentornet.modules.demo.planner import plan_network
from mentornet.modules.demo.writer import Writer
from mentornet.modules.matching import operations as matching
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant

log = logging.getLogger(__name__)

STAFF_ACCOUNTS = (
    ("coordinator", "Coordinator", Role.COORDINATOR, "staff console: /{slug}/staff/"),
    ("admin", "Administrator", Role.ADMIN, "network administrator"),
    ("translator", "Translator", Role.TRANSLATOR, "translations"),
)
Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoAccount:
    tenant: str
    email: str
    role: str
    what: str = ""


@dataclass
class GeneratedNetwork:
    """What `mentornet demo` made in one network, for its summary."""

    tenant: str
    mentees: int = 0
    mentors: int = 0
    mentorships: int = 0
    drafts: int = 0
    accounts: list[DemoAccount] = field(default_factory=list)


def reference_packs(tenants_dir: Path) -> list[Path]:
    return sorted(path.parent for path in tenants_dir.glob("*/tenant.toml"))


def create_staff_accounts(session: Session, tenant: Tenant, password: str) -> list[DemoAccount]:
    """One coordinator, admin and translator per network (kept if they already exist)."""
    accounts = []
    for local, name, role, what in STAFF_ACCOUNTS:
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
        accounts.append(DemoAccount(tenant.slug, email, role.value, what.format(slug=tenant.slug)))
    return accounts


def demo_member_count(session: Session, tenant: Tenant) -> int:
    """Profiles of members with a demo address (…@<network>.example) in the network."""
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Profile)
            .join(User, sa.and_(User.id == Profile.user_id, User.tenant_id == Profile.tenant_id))
            .where(User.email.like(f"%@{tenant.slug}.example"))
        )
        or 0
    )


def generate_members(
    session: Session,
    tenant: Tenant,
    *,
    members: int,
    seed: int,
    password_hash: str,
    progress: Progress = lambda _stage: None,
    suggest: bool = True,
) -> GeneratedNetwork:
    """members synthetic members with their whole history; the staff accounts must exist.

    Every member's password is the demo password, hashed once by the caller. With `suggest`, a
    coordinator-run network also gets today's batch drafts (the benchmarks leave them out).
    """
    coordinator = get_user_by_email(session, f"coordinator@{tenant.slug}.example")
    if coordinator is None:
        raise LookupError(f"no demo coordinator in {tenant.slug}; create the staff accounts first")
    config = matching.matching_config(tenant)
    now = utcnow().replace(second=0, microsecond=0)
    network = plan_network(tenant.slug, tenant.config, config, members, seed, now)
    progress(f"planned {len(network.profiles)} profiles and {len(network.pairs)} mentorships")
    Writer(session, tenant, network, coordinator.id, progress).write(password_hash, config)
    drafts = 0
    if suggest and tenant.config.matching.mode == "coordinator":
        drafts = _suggest_pairs(session, tenant, coordinator)
        progress(f"batch suggestions: {drafts} drafts for the waiting mentees")
    events = make_events(session, tenant, coordinator, now, seed)
    progress(f"{events} coming events with their sign-ups")
    result = GeneratedNetwork(
        tenant.slug,
        mentees=sum(p.role.value == "mentee" for p in network.profiles),
        mentors=sum(p.role.value == "mentor" for p in network.profiles),
        mentorships=len(network.pairs) + drafts,
        drafts=drafts,
    )
    for local, index in network.named.items():
        profile = network.profiles[index]
        email = f"{local}@{tenant.slug}.example"
        what = f"{WHAT[local]} ({network.users[profile.user].name})"
        result.accounts.append(DemoAccount(tenant.slug, email, profile.role.value, what))
    log.info("demo: %s members generated in tenant %s (seed %s)", members, tenant.slug, seed)
    return result


def _suggest_pairs(session: Session, tenant: Tenant, coordinator: User) -> int:
    """Today's batch run, through the real matching: drafts for the coordinator to review."""
    batch = matching.start_batch(session, coordinator)
    matching.run_batch(session, tenant, batch, coordinator, save_progress=session.flush)
    return batch.drafts
