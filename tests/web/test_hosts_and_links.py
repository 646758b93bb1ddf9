"""Links in e-mails come from the network's own host or PUBLIC_BASE_URL, never from the request's
Host header; a request for a host nobody configured is refused."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.extensions import db
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.models import TenantHost
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, post_form


def _bodies(app: Flask, tenant: str) -> list[str]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        return list(session.scalars(sa.select(OutboxMessage.body).order_by(OutboxMessage.id)))


def test_a_forged_host_header_is_refused_before_anything_is_mailed(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("men", email="volunteer@men.example")
    evil = {"Host": "evil.example"}
    assert client.get("/men/password/reset", headers=evil).status_code == 400
    response = client.post(
        "/men/password/reset", data={"email": "volunteer@men.example"}, headers=evil
    )
    assert response.status_code == 400
    assert _bodies(app, "men") == []
    assert client.get("/healthz", headers=evil).status_code == 200  # probes come by address


def test_reset_links_use_the_networks_own_host_whatever_host_was_asked(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("men", email="volunteer@men.example")
    # Asked on a trusted platform host (the browser tests' 127.0.0.1), not on men.localhost.
    post_form(
        client,
        "/men/password/reset",
        {"email": "volunteer@men.example"},
        base_url="http://127.0.0.1",
    )
    (body,) = _bodies(app, "men")
    assert "http://men.localhost/password/reset/new?token=" in body
    assert "127.0.0.1" not in body


def test_a_network_without_a_host_of_its_own_gets_public_base_url(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    with app.app_context(), tenant_session("men") as (session, _):
        session.execute(sa.delete(TenantHost))
        session.commit()
    app.extensions["mentornet.hosts"].invalidate()
    make_user("men", email="volunteer@men.example")
    post_form(client, "/men/password/reset", {"email": "volunteer@men.example"})
    (body,) = _bodies(app, "men")
    assert "http://localhost/men/password/reset/new?token=" in body
    with app.app_context():
        db.session.close()
