"""`mentornet retention run [--dry-run] [--tenant SLUG]` (deploy/systemd runs it daily)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("retention")
def retention_group() -> None:
    """Anonymise what the networks no longer need (docs/data-rights.md)."""


@retention_group.command("run")
@click.option("--dry-run", is_flag=True, help="Only count what is due; change nothing.")
@click.option("--tenant", "slugs", multiple=True, help="Only this network (repeatable).")
@with_appcontext
def run(dry_run: bool, slugs: tuple[str, ...]) -> None:
    """Anonymise the records each network's retention periods make due."""
    from mentornet.extensions import db
    from mentornet.modules.privacy.retention import KINDS, run_retention
    from mentornet.modules.tenants.operations import list_tenants, tenant_session

    known = [tenant.slug for tenant in list_tenants(db.session)]
    if unknown := [slug for slug in slugs if slug not in known]:
        raise click.BadParameter(f"no such network: {', '.join(unknown)}", param_hint="--tenant")
    for slug in slugs or known:
        with tenant_session(slug) as (session, tenant):
            counts = run_retention(session, tenant, dry_run=dry_run)
            if dry_run:
                session.rollback()
            else:
                session.commit()
        summary = ", ".join(f"{counts[kind]} {kind}" for kind in KINDS)
        click.echo(f"{slug}: {summary}{' (dry run: nothing changed)' if dry_run else ''}")
