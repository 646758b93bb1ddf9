"""Core commands: database migrations and the development server."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import run_simple

from mentornet.core import migrations


@click.group("db")
def db_group() -> None:
    """Database schema migrations."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    migrations.upgrade(revision)
    click.echo(f"database at {migrations.migration_state()[0]}")


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION ("base" removes every table)."""
    migrations.downgrade(revision)
    click.echo(f"database at {migrations.migration_state()[0]}")


@db_group.command("current")
@with_appcontext
def db_current() -> None:
    """Show the database's revision and the newest one."""
    current, head = migrations.migration_state()
    click.echo(f"database: {current}\nnewest:   {head}")


@db_group.command("revision")
@click.option("-m", "--message", required=True)
@with_appcontext
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    from alembic import command

    command.revision(migrations.alembic_config(), message=message, autogenerate=True)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, envvar="PORT")
@with_appcontext
def serve(host: str, port: int) -> None:
    """Serve the app with the development server (use gunicorn in production)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config["ENV"] == "production":
        raise click.UsageError("use gunicorn in production: see deploy/gunicorn.conf.py")
    click.echo(f"Mentornet on http://{host}:{port}/  (Ctrl+C stops it)")
    if not app.config["SECOND_FACTOR_REQUIRED"]:
        click.echo(
            "Second factor offered, not required (SECOND_FACTOR_REQUIRED = false): staff accounts "
            "sign in with the password alone until they set up an authenticator app at "
            "/<network>/account/second-factor. Production requires it."
        )
    # Flask refuses app.run() inside its own CLI; the same server, started directly.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)
