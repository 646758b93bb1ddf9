"""Password reset by an e-mailed, signed, expiring, single-use link."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, login, post_form

NEW = "a brand new password"


def _outbox(app: Flask, tenant: str) -> list[OutboxMessage]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        messages = list(session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)))
        for message in messages:
            session.expunge(message)
        return messages


def _request_reset(client: FlaskClient, tenant: str, email: str) -> str:
    response = post_form(client, f"/{tenant}/password/reset", {"email": email})
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _link(message: OutboxMessage) -> str:
    """The link as mailed: on the network's own host (the test client follows absolute URLs)."""
    match = re.search(r"https?://[^/\s]+/\S+", message.body)
    assert match, message.body
    return match.group(0)


def test_reset_link_is_mailed_in_the_members_language_and_works_once(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("morocco", email="salma@example.org", locale="fr")
    _request_reset(client, "morocco", "salma@example.org")
    [message] = _outbox(app, "morocco")
    assert message.recipient == "salma@example.org"
    assert message.locale == "fr"
    assert "Réinitialisez votre mot de passe" in message.subject
    link = _link(message)
    assert link.startswith("http://morocco.localhost/password/reset/")
    response = post_form(client, link, {"password": NEW, "password_confirm": NEW})
    assert response.status_code == 302
    assert login(client, "morocco", "salma@example.org", NEW).status_code == 302
    # The same link again: refused, because the password it was made for is gone.
    again = client.get(link)
    assert again.status_code == 302
    assert again.headers["Location"].endswith("/password/reset")


def test_unknown_address_gets_the_same_answer_and_no_mail(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    known = _request_reset(client, "denmark", "amina@example.org")
    unknown = _request_reset(app.test_client(), "denmark", "nobody@example.org")
    notice = "Hvis adressen har en konto"
    assert notice in known and notice in unknown
    assert len(_outbox(app, "denmark")) == 1


def test_an_expired_link_is_refused(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    link = _link(_outbox(app, "denmark")[0])
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    response = client.get(link, follow_redirects=True)
    assert "udløbet" in response.get_data(as_text=True)


def test_a_link_from_one_network_does_not_work_in_another(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    make_user("morocco", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    token = _link(_outbox(app, "denmark")[0]).rsplit("/", 1)[1]
    response = client.get(f"/morocco/password/reset/{token}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/morocco/password/reset")


def test_mismatched_new_passwords_are_refused_and_nothing_changes(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    link = _link(_outbox(app, "denmark")[0])
    response = post_form(client, link, {"password": NEW, "password_confirm": "something else"})
    assert response.status_code == 422
    assert "De to adgangskoder er ikke ens." in response.get_data(as_text=True)
    assert login(client, "denmark", "amina@example.org").status_code == 302
