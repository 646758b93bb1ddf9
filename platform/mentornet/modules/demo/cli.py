"""`mentornet demo`: a database with the reference networks and realistic members, ready to try."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from mentornet.core import migrations
from mentornet.extensions import db
from mentornet.modules.accounts.passwords import hash_password
from mentornet.modules.demo.operations import (
    DemoAccount,
    create_staff_accounts,
    demo_member_count,
    generate_members,
    reference_packs,
)
from mentornet.modules.operators.operations import demo_operator
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import get_tenant_by_slug, import_tenant, tenant_session
from mentornet.modules.tenants.packs import read_pack

DEFAULT_MEMBERS = 200  # per network: `make demo` starts in a few seconds


DEMO_OPERATOR = "operator@mentornet.example"


@click.command("demo")
@click.option(
    "--members",
    type=click.IntRange(min=0),
    default=DEFAULT_MEMBERS,
    show_default=True,
    help="Synthetic members (mentees and mentors) to create in each network; 0 for staff only.",
)
@click.option(
    "--tenant",
    "tenants",
    multiple=True,
    metavar="SLUG",
    help="Only this network (repeatable); default: every network in TENANTS_DIR.",
)
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same members.")
@with_appcontext
def demo(members: int, tenants: tuple[str, ...], seed: int) -> None:
    """Migrate, import every pack in TENANTS_DIR, create demo staff and synthetic members."""
    started = time.perf_counter()
    config = current_app.config
    migrations.upgrade()
    slugs = []
    for pack in reference_packs(Path(config["TENANTS_DIR"])):
        slugs.append(import_tenant(db.session, read_pack(pack), actor="demo").slug)
    db.session.commit()
    for slug in tenants:
        if slug not in slugs and get_tenant_by_slug(db.session, slug) is None:
            raise click.BadParameter(f"there is no network called {slug}", param_hint="--tenant")
    password = config["DEMO_PASSWORD"]
    member_hash = hash_password(password) if members else ""
    accounts: list[DemoAccount] = []
    for slug in tenants or tuple(slugs):
        with tenant_session(slug) as (session, tenant):
            accounts += create_staff_accounts(session, tenant, password)
            session.commit()
            if members:
                accounts += _members(session, tenant, members, seed, member_hash)
    demo_operator(db.session, DEMO_OPERATOR, password)
    db.session.commit()
    accounts.append(
        DemoAccount(
            "platform", DEMO_OPERATOR, "operator",
            "/operator/login; sets up an authenticator app (TOTP) at the first login",
        )
    )  # fmt: skip
    _print_accounts(accounts, password)
    click.echo(f"Ready in {time.perf_counter() - started:.1f} s.\n")


def _members(
    session: Session, tenant: Tenant, members: int, seed: int, password_hash: str
) -> list[DemoAccount]:
    existing = demo_member_count(session, tenant)
    if existing:
        click.echo(
            f"{tenant.slug}: {existing} demo members already; none added "
            "(start from a fresh database to generate them again)."
        )
        return []
    click.echo(f"{tenant.slug}: generating {members} members (seed {seed}) ...")
    clock = [time.perf_counter()]
    first = clock[0]

    def progress(stage: str) -> None:
        now = time.perf_counter()
        click.echo(f"  {stage:<62} {now - clock[0]:6.1f} s")
        clock[0] = now

    result = generate_members(
        session, tenant, members=members, seed=seed, password_hash=password_hash, progress=progress
    )
    session.commit()
    progress("committed")
    click.echo(
        f"{tenant.slug}: {result.mentees} mentees, {result.mentors} mentors, "
        f"{result.mentorships} mentorships in {time.perf_counter() - first:.1f} s"
    )
    return result.accounts


def _print_accounts(accounts: list[DemoAccount], password: str) -> None:
    click.echo(f"\nDemo accounts (password: {password}):")
    width = max((len(a.email) for a in accounts), default=0)
    click.echo(f"  {'network':<10} {'account':<{width}}  {'role':<12} what")
    for account in accounts:
        click.echo(
            f"  {account.tenant:<10} {account.email:<{width}}  {account.role:<12} {account.what}"
        )
    click.echo("")
