"""`mentornet profiles import FILE --tenant SLUG [--dry-run] [--skip-bad-rows]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from mentornet.core.errors import DomainError
from mentornet.modules.profiles.importing import import_profiles, read_rows
from mentornet.modules.tenants.operations import tenant_session


@click.group("profiles")
def profiles_group() -> None:
    """Members' profiles."""


@profiles_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tenant", "slug", required=True, help="The network's slug.")
@click.option("--dry-run", is_flag=True, help="Check every row and report; save nothing.")
@click.option("--skip-bad-rows", is_flag=True, help="Import the good rows even if some fail.")
@with_appcontext
def import_command(file: Path, slug: str, dry_run: bool, skip_bad_rows: bool) -> None:
    """Import existing members from a CSV file (UTF-8; comma or semicolon separated)."""
    try:
        with tenant_session(slug) as (session, tenant):
            report = import_profiles(
                session,
                tenant,
                read_rows(file.read_bytes()),
                actor=None,
                skip_bad_rows=skip_bad_rows,
                dry_run=dry_run,
            )
            session.commit()
            for problem in report.problems:
                click.echo(f"{file}:{problem.row}: {problem.field}: {problem.message}", err=True)
            if dry_run or (report.problems and not skip_bad_rows):
                verb = "would import" if dry_run and report.ok else "imported"
                count = report.imported if dry_run and report.ok else 0
            else:
                verb, count = "imported", report.imported
    except DomainError as error:
        click.echo(f"{file}: {error}", err=True)
        sys.exit(1)
    click.echo(f"{report.rows} rows: {verb} {count}, {len(report.problems)} with problems")
    if report.problems and not skip_bad_rows:
        sys.exit(1)
