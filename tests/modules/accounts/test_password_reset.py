"""Password reset by an e-mailed, random, expiring, single-use link that names nobody."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import parse_qs, urlsplit

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.modules.accounts.models import PasswordResetToken
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, csrf_token, login, post_form

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


def _choose(client: FlaskClient, link: str, password: str, confirm: str) -> TestResponse:
    """Follow the link to the form, as a browser does, and send the new password."""
    opened = client.get(link)
    assert opened.status_code == 303, opened.status_code
    form_page = urlsplit(link)._replace(query="").geturl()
    assert opened.headers["Location"] == "/password/reset/new"
    token = csrf_token(client, form_page)
    return client.post(
        form_page, data={"csrf_token": token, "password": password, "password_confirm": confirm}
    )


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
    assert link.startswith("http://morocco.localhost/password/reset/new?token=")
    response = _choose(client, link, NEW, NEW)
    assert response.status_code == 302  # and she is logged in (test_lockout.py)
    assert login(app.test_client(), "morocco", "salma@example.org", NEW).status_code == 302
    # The same link again: refused, because it has been used.
    again = client.get(link)
    assert again.status_code == 302
    assert again.headers["Location"].endswith("/password/reset")


def test_the_token_names_nobody_and_only_its_digest_is_stored(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    user = make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    link = _link(_outbox(app, "denmark")[0])
    assert urlsplit(link).path == "/password/reset/new"  # the token is not in the logged path
    [token] = parse_qs(urlsplit(link).query)["token"]
    padded = token + "=" * (-len(token) % 4)
    decoded = base64.urlsafe_b64decode(padded)
    assert b"amina" not in decoded and str(user.id).encode() + b"," not in decoded
    assert len(decoded) == 32 and "." not in token  # 32 random bytes, not a signed payload
    with app.app_context(), tenant_session("denmark") as (session, _):
        [stored] = session.scalars(sa.select(PasswordResetToken)).all()
        assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
        assert stored.user_id == user.id


def test_the_form_page_carries_no_token(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    link = _link(_outbox(app, "denmark")[0])
    [token] = parse_qs(urlsplit(link).query)["token"]
    page = client.get(link, follow_redirects=True)
    assert page.status_code == 200 and page.request.url.endswith("/password/reset/new")
    assert token not in page.get_data(as_text=True)


def test_a_new_password_ends_every_other_link(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    first, second = (_link(message) for message in _outbox(app, "denmark"))
    assert _choose(client, second, NEW, NEW).status_code == 302
    assert client.get(first).status_code == 302  # refused: sent back to ask for a new one


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
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    link = _link(_outbox(app, "denmark")[0])
    response = client.get(link, follow_redirects=True)
    assert "udløbet" in response.get_data(as_text=True)


def test_a_link_from_one_network_does_not_work_in_another(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    make_user("morocco", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    query = urlsplit(_link(_outbox(app, "denmark")[0])).query
    response = client.get(f"/morocco/password/reset/new?{query}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/morocco/password/reset")


def test_mismatched_new_passwords_are_refused_and_nothing_changes(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    _request_reset(client, "denmark", "amina@example.org")
    link = _link(_outbox(app, "denmark")[0])
    response = _choose(client, link, NEW, "something else")
    assert response.status_code == 422
    assert "De to adgangskoder er ikke ens." in response.get_data(as_text=True)
    assert login(client, "denmark", "amina@example.org").status_code == 302
