"""`mentornet operators ...`: platform operators, who belong to no network."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from mentornet.core.errors import DomainError
from mentornet.core.schemas import ValidationError, flatten_errors
from mentornet.extensions import db
from mentornet.modules.operators import operations
from mentornet.modules.operators.schemas import NewOperatorSchema


@click.group("operators")
def operators_group() -> None:
    """Platform operators (the operator console at /operator)."""


@operators_group.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.password_option(help="Asked for when not given.")
@with_appcontext
def create(email: str, name: str, password: str) -> None:
    """Create an operator; at her first login she sets up her authenticator app."""
    try:
        data = NewOperatorSchema().load({"email": email, "name": name, "password": password})
        operator = operations.create_operator(db.session, **data)
        db.session.commit()
    except ValidationError as error:
        for key, message in flatten_errors(error.messages):
            click.echo(f"--{key}: {message}", err=True)
        sys.exit(1)
    except DomainError as error:
        click.echo(f"--{error.field or 'email'}: {error}", err=True)
        sys.exit(1)
    click.echo(f"created operator {operator.id} <{operator.email}>; sign in at /operator/login")


@operators_group.command("reset-second-factor")
@click.option("--email", required=True)
@with_appcontext
def reset_second_factor(email: str) -> None:
    """Remove an operator's authenticator app (a lost phone); she sets up a new one at login."""
    operator = operations.get_operator_by_email(db.session, email.strip().lower())
    if operator is None:
        click.echo(f"--email: no operator <{email}>", err=True)
        sys.exit(1)
    operations.reset_second_factor(db.session, operator)
    db.session.commit()
    click.echo(f"second factor of <{operator.email}> removed; every login of hers ended")
