"""Staff and roles in the admin console: roles given and taken, accounts deactivated, the last
administrator kept, every change audited."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from markupsafe import escape

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, csrf_token, login

LAST_ADMIN = (
    "The network needs at least one active administrator: give the role to someone else first."
)


def in_danish(app: Flask, text: str) -> str:
    with app.test_request_context("/denmark/"), force_locale("da"):
        return str(escape(gettext(text)))


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> User:
    admin = make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,), name="Ada")
    login(client, tenant, f"admin@{tenant}.test")
    return admin


def _post(client: FlaskClient, path: str, data: dict[str, object] | None = None) -> object:
    token = csrf_token(client, "/denmark/admin/staff")
    return client.post(path, data={**(data or {}), "csrf_token": token})


def _roles(app: Flask, user_id: int, tenant: str = "denmark") -> set[Role]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        user = session.get(User, user_id)
        assert user is not None
        return set(user.role_names)


def _actions(app: Flask, tenant: str = "denmark") -> list[tuple[str, str]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = session.execute(
            sa.select(AuditEntry.action, AuditEntry.detail).order_by(AuditEntry.id)
        )
        return [(action, detail) for action, detail in rows]


def test_the_staff_page_lists_staff_of_this_network_only(
    client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,), name="Dorte")
    make_user("morocco", email="coord@morocco.test", roles=(Role.COORDINATOR,), name="Zineb")
    page = client.get("/denmark/admin/staff").get_data(as_text=True)
    assert "Dorte" in page and "Ada" in page
    assert "Zineb" not in page


def test_roles_are_given_and_taken_and_audited(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    coord = make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    response = _post(
        client, f"/denmark/admin/staff/{coord.id}/roles", {"roles": ["admin", "translator"]}
    )
    assert response.status_code == 303  # type: ignore[attr-defined]
    assert _roles(app, coord.id) == {Role.ADMIN, Role.TRANSLATOR}
    actions = _actions(app)
    assert ("role_given", "admin") in actions
    assert ("role_given", "translator") in actions
    assert ("role_taken", "coordinator") in actions


def test_an_unknown_role_is_refused_and_nothing_is_saved(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    coord = make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    _post(client, f"/denmark/admin/staff/{coord.id}/roles", {"roles": ["admin", "owner"]})
    assert _roles(app, coord.id) == {Role.COORDINATOR}
    page = client.get("/denmark/admin/staff").get_data(as_text=True)
    assert in_danish(app, "Roles") + ":" in page


def test_the_last_admin_cannot_drop_her_role_or_deactivate_herself(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    admin = _admin(client, make_user)
    _post(client, f"/denmark/admin/staff/{admin.id}/roles", {"roles": ["coordinator"]})
    assert Role.ADMIN in _roles(app, admin.id)
    _post(client, f"/denmark/admin/staff/{admin.id}/deactivate")
    page = client.get("/denmark/admin/staff")
    assert page.status_code == 200  # still signed in: nothing was done
    assert in_danish(app, LAST_ADMIN) in page.get_data(as_text=True)
    assert not [a for a, _ in _actions(app) if a in {"role_taken", "account_deactivated"}]


def test_with_a_second_admin_the_first_may_step_down(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    admin = _admin(client, make_user)
    make_user("denmark", email="admin2@denmark.test", roles=(Role.ADMIN,))
    _post(client, f"/denmark/admin/staff/{admin.id}/roles", {"roles": ["coordinator"]})
    assert _roles(app, admin.id) == {Role.COORDINATOR}
    assert client.get("/denmark/admin/staff").status_code == 403


def test_an_admin_of_another_network_does_not_count(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    admin = _admin(client, make_user)
    make_user("morocco", email="admin@morocco.test", roles=(Role.ADMIN,))
    _post(client, f"/denmark/admin/staff/{admin.id}/deactivate")
    assert Role.ADMIN in _roles(app, admin.id)
    assert client.get("/denmark/admin/staff").status_code == 200


def test_deactivation_ends_an_existing_session_and_blocks_sign_in(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    coord = make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    other = app.test_client()
    login(other, "denmark", "coord@denmark.test")
    assert other.get("/denmark/staff/").status_code == 200
    _post(client, f"/denmark/admin/staff/{coord.id}/deactivate")
    signed_out = other.get("/denmark/staff/")
    assert signed_out.status_code == 302
    assert signed_out.headers["Location"].startswith("/denmark/login")
    assert login(other, "denmark", "coord@denmark.test").status_code == 401
    _post(client, f"/denmark/admin/staff/{coord.id}/reactivate")
    assert login(other, "denmark", "coord@denmark.test").status_code == 302
    actions = [action for action, _ in _actions(app)]
    assert "account_deactivated" in actions and "account_reactivated" in actions


def test_a_coordinator_is_refused(client: FlaskClient, make_user: UserFactory) -> None:
    coord = make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@denmark.test")
    assert client.get("/denmark/admin/staff").status_code == 403
    token = csrf_token(client, "/denmark/me/")
    response = client.post(
        f"/denmark/admin/staff/{coord.id}/roles", data={"roles": ["admin"], "csrf_token": token}
    )
    assert response.status_code == 403


def test_another_networks_account_is_not_found(client: FlaskClient, make_user: UserFactory) -> None:
    _admin(client, make_user)
    foreign = make_user("morocco", email="coord@morocco.test", roles=(Role.COORDINATOR,))
    response = _post(client, f"/denmark/admin/staff/{foreign.id}/roles", {"roles": ["admin"]})
    assert response.status_code == 404  # type: ignore[attr-defined]
