"""`mentornet users create`: validated like the web forms, one network at a time."""

from __future__ import annotations

from click.testing import CliRunner
from flask import Flask

from mentornet.modules.accounts.cli import users_group
from mentornet.modules.accounts.models import Role
from mentornet.modules.accounts.operations import get_user_by_email
from mentornet.modules.tenants.operations import tenant_session


def _create(app: Flask, *args: str) -> tuple[int, str]:
    with app.app_context():
        result = CliRunner().invoke(users_group, ["create", *args])
    return result.exit_code, result.output


def test_creates_a_coordinator_in_one_network(app: Flask) -> None:
    code, output = _create(
        app,
        "--tenant", "morocco", "--email", "Coord@Example.org", "--name", "Nadia",
        "--role", "coordinator", "--password", "long enough password",
    )  # fmt: skip
    assert code == 0, output
    with app.app_context(), tenant_session("morocco") as (session, _):
        user = get_user_by_email(session, "coord@example.org")
        assert user is not None
        assert user.role_names == {Role.COORDINATOR}
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert get_user_by_email(session, "coord@example.org") is None


def test_refuses_bad_input_naming_the_option(app: Flask) -> None:
    code, output = _create(
        app, "--tenant", "denmark", "--email", "not-an-email", "--name", "X", "--password", "short"
    )
    assert code == 1
    assert "--email: Enter a valid e-mail address." in output
    assert "--password: Use at least 10 characters." in output


def test_refuses_an_unknown_network_and_a_duplicate(app: Flask) -> None:
    args = ["--email", "a@example.org", "--name", "A", "--password", "long enough password"]
    assert _create(app, "--tenant", "atlantis", *args) == (
        1,
        "--tenant: There is no network called atlantis.\n",
    )
    assert _create(app, "--tenant", "men", *args)[0] == 0
    code, output = _create(app, "--tenant", "men", *args)
    assert code == 1
    assert "--email: An account with this e-mail address already exists." in output
