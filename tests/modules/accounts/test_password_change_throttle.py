"""Wrong current passwords on the change form are throttled per account, like logins; other
mistakes on the form are not counted."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from helpers import PASSWORD, UserFactory, csrf_token, login

NEW = "a brand new password"


def _change(client: FlaskClient, current: str, new: str = NEW, confirm: str = NEW) -> int:
    token = csrf_token(client, "/denmark/password/change")
    return client.post(
        "/denmark/password/change",
        data={
            "csrf_token": token,
            "current_password": current,
            "password": new,
            "password_confirm": confirm,
        },
    ).status_code


def test_guessing_the_current_password_is_stopped(app: Flask, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    client = app.test_client()
    login(client, "denmark", "amina@example.org")
    assert [_change(client, f"guess number {n}") for n in range(5)] == [422] * 5
    assert _change(client, PASSWORD) == 429  # even the right one, until the window has passed
    page = client.get("/denmark/password/change")
    assert page.status_code == 200
    throttled = client.post(
        "/denmark/password/change", data={"csrf_token": csrf_token(client, "/denmark/")}
    )
    assert "For mange forsøg" in throttled.get_data(as_text=True)
    assert login(app.test_client(), "denmark", "amina@example.org").status_code == 302


def test_other_mistakes_on_the_form_do_not_count(app: Flask, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    client = app.test_client()
    login(client, "denmark", "amina@example.org")
    assert [_change(client, PASSWORD, confirm="not the same") for _ in range(8)] == [422] * 8
    assert _change(client, PASSWORD) == 302
