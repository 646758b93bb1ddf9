"""`mentornet demo`: a database with the reference networks, ready to try."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from mentornet.core import migrations
from mentornet.extensions import db
from mentornet.modules.demo.operations import create_staff_accounts, reference_packs
from mentornet.modules.tenants.operations import import_tenant, tenant_session
from mentornet.modules.tenants.packs import read_pack


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Migrate, import every pack in TENANTS_DIR and create the demo staff accounts."""
    config = current_app.config
    migrations.upgrade()
    packs = reference_packs(Path(config["TENANTS_DIR"]))
    slugs = []
    for pack in packs:
        tenant = import_tenant(db.session, read_pack(pack), actor="demo")
        slugs.append(tenant.slug)
    db.session.commit()
    password = config["DEMO_PASSWORD"]
    click.echo(f"\nDemo accounts (password: {password}):")
    for slug in slugs:
        with tenant_session(slug) as (session, tenant):
            accounts = create_staff_accounts(session, tenant, password)
            session.commit()
        for account in accounts:
            click.echo(f"  {account.tenant:<10} {account.role:<12} {account.email}")
    click.echo("")
