"""`mentornet tenants ...`: validate, import, export and list method packs."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from mentornet.core.errors import DomainError
from mentornet.extensions import db
from mentornet.modules.tenants import operations
from mentornet.modules.tenants.models import TenantStatus
from mentornet.modules.tenants.packs import PackError, dump_pack, read_pack


@click.group("tenants")
def tenants_group() -> None:
    """Networks and their method packs."""


@tenants_group.command("validate")
@click.argument("locations", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_appcontext
def validate_packs(locations: tuple[Path, ...]) -> None:
    """Check method packs (folders or tenant.toml files) without importing them."""
    failed = False
    for location in locations:
        try:
            settings = read_pack(location)
        except PackError as error:
            failed = True
            for problem in error.problems:
                click.echo(str(problem), err=True)
        else:
            click.echo(f"{location}: ok ({settings['slug']}, {', '.join(settings['locales'])})")
    if failed:
        sys.exit(1)


@tenants_group.command("import")
@click.argument("locations", nargs=-1, required=True, type=click.Path(path_type=Path))
@with_appcontext
def import_packs(locations: tuple[Path, ...]) -> None:
    """Create or update networks from method packs; all or nothing."""
    try:
        for location in locations:
            tenant = operations.import_tenant(db.session, read_pack(location), actor="cli")
            click.echo(f"{tenant.slug}: settings version {tenant.settings_version}")
    except (PackError, DomainError) as error:
        db.session.rollback()
        click.echo(str(error), err=True)
        sys.exit(1)
    db.session.commit()


@tenants_group.command("export")
@click.argument("slug")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="Write here instead of stdout."
)
@with_appcontext
def export_pack(slug: str, output: Path | None) -> None:
    """Write a network's settings as a method pack."""
    tenant = operations.get_tenant_by_slug(db.session, slug)
    if tenant is None:
        raise click.BadParameter(f"no network {slug!r}", param_hint="SLUG")
    text = dump_pack(operations.export_tenant(tenant))
    if output is None:
        click.echo(text, nl=False)
        return
    target = output / "tenant.toml" if output.is_dir() else output
    target.write_text(text, encoding="utf-8")
    click.echo(f"written {target}")


@tenants_group.command("list")
@with_appcontext
def list_packs() -> None:
    """The networks on this platform."""
    for tenant in operations.list_tenants(db.session):
        click.echo(
            f"{tenant.slug}\t{tenant.status.value}\t{','.join(tenant.locales)}\t{tenant.name('en')}"
        )


@tenants_group.command("suspend")
@click.argument("slug")
@with_appcontext
def suspend(slug: str) -> None:
    """Take a network offline (its pages answer 503)."""
    _set_status(slug, TenantStatus.SUSPENDED)


@tenants_group.command("resume")
@click.argument("slug")
@with_appcontext
def resume(slug: str) -> None:
    """Bring a suspended network back."""
    _set_status(slug, TenantStatus.ACTIVE)


def _set_status(slug: str, status: TenantStatus) -> None:
    tenant = operations.get_tenant_by_slug(db.session, slug)
    if tenant is None:
        raise click.BadParameter(f"no network {slug!r}", param_hint="SLUG")
    operations.set_tenant_status(db.session, tenant, status, actor="cli")
    db.session.commit()
    click.echo(f"{slug}: {status.value}")
