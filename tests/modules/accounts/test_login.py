"""Logging in and out: generic errors, fresh sessions, server-side revocation, rate limits."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.accounts.operations import deactivate_user
from mentornet.modules.tenants.operations import tenant_session

from helpers import PASSWORD, UserFactory, csrf_token, login, post_form


def _signed_in(client: FlaskClient, tenant: str) -> bool:
    return client.get(f"/{tenant}/me/").status_code == 200


def test_member_logs_in_and_reaches_her_page(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    response = login(client, "denmark", "amina@example.org")
    assert response.status_code == 302
    assert response.headers["Location"] == "/denmark/me/"
    assert _signed_in(client, "denmark")


def test_password_is_stored_as_argon2id(make_user: UserFactory) -> None:
    assert make_user().password_hash.startswith("$argon2id$")


def test_wrong_password_and_unknown_address_get_the_same_answer(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    wrong = login(client, "denmark", "amina@example.org", "not the password")
    unknown = login(client, "denmark", "nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 401

    def page(response: object) -> str:
        html = str(response.get_data(as_text=True))  # type: ignore[attr-defined]
        for address in ("amina@example.org", "nobody@example.org"):
            html = html.replace(address, "")
        return html.split('name="csrf_token"')[0]

    assert page(wrong) == page(unknown)
    assert "E-mailadressen eller adgangskoden er ikke rigtig" in wrong.get_data(as_text=True)


def test_an_account_of_one_network_cannot_log_in_to_another(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    assert login(client, "morocco", "amina@example.org").status_code == 401


def test_being_logged_in_to_one_network_is_not_being_logged_in_to_another(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    response = client.get("/morocco/me/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/morocco/login")


def test_a_danish_session_cookie_is_refused_by_the_moroccan_network(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    """Even a cookie copied across networks does not load a user of another tenant."""
    make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    cookie = client.get_cookie("mn_denmark", path="/denmark/")
    assert cookie is not None
    other = app.test_client()
    other.set_cookie("mn_morocco", cookie.value, path="/morocco/")
    assert other.get("/morocco/me/").status_code == 302


def test_cookies_are_host_only_httponly_and_lax(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    response = login(client, "denmark", "amina@example.org")
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    assert "Domain=" not in header
    assert "Path=/denmark/" in header


def test_session_is_renewed_at_login(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    csrf_token(client, "/denmark/login")
    before = client.get_cookie("mn_denmark", path="/denmark/")
    login(client, "denmark", "amina@example.org")
    after = client.get_cookie("mn_denmark", path="/denmark/")
    assert before is not None and after is not None and before.value != after.value


def test_logout_ends_the_session_even_for_a_copied_cookie(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    stolen = client.get_cookie("mn_denmark", path="/denmark/")
    assert stolen is not None
    post_form(client, "/denmark/me/", {}, action="/denmark/logout")
    assert not _signed_in(client, "denmark")
    replay = app.test_client()
    replay.set_cookie("mn_denmark", stolen.value, path="/denmark/")
    assert replay.get("/denmark/me/").status_code == 302


def test_logout_needs_post_and_csrf(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    assert client.get("/denmark/logout").status_code == 405
    assert client.post("/denmark/logout").status_code == 400
    assert _signed_in(client, "denmark")


def test_password_change_ends_other_sessions(app: Flask, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    phone, laptop = app.test_client(), app.test_client()
    login(phone, "denmark", "amina@example.org")
    login(laptop, "denmark", "amina@example.org")
    response = post_form(
        laptop,
        "/denmark/password/change",
        {
            "current_password": PASSWORD,
            "password": "a new long password",
            "password_confirm": "a new long password",
        },
    )
    assert response.status_code == 302
    assert _signed_in(laptop, "denmark")
    assert not _signed_in(phone, "denmark")


def test_deactivation_ends_every_session(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    user = make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    with app.app_context(), tenant_session("denmark") as (session, _):
        deactivate_user(session, session.get(User, user.id))  # type: ignore[arg-type]
        session.commit()
    assert not _signed_in(client, "denmark")
    assert login(client, "denmark", "amina@example.org").status_code == 401


def test_login_is_rate_limited_with_a_localised_page(client: FlaskClient) -> None:
    statuses = [
        login(client, "denmark", f"guess{i}@example.org", "wrong password").status_code
        for i in range(11)
    ]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert "For mange forsøg" in login(client, "denmark", "x@example.org", "wrong").get_data(
        as_text=True
    )


def test_login_form_errors_name_the_field(client: FlaskClient) -> None:
    response = post_form(client, "/denmark/login", {"email": "not-an-address", "password": ""})
    html = response.get_data(as_text=True)
    assert 'id="field-email"' in html and 'aria-invalid="true"' in html
    assert "Skriv en gyldig e-mailadresse." in html


def test_staff_are_sent_to_the_console(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("morocco", email="coord@example.org", roles=(Role.COORDINATOR,))
    response = login(client, "morocco", "coord@example.org")
    assert response.headers["Location"] == "/morocco/staff/"


def test_next_parameter_cannot_leave_the_site(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="amina@example.org")
    response = post_form(
        client,
        "/denmark/login?next=//evil.example/x",
        {"email": "amina@example.org", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/denmark/me/"
