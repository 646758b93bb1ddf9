"""API reads and creations of people are written to the audit log; API errors are translated."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, csrf_token, login, profile_values


def _log(app: Flask, tenant: str) -> list[tuple[str, str, int | None, str]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = session.execute(
            sa.select(
                AuditEntry.action, AuditEntry.subject_type, AuditEntry.actor_id, AuditEntry.detail
            ).order_by(AuditEntry.id)
        )
        return [(a, t, actor, d) for a, t, actor, d in rows if a.startswith("api_")]


def test_reading_and_creating_people_through_the_api_is_logged(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    coordinator = make_user("morocco", email="coord@example.org", roles=(Role.COORDINATOR,))
    login(client, "morocco", "coord@example.org")
    headers = {"X-CSRFToken": csrf_token(client, "/morocco/staff/applicants")}
    body = {"role": "mentee", **profile_values("morocco", "mentee", email="salma@example.org")}
    assert client.post("/morocco/api/v1/profiles", json=body, headers=headers).status_code == 201
    assert len(client.get("/morocco/api/v1/profiles").get_json()["items"]) == 1
    assert _log(app, "morocco") == [
        ("api_create_profile", "profile", coordinator.id, ""),
        ("api_read_profiles", "tenant", coordinator.id, "1 profiles"),
    ]
    assert _log(app, "denmark") == []


def test_a_wrong_role_is_refused_in_the_callers_language(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("morocco", email="coord@example.org", roles=(Role.COORDINATOR,))
    login(client, "morocco", "coord@example.org")
    headers = {"X-CSRFToken": csrf_token(client, "/morocco/staff/applicants")}
    for role in (["mentee"], "coordinator", None):
        response = client.post("/morocco/api/v1/profiles", json={"role": role}, headers=headers)
        assert response.status_code == 422
        assert response.get_json()["errors"]["role"][0].startswith("يُرجى اختيار"), role
    assert _log(app, "morocco") == []
