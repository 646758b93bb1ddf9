"""`mentornet demo`: the reference networks and their staff, ready to log in."""

from __future__ import annotations

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.demo.cli import demo

from helpers import login, post_form


def test_demo_creates_staff_accounts_that_can_log_in(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        result = CliRunner().invoke(demo)
        again = CliRunner().invoke(demo)  # running it twice changes nothing
    assert result.exit_code == 0, result.output
    assert again.exit_code == 0, again.output
    for slug in ("denmark", "morocco", "men", "iceland"):
        for role in ("coordinator", "admin", "translator"):
            assert f"{role}@{slug}.example" in result.output
    password = app.config["DEMO_PASSWORD"]
    response = login(client, "morocco", "coordinator@morocco.example", password)
    assert response.headers["Location"] == "/morocco/staff/"
    # The operator, listed with the others; her password is right, and a code is asked next.
    assert "operator@mentornet.example" in result.output
    step = post_form(
        client, "/operator/login", {"email": "operator@mentornet.example", "password": password}
    )
    assert step.status_code == 303 and step.headers["Location"] == "/operator/login/code"
