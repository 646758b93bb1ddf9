"""Every route is in the permission table; every state change needs a CSRF token."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from mentornet.core.permissions import ROUTE_PERMISSIONS

from helpers import UserFactory, login


def test_every_route_is_in_the_permission_table(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - ROUTE_PERMISSIONS.keys() == set(), "routes missing from the permission table"
    assert ROUTE_PERMISSIONS.keys() - endpoints == set(), (
        "permission entries for routes that do not exist"
    )


def test_a_route_missing_from_the_table_is_refused(app: Flask) -> None:
    app.add_url_rule("/<tenant_slug>/unlisted", "unlisted", lambda: "leak")
    assert app.test_client().get("/denmark/unlisted").status_code == 403


def test_every_post_route_refuses_a_missing_csrf_token(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@example.org")
    login(client, "denmark", "coord@example.org")
    for rule in app.url_map.iter_rules():
        if "POST" not in (rule.methods or set()):
            continue
        path = re.sub(r"<(?:int:)?\w+>", "1", rule.rule.replace("<tenant_slug>", "denmark"))
        # A network's page answers in its language (Danish); the platform's own pages, such as the
        # operator console, in the browser's (none here: English).
        on_platform = "<tenant_slug>" not in rule.rule
        response = client.post(path, data={"email": "a@b.c"})
        assert response.status_code == 400, path
        expected = "the form has expired" if on_platform else "formularen er udløbet"
        assert expected in response.get_data(as_text=True).lower(), path
