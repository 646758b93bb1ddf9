"""Guessing a password is throttled per account and client address; when the account's own limit
pauses logins, its owner is told by e-mail and a reset link lets her in at once."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.operations import tenant_session

from helpers import PASSWORD, UserFactory, csrf_token

NEW = "a brand new password"


def _attempt(client: FlaskClient, address: str, email: str, password: str) -> int:
    token = csrf_token(client, "/denmark/login")
    response = client.post(
        "/denmark/login",
        data={"csrf_token": token, "email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )
    return response.status_code


def _notices(app: Flask) -> list[OutboxMessage]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        found = list(
            session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "login_throttled"))
        )
        for message in found:
            session.expunge(message)
        return found


def test_one_client_guessing_is_stopped_and_the_owner_still_gets_in(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    guesses = [_attempt(client, "203.0.113.9", "amina@example.org", f"guess {n}") for n in range(6)]
    assert guesses == [401] * 5 + [429]
    assert _attempt(app.test_client(), "198.51.100.1", "amina@example.org", PASSWORD) == 302
    assert _notices(app) == []


def test_a_distributed_attack_pauses_logins_tells_the_owner_once_and_a_reset_lets_her_in(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    for n in range(20):
        assert _attempt(client, f"203.0.113.{n}", "amina@example.org", f"guess {n}") == 401
    owner = app.test_client()
    assert _attempt(owner, "198.51.100.1", "amina@example.org", PASSWORD) == 429
    assert _attempt(client, "203.0.113.99", "amina@example.org", "again") == 429
    [notice] = _notices(app)  # once, however many attempts follow
    assert notice.recipient == "amina@example.org"
    assert "mange forkerte adgangskoder" in notice.subject
    link = re.search(r"https?://\S+/password/reset/new\?token=\S+", notice.body)
    assert link, notice.body
    assert owner.get(link.group(0)).status_code == 303
    page = "http://denmark.localhost/password/reset/new"
    chosen = owner.post(
        page,
        data={"csrf_token": csrf_token(owner, page), "password": NEW, "password_confirm": NEW},
    )
    assert chosen.status_code == 302
    home = owner.get(chosen.headers["Location"], base_url="http://denmark.localhost")
    assert home.status_code == 200  # her own page: she is in


def test_an_unknown_address_is_throttled_the_same_and_nobody_is_mailed(
    app: Flask, client: FlaskClient
) -> None:
    statuses = [_attempt(client, f"203.0.113.{n}", "nobody@example.org", "x") for n in range(21)]
    assert statuses == [401] * 20 + [429]
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
