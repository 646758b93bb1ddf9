"""Passwords a person chooses must be hard to guess (zxcvbn): common ones, patterns and her own
name are refused, with the reason in her language, wherever a password is set."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask

from mentornet.modules.accounts.cli import users_group
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.strength import weakness
from mentornet.modules.tenants.operations import tenant_session

from helpers import PASSWORD, UserFactory, application_form, login, post_form

TOO_EASY_DA = "Adgangskoden er for let at gætte."


@pytest.mark.parametrize("password", ["1234567890", "password12", "qwertyuiop", "aaaaaaaaaaaa"])
def test_common_passwords_and_patterns_are_too_easy(password: str) -> None:
    assert weakness(password) is not None


def test_her_own_name_and_address_make_a_password_easy() -> None:
    assert weakness("aminahassan", ["amina.hassan@example.org", "Amina Hassan"]) is not None
    assert weakness(PASSWORD) is None and weakness("Kaffe i Aarhus efter kl. 9") is None


def test_the_reason_is_given_in_the_readers_language(app: Flask) -> None:
    with app.test_request_context("/denmark/?lang=da"):
        app.preprocess_request()
        assert weakness("1234567890") == (
            f"{TOO_EASY_DA} Det er en af de 100 mest brugte adgangskoder. "
            "Tilføj et ord eller to. Usædvanlige ord er bedst."
        )
    with app.test_request_context("/morocco/?lang=ar"):
        app.preprocess_request()
        assert weakness("password12", []).startswith("كلمة المرور هذه سهلة التخمين.")  # type: ignore[union-attr]


def test_applying_with_a_weak_password_is_refused_next_to_the_field(app: Flask) -> None:
    form = application_form("denmark", "mentee", email="amina@example.org")
    form |= {"password": "password12", "password_confirm": "password12"}
    response = post_form(app.test_client(), "/denmark/apply/mentee", form)
    assert response.status_code == 422
    assert re.search(rf'id="error-password-1">{TOO_EASY_DA}', response.get_data(as_text=True))
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_a_weak_new_password_is_refused_on_change_and_nothing_changes(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    client = app.test_client()
    login(client, "denmark", "amina@example.org")
    weak = {
        "current_password": PASSWORD,
        "password": "1234567890",
        "password_confirm": "1234567890",
    }
    response = post_form(client, "/denmark/password/change", weak)
    assert response.status_code == 422
    assert TOO_EASY_DA in response.get_data(as_text=True)
    assert login(app.test_client(), "denmark", "amina@example.org").status_code == 302


def test_the_command_line_refuses_a_weak_password_too(app: Flask) -> None:
    arguments = ["--tenant", "denmark", "--email", "c@example.org", "--name", "C"]
    with app.app_context():
        result = CliRunner().invoke(users_group, ["create", *arguments, "--password", "password12"])
    assert result.exit_code == 1
    assert "--password: This password is too easy to guess." in result.output
