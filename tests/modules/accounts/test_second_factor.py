"""The staff's second factor: enrolment by QR code, codes at sign-in, recovery codes, the gate
where it is required, throttling, removal and the operator's reset (docs/security.md)."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.app import create_app
from mentornet.core.config import ConfigError
from mentornet.modules.accounts.cli import users_group
from mentornet.modules.accounts.models import RecoveryCode, Role, SecondFactor, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.privacy.notices import publish_notice
from mentornet.modules.tenants.operations import tenant_session

from helpers import PASSWORD, UserFactory, csrf_token, login, post_form

PAGE = "/denmark/account/second-factor"
CODE_PAGE = "/denmark/login/code"


def _post(client: FlaskClient, action: str, data: dict[str, str], page: str = PAGE) -> TestResponse:
    return client.post(action, data={**data, "csrf_token": csrf_token(client, page)})


def _factor(app: Flask, email: str, tenant: str = "denmark") -> SecondFactor | None:
    with app.app_context(), tenant_session(tenant) as (session, _):
        user = session.scalar(sa.select(User).where(User.email == email))
        assert user is not None
        factor = session.scalar(sa.select(SecondFactor).where(SecondFactor.user_id == user.id))
        if factor is not None:
            session.expunge(factor)
        return factor


def _actions(app: Flask, tenant: str = "denmark") -> list[str]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        return list(session.scalars(sa.select(AuditEntry.action).order_by(AuditEntry.id)))


def _mail_kinds(app: Flask, tenant: str = "denmark") -> list[str]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        return list(session.scalars(sa.select(OutboxMessage.kind).order_by(OutboxMessage.id)))


def _enrol(app: Flask, client: FlaskClient, email: str) -> tuple[pyotp.TOTP, list[str]]:
    """Sign in with the password, set up the app from the page, confirm with a right code."""
    assert login(client, "denmark", email).status_code == 302
    assert _post(client, "/denmark/account/second-factor/start", {}).status_code == 303
    page = client.get(PAGE).get_data(as_text=True)
    assert '<svg viewBox="0 0' in page  # the QR code, made by the app itself
    factor = _factor(app, email)
    assert factor is not None and factor.confirmed_at is None
    assert factor.secret in page
    totp = pyotp.TOTP(factor.secret)
    confirmed = _post(client, "/denmark/account/second-factor/confirm", {"code": totp.now()})
    assert confirmed.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", confirmed.get_data(as_text=True))
    assert len(codes) == 10
    return totp, codes


def _next_code(totp: pyotp.TOTP) -> str:
    """The code of the next 30-second step: the one the sign-in just used cannot be used again."""
    return totp.at(time.time() + 30)


def _password_step(client: FlaskClient, email: str) -> None:
    response = login(client, "denmark", email)
    assert response.status_code == 303
    assert response.headers["Location"] == CODE_PAGE


def test_enrolment_then_every_sign_in_needs_a_code(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    make_user("morocco", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    totp, codes = _enrol(app, client, "coord@denmark.test")
    with app.app_context(), tenant_session("denmark") as (session, _):
        stored = list(session.scalars(sa.select(RecoveryCode.code_hash)))
    assert len(stored) == 10 and not set(codes) & set(stored)  # kept as hashes only
    assert "second_factor_enabled" in _actions(app)
    assert "second_factor_changed" in _mail_kinds(app)

    client.post("/denmark/logout", data={"csrf_token": csrf_token(client, "/denmark/me/")})
    _password_step(client, "coord@denmark.test")
    # The password alone signs nobody in.
    assert client.get("/denmark/staff/").headers["Location"].startswith("/denmark/login")
    wrong = post_form(client, CODE_PAGE, {"code": "000000"})
    assert wrong.status_code == 401
    assert "Koden er ikke rigtig" in wrong.get_data(as_text=True)
    assert post_form(client, CODE_PAGE, {"code": _next_code(totp)}).status_code == 302
    assert client.get("/denmark/staff/").status_code == 200
    # Another network's account of the same address has no factor: its password is enough there.
    assert login(client, "morocco", "coord@denmark.test").status_code == 302
    assert _factor(app, "coord@denmark.test", "morocco") is None


def test_a_code_works_once(app: Flask, client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,))
    totp, _codes = _enrol(app, client, "admin@denmark.test")
    code = _next_code(totp)
    first, other = app.test_client(), app.test_client()
    _password_step(first, "admin@denmark.test")
    assert post_form(first, CODE_PAGE, {"code": code}).status_code == 302
    _password_step(other, "admin@denmark.test")
    assert post_form(other, CODE_PAGE, {"code": code}).status_code == 401


def test_a_recovery_code_signs_in_once(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    _totp, codes = _enrol(app, client, "coord@denmark.test")
    for attempt, expected in ((codes[3].upper().replace("-", " "), 302), (codes[3], 401)):
        browser = app.test_client()
        _password_step(browser, "coord@denmark.test")
        assert post_form(browser, CODE_PAGE, {"code": attempt}).status_code == expected
    assert "recovery_code_used" in _actions(app)
    assert "second_factor_failed" in _actions(app)
    page = client.get(PAGE).get_data(as_text=True)
    assert "9 ubrugte genoprettelseskoder" in page


def _change_pending(client: FlaskClient, **changes: int) -> None:
    with client.session_transaction("/denmark/") as cookie:
        cookie["second_factor_pending"] = {**cookie["second_factor_pending"], **changes}


def test_the_code_step_expires_and_belongs_to_its_network(
    app: Flask, client: FlaskClient, make_user: UserFactory, tenant_ids: dict[str, int]
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    totp, _codes = _enrol(app, app.test_client(), "coord@denmark.test")
    _password_step(client, "coord@denmark.test")
    token = csrf_token(client, CODE_PAGE)
    _change_pending(client, at=int(time.time()) - app.config["SECOND_FACTOR_PENDING_SECONDS"] - 1)
    late = client.post(CODE_PAGE, data={"code": _next_code(totp), "csrf_token": token})
    assert late.status_code == 302 and late.headers["Location"] == "/denmark/login"

    _password_step(client, "coord@denmark.test")
    _change_pending(client, tenant=tenant_ids["morocco"])
    assert client.get(CODE_PAGE).headers["Location"] == "/denmark/login"
    assert client.get("/denmark/staff/").status_code == 302


def test_wrong_codes_are_throttled_per_account(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    totp, _codes = _enrol(app, app.test_client(), "coord@denmark.test")
    _password_step(client, "coord@denmark.test")
    allowed = int(app.config["SECOND_FACTOR_RATE_LIMIT"].split()[0])
    for _ in range(allowed):
        assert post_form(client, CODE_PAGE, {"code": "123456"}).status_code == 401
    assert post_form(client, CODE_PAGE, {"code": _next_code(totp)}).status_code == 429


def test_where_required_staff_without_it_reach_only_the_enrolment_page(
    app: Flask, make_user: UserFactory
) -> None:
    app.config["SECOND_FACTOR_REQUIRED"] = True
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    make_user("denmark", email="translator@denmark.test", roles=(Role.TRANSLATOR,))
    make_user("denmark", email="member@denmark.test")
    for email in ("coord@denmark.test", "translator@denmark.test"):
        browser = app.test_client()
        assert login(browser, "denmark", email).status_code == 302
        for page in ("/denmark/staff/", "/denmark/me/", "/denmark/me/data"):
            assert browser.get(page).headers["Location"] == PAGE, (email, page)
        assert "Din rolle i netværket" in browser.get(PAGE).get_data(as_text=True)
        refused = browser.post(
            "/denmark/password/change", data={"csrf_token": csrf_token(browser, PAGE)}
        )
        assert refused.status_code == 403
    member = app.test_client()
    login(member, "denmark", "member@denmark.test")
    assert member.get("/denmark/me/").status_code == 200
    assert member.get(PAGE).status_code == 403  # the second factor is for staff roles

    coordinator = app.test_client()
    _totp, _codes = _enrol(app, coordinator, "coord@denmark.test")
    assert coordinator.get("/denmark/staff/").status_code == 200


def test_bad_codes_and_passwords_change_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@denmark.test")
    _post(client, "/denmark/account/second-factor/start", {})
    for junk in ("", "12345", "1234567", "\uff11\uff12\uff13\uff14\uff15\uff16", "12\x0034"):
        response = _post(client, "/denmark/account/second-factor/confirm", {"code": junk})
        assert response.status_code == 422, junk
    factor = _factor(app, "coord@denmark.test")
    assert factor is not None and factor.confirmed_at is None
    totp = pyotp.TOTP(factor.secret)
    _post(client, "/denmark/account/second-factor/confirm", {"code": totp.now()})

    for action in ("remove", "recovery-codes"):
        wrong = _post(
            client, f"/denmark/account/second-factor/{action}", {"current_password": "wrong one"}
        )
        assert wrong.status_code == 422
        assert "Din nuværende adgangskode er ikke rigtig" in wrong.get_data(as_text=True)
    assert _factor(app, "coord@denmark.test") is not None
    removed = _post(client, "/denmark/account/second-factor/remove", {"current_password": PASSWORD})
    assert removed.status_code == 303
    assert _factor(app, "coord@denmark.test") is None
    assert _mail_kinds(app).count("second_factor_changed") == 2
    assert "second_factor_removed" in _actions(app)


def test_an_operator_resets_a_lost_factor_from_the_command_line(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    _enrol(app, client, "coord@denmark.test")
    with app.app_context():
        runner = CliRunner()
        result = runner.invoke(
            users_group,
            ["reset-second-factor", "--tenant", "denmark", "--email", "Coord@denmark.test"],
        )
        unknown = runner.invoke(
            users_group,
            ["reset-second-factor", "--tenant", "morocco", "--email", "coord@denmark.test"],
        )
    assert result.exit_code == 0, result.output
    assert unknown.exit_code == 1 and "--email" in unknown.output
    assert _factor(app, "coord@denmark.test") is None
    assert "second_factor_reset" in _actions(app)
    _assert_signs_in_with_password(app, "coord@denmark.test")


def _assert_signs_in_with_password(app: Flask, email: str) -> None:
    assert login(app.test_client(), "denmark", email).status_code == 302


def test_production_refuses_to_start_without_the_second_factor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MENTORNET_ENV", "production")
    with pytest.raises(ConfigError, match="SECOND_FACTOR_REQUIRED"):
        create_app({"ENV": "production", "SECRET_KEY": "k" * 48, "SECOND_FACTOR_REQUIRED": False})


def test_a_member_is_told_when_her_password_changes(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("morocco", email="salma@example.org", locale="ar")
    login(client, "morocco", "salma@example.org")
    changed = post_form(
        client,
        "/morocco/password/change",
        {
            "current_password": PASSWORD,
            "password": "a brand new passphrase",
            "password_confirm": "a brand new passphrase",
        },
    )
    assert changed.status_code == 302
    with app.app_context(), tenant_session("morocco") as (session, _):
        message = session.scalar(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "password_changed")
        )
        assert message is not None
        assert message.recipient == "salma@example.org" and message.locale == "ar"
    assert _mail_kinds(app, "denmark") == []


def test_a_new_privacy_notice_and_the_enrolment_do_not_send_each_other_round(
    app: Flask, make_user: UserFactory
) -> None:
    """Both gates at once: she accepts the new notice, sets up her app, and then works."""
    app.config["SECOND_FACTOR_REQUIRED"] = True
    admin = make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,))
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        author = session.get(User, admin.id)
        assert author is not None
        texts = {locale: f"Ny privatlivserklæring ({locale})" for locale in tenant.locales}
        publish_notice(
            session, tenant, author, texts, reason="ny", expected_version=tenant.settings_version
        )
        session.commit()
    browser = app.test_client()
    login(browser, "denmark", "admin@denmark.test")

    def follow(path: str) -> tuple[str, TestResponse]:
        response = browser.get(path)
        for _hop in range(5):
            if response.status_code not in (302, 303):
                break
            path = response.headers["Location"]
            response = browser.get(path)
        return path, response

    landed, page = follow("/denmark/staff/")
    assert landed.startswith("/denmark/me/privacy") and page.status_code == 200
    token = csrf_token(browser, landed)
    accepted = browser.post(landed, data={"csrf_token": token, "next": "/denmark/staff/"})
    assert accepted.status_code == 303
    landed, page = follow(accepted.headers["Location"])
    assert landed == PAGE and page.status_code == 200
    _enrol_here(app, browser, "admin@denmark.test")
    assert follow("/denmark/staff/")[1].status_code == 200


def _enrol_here(app: Flask, client: FlaskClient, email: str) -> None:
    """The enrolment steps of _enrol, for a browser that is already signed in."""
    _post(client, "/denmark/account/second-factor/start", {})
    factor = _factor(app, email)
    assert factor is not None
    confirmed = _post(
        client, "/denmark/account/second-factor/confirm", {"code": pyotp.TOTP(factor.secret).now()}
    )
    assert confirmed.status_code == 200
