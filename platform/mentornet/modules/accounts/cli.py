"""`mentornet users ...`: create accounts from the command line."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from mentornet.core.errors import DomainError
from mentornet.core.schemas import ValidationError, flatten_errors
from mentornet.modules.accounts import second_factor
from mentornet.modules.accounts.models import Role
from mentornet.modules.accounts.operations import (
    create_user,
    get_user_by_email,
    refuse_weak_password,
)
from mentornet.modules.accounts.schemas import NewUserSchema, normalise_email
from mentornet.modules.tenants.operations import tenant_session


@click.group("users")
def users_group() -> None:
    """Accounts of a network."""


@users_group.command("create")
@click.option("--tenant", "slug", required=True, help="The network's slug.")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    default=["member"],
    show_default=True,
    type=click.Choice([r.value for r in Role]),
)
@click.option("--locale", default=None)
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create(
    slug: str, email: str, name: str, roles: tuple[str, ...], locale: str | None, password: str
) -> None:
    """Create an account in one network."""
    raw = {"email": email, "name": name, "password": password, "roles": list(roles)}
    if locale:
        raw["locale"] = locale
    try:
        data = NewUserSchema().load(raw)
        refuse_weak_password(data["password"], data["email"], data["name"])
        with tenant_session(slug) as (session, tenant):
            if data["locale"] and data["locale"] not in tenant.locales:
                raise DomainError(
                    f"locale must be one of {', '.join(tenant.locales)}", field="locale"
                )
            user = create_user(session, **data)
            session.commit()
            click.echo(f"created user {user.id} <{user.email}> in {slug} as {', '.join(roles)}")
    except ValidationError as error:
        for key, message in flatten_errors(error.messages):
            click.echo(f"--{key}: {message}", err=True)
        sys.exit(1)
    except DomainError as error:
        click.echo(f"--{error.field or 'tenant'}: {error}", err=True)
        sys.exit(1)


@users_group.command("reset-second-factor")
@click.option("--tenant", "slug", required=True, help="The network's slug.")
@click.option("--email", required=True)
@with_appcontext
def reset_second_factor(slug: str, email: str) -> None:
    """Remove an account's authenticator app and recovery codes (a lost phone, no code left).

    Check who is asking first: this is the step an attacker with a stolen password needs. The
    owner is e-mailed; where a second factor is required she sets up a new one at her next login.
    """
    with tenant_session(slug) as (session, tenant):
        user = get_user_by_email(session, normalise_email(email))
        if user is None:
            click.echo(f"--email: no account <{email}> in {slug}", err=True)
            sys.exit(1)
        had_one = second_factor.reset_by_operator(session, tenant, user)
        session.commit()
    if had_one:
        click.echo(f"second factor of <{user.email}> in {slug} removed; she sets up a new one")
    else:
        click.echo(f"<{user.email}> in {slug} had no second factor; nothing to remove")
