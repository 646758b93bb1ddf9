"""Staff invitations: an admin invites by e-mail, the link creates the account (or adds the roles to
an existing one) once, and an expired, used or revoked link changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import runpy
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext
from markupsafe import escape
from werkzeug.test import TestResponse

from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import Role, StaffInvitation, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.privacy.operations import anonymise_user
from mentornet.modules.tenants.operations import tenant_session

from helpers import PASSWORD, ROOT, Database, UserFactory, csrf_token, login, table_digests

NEW = "a brand new password"
CONTROL = "This text contains invisible control characters. Please remove them."
EXPIRED = "This invitation has expired. Please ask the network's administrator for a new one."
WITHDRAWN = (
    "This invitation has been withdrawn. "
    "Please ask the network's administrator if you think this is a mistake."
)
OPEN_ALREADY = "This address already has an open invitation: revoke it first to send a new one."
ACCEPTED = "This invitation has already been accepted. You can log in with your password."


def _translated(app: Flask, locale: str, text: str) -> str:
    with app.test_request_context("/denmark/"), force_locale(locale):
        return str(escape(gettext(text)))


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> User:
    admin = make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,), name="Ada Admin")
    assert login(client, tenant, f"admin@{tenant}.test").status_code == 302
    return admin


def _invite(client: FlaskClient, tenant: str = "denmark", **data: object) -> TestResponse:
    return _invite_with(client, data, tenant)


def _invite_with(
    client: FlaskClient, data: dict[str, object], tenant: str = "denmark"
) -> TestResponse:
    form: dict[str, object] = {
        "name": "Karen Blixen",
        "email": "karen@example.org",
        "roles": ["coordinator"],
        **data,
    }
    token = csrf_token(client, f"/{tenant}/admin/staff")
    return client.post(f"/{tenant}/admin/staff/invitations", data={**form, "csrf_token": token})


def _invitations(app: Flask, tenant: str = "denmark") -> list[StaffInvitation]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = list(session.scalars(sa.select(StaffInvitation).order_by(StaffInvitation.id)))
        for row in rows:
            session.expunge(row)
        return rows


def _mails(app: Flask, tenant: str = "denmark") -> list[OutboxMessage]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = list(
            session.scalars(
                sa.select(OutboxMessage)
                .where(OutboxMessage.kind == "staff_invitation")
                .order_by(OutboxMessage.id)
            )
        )
        for row in rows:
            session.expunge(row)
        return rows


def _actions(app: Flask, tenant: str = "denmark") -> list[tuple[str, str, str]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = session.execute(
            sa.select(AuditEntry.action, AuditEntry.subject_type, AuditEntry.detail).order_by(
                AuditEntry.id
            )
        )
        return [(action, subject, detail) for action, subject, detail in rows]


def _user(app: Flask, email: str, tenant: str = "denmark") -> User | None:
    with app.app_context(), tenant_session(tenant) as (session, _):
        user = session.scalar(sa.select(User).where(User.email == email))
        if user is not None:
            user.role_names  # noqa: B018  (load the roles before leaving the session)
            session.expunge(user)
        return user


def _link(message: OutboxMessage) -> str:
    match = re.search(r"https?://[^/\s]+/\S+", message.body)
    assert match, message.body
    return match.group(0)


def _open(client: FlaskClient, link: str) -> tuple[TestResponse, str]:
    """Follow the mailed link as a browser does: the page it lands on, and that page's URL."""
    opened = client.get(link)
    form_page = urlsplit(link)._replace(query="").geturl()
    if opened.status_code != 303:
        return opened, form_page
    assert opened.headers["Location"] == "/invitation"
    return client.get(form_page), form_page


def _accept(client: FlaskClient, link: str, **data: str) -> TestResponse:
    page, form_page = _open(client, link)
    assert page.status_code == 200, page.status_code
    token = csrf_token(client, form_page)
    return client.post(form_page, data={**data, "csrf_token": token})


def test_an_admin_invites_and_the_link_creates_the_account_with_the_roles(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    admin = _admin(client, make_user)
    response = _invite(client, roles=["coordinator", "translator"])
    assert response.status_code == 303
    [invitation] = _invitations(app)
    assert invitation.email == "karen@example.org"
    assert invitation.roles == ["coordinator", "translator"]
    assert invitation.invited_by_id == admin.id
    assert invitation.expires_at - utcnow() > dt.timedelta(days=6, hours=23)
    # The e-mail is in the network's default language, links to its own host.
    [mail] = _mails(app)
    assert mail.recipient == "karen@example.org" and mail.locale == "da"
    danish = _translated(app, "da", "You are invited to work for %(network)s")
    assert danish != "You are invited to work for %(network)s"
    assert mail.subject.startswith(danish.split("%(network)s")[0])
    link = _link(mail)
    assert link.startswith("http://denmark.localhost/invitation?token=")
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in invitation.token_hash
    # The admin sees it as open.
    assert "karen@example.org" in client.get("/denmark/admin/staff").get_data(as_text=True)

    invited = app.test_client()
    accepted = _accept(invited, link, password=NEW, password_confirm=NEW)
    assert accepted.status_code == 303
    user = _user(app, "karen@example.org")
    assert user is not None and user.name == "Karen Blixen"
    assert user.role_names == {Role.COORDINATOR, Role.TRANSLATOR}
    assert user.confirmed_at is not None
    assert invited.get("http://denmark.localhost/staff/").status_code == 200  # signed in
    assert login(app.test_client(), "denmark", "karen@example.org", NEW).status_code == 302
    [used] = _invitations(app)
    assert used.accepted_at is not None
    actions = _actions(app)
    assert ("invitation_sent", "invitation", "coordinator,translator") in actions
    assert ("invitation_accepted", "invitation", f"user {user.id}") in actions
    assert ("role_given", "user", "coordinator") in actions
    # Used: the same link again shows why and changes nothing.
    again, _page = _open(app.test_client(), link)
    assert again.status_code == 410
    assert _translated(app, "da", ACCEPTED) in again.get_data(as_text=True)
    staff_page = client.get("/denmark/admin/staff").get_data(as_text=True)
    assert "karen@example.org" in staff_page  # now on the staff list
    assert f"/denmark/admin/staff/invitations/{used.id}/revoke" not in staff_page


def test_the_form_page_carries_no_token(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    _invite(client)
    link = _link(_mails(app)[0])
    token = parse_qs(urlsplit(link).query)["token"][0]
    invited = app.test_client()
    page, form_page = _open(invited, link)
    assert "token" not in form_page
    assert token not in page.get_data(as_text=True)


def test_an_existing_account_gets_the_roles_with_its_own_password(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    member = make_user("denmark", email="karen@example.org", roles=(Role.MEMBER,), name="Karen")
    _invite(client, roles=["translator"])
    link = _link(_mails(app)[0])
    invited = app.test_client()
    page, _form_page = _open(invited, link)
    assert 'name="password_confirm"' not in page.get_data(as_text=True)
    wrong = _accept(invited, link, password="not her password at all")
    assert wrong.status_code == 422
    assert _translated(app, "da", "The password is not right.") in wrong.get_data(as_text=True)
    after_wrong = _user(app, "karen@example.org")
    assert after_wrong is not None and after_wrong.role_names == {Role.MEMBER}
    assert _invitations(app)[0].accepted_at is None
    right = _accept(invited, link, password=PASSWORD)
    assert right.status_code == 303
    user = _user(app, "karen@example.org")
    assert user is not None and user.id == member.id
    assert user.role_names == {Role.MEMBER, Role.TRANSLATOR}
    assert login(app.test_client(), "denmark", "karen@example.org").status_code == 302


def test_a_weak_or_mistyped_password_creates_nothing(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    _invite(client, name="Karen Blixen")
    link = _link(_mails(app)[0])
    invited = app.test_client()
    before = table_digests(database, {"audit_entries", "login_sessions"})
    weak = _accept(invited, link, password="password123", password_confirm="password123")
    assert weak.status_code == 422
    assert _translated(app, "da", "This password is too easy to guess.") in weak.get_data(
        as_text=True
    )
    mistyped = _accept(invited, link, password=NEW, password_confirm=NEW + "x")
    assert mistyped.status_code == 422
    assert table_digests(database, {"audit_entries", "login_sessions"}) == before
    assert _user(app, "karen@example.org") is None


def test_an_expired_or_revoked_link_shows_why_and_changes_nothing(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    _invite(client, email="old@example.org")
    _invite(client, email="gone@example.org")
    old, gone = _invitations(app)
    with app.app_context(), tenant_session("denmark") as (session, _):
        row = session.get(StaffInvitation, old.id)
        assert row is not None
        row.expires_at = utcnow() - dt.timedelta(minutes=1)
        session.commit()
    token = csrf_token(client, "/denmark/admin/staff")
    revoked = client.post(
        f"/denmark/admin/staff/invitations/{gone.id}/revoke", data={"csrf_token": token}
    )
    assert revoked.status_code == 303
    assert ("invitation_revoked", "invitation", "") in _actions(app)
    client.get("/denmark/admin/staff")  # shows the flashed message, which names her
    page = client.get("/denmark/admin/staff").get_data(as_text=True)
    assert "gone@example.org" not in page
    assert "old@example.org" in page and _translated(app, "da", "Expired") in page
    old_link, gone_link = (_link(mail) for mail in _mails(app))
    before = table_digests(database, {"audit_entries", "login_sessions"})
    for link, message in (
        (old_link, EXPIRED),
        (gone_link, WITHDRAWN),
    ):
        visitor = app.test_client()
        page_response, form_page = _open(visitor, link)
        assert page_response.status_code == 410
        assert _translated(app, "da", message) in page_response.get_data(as_text=True)
        # Nor can the form be posted without a usable link in the session.
        posted = visitor.post(form_page, data={"password": NEW, "password_confirm": NEW})
        assert posted.status_code in (400, 410)
    unknown, _page = _open(app.test_client(), "http://denmark.localhost/invitation?token=nope")
    assert unknown.status_code == 404
    assert table_digests(database, {"audit_entries", "login_sessions"}) == before
    assert _user(app, "old@example.org") is None and _user(app, "gone@example.org") is None


def test_a_link_revoked_after_it_was_opened_creates_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    _invite(client)
    link = _link(_mails(app)[0])
    invited = app.test_client()
    page, form_page = _open(invited, link)
    assert page.status_code == 200
    token = csrf_token(invited, form_page)
    csrf = csrf_token(client, "/denmark/admin/staff")
    client.post(
        f"/denmark/admin/staff/invitations/{_invitations(app)[0].id}/revoke",
        data={"csrf_token": csrf},
    )
    posted = invited.post(
        form_page, data={"password": NEW, "password_confirm": NEW, "csrf_token": token}
    )
    assert posted.status_code == 410
    assert _user(app, "karen@example.org") is None


def test_bad_input_is_refused_by_field_and_nothing_is_saved(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = table_digests(database, {"audit_entries", "login_sessions"})
    cases: list[tuple[dict[str, object], str, str | None]] = [
        ({"email": "not an address"}, "email", "Enter a valid e-mail address."),
        ({"roles": []}, "roles", "Choose at least one role."),
        ({"roles": ["member"]}, "roles", None),
        ({"roles": ["owner"]}, "roles", None),
        ({"name": "Karen\x1b[31m"}, "name", CONTROL),
        ({"name": "Karen\nBlixen"}, "name", None),
        ({"email": "karen\x00@example.org"}, "email", None),
        ({"name": ""}, "name", "This field is required."),
    ]
    for data, field, message in cases:
        response = _invite_with(client, data)
        assert response.status_code == 422, data
        page = response.get_data(as_text=True)
        assert f'href="#field-{field}"' in page, data
        if message:
            assert _translated(app, "da", message) in page, data
    assert table_digests(database, {"audit_entries", "login_sessions"}) == before


def test_refusals_of_the_operation_are_shown_by_the_field(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    make_user("denmark", email="dorte@example.org", roles=(Role.COORDINATOR,))
    _invite(client, email="karen@example.org")
    before = table_digests(database, {"audit_entries", "login_sessions"})
    again = _invite(client, email="karen@example.org")
    assert again.status_code == 422
    assert _translated(app, "da", OPEN_ALREADY) in (again.get_data(as_text=True))
    held = _invite(client, email="dorte@example.org", roles=["coordinator"])
    assert held.status_code == 422
    assert 'href="#field-email"' in held.get_data(as_text=True)
    assert table_digests(database, {"audit_entries", "login_sessions"}) == before


def test_a_coordinator_is_refused(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    admin = _admin(client, make_user)
    _invite(client)
    [invitation] = _invitations(app)
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    coordinator = app.test_client()
    login(coordinator, "denmark", "coord@denmark.test")
    token = csrf_token(coordinator, "/denmark/me/")
    before = table_digests(database, {"audit_entries", "login_sessions"})
    invite = coordinator.post(
        "/denmark/admin/staff/invitations",
        data={"name": "X", "email": "x@example.org", "roles": ["admin"], "csrf_token": token},
    )
    assert invite.status_code == 403
    revoke = coordinator.post(
        f"/denmark/admin/staff/invitations/{invitation.id}/revoke", data={"csrf_token": token}
    )
    assert revoke.status_code == 403
    assert table_digests(database, {"audit_entries", "login_sessions"}) == before
    assert admin.id


def test_networks_are_apart(app: Flask, client: FlaskClient, make_user: UserFactory) -> None:
    _admin(client, make_user, "denmark")
    moroccan_admin = app.test_client()
    _admin(moroccan_admin, make_user, "morocco")
    _invite(moroccan_admin, "morocco", email="salma@example.org", roles=["admin"])
    [moroccan] = _invitations(app, "morocco")
    [mail] = _mails(app, "morocco")
    assert mail.locale == "ar"
    assert _link(mail).startswith("http://morocco.localhost/invitation?token=")
    # Denmark's admin neither sees nor revokes Morocco's invitation.
    assert "salma@example.org" not in client.get("/denmark/admin/staff").get_data(as_text=True)
    token = csrf_token(client, "/denmark/admin/staff")
    response = client.post(
        f"/denmark/admin/staff/invitations/{moroccan.id}/revoke", data={"csrf_token": token}
    )
    assert response.status_code == 404
    assert _invitations(app, "morocco")[0].revoked_at is None
    # Morocco's link opened on Denmark's host is unknown there.
    token_value = parse_qs(urlsplit(_link(mail)).query)["token"][0]
    foreign, _page = _open(
        app.test_client(), f"http://denmark.localhost/invitation?token={token_value}"
    )
    assert foreign.status_code == 404
    # The same address may be invited by Denmark too: a separate account there.
    assert _invite(client, email="salma@example.org").status_code == 303
    assert _user(app, "salma@example.org", "denmark") is None


def test_the_invitation_link_is_not_in_the_logs(
    app: Flask, client: FlaskClient, make_user: UserFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _admin(client, make_user)
    _invite(client)
    link = _link(_mails(app)[0])
    token = parse_qs(urlsplit(link).query)["token"][0]
    _accept(app.test_client(), link, password=NEW, password_confirm=NEW)
    assert token not in caplog.text


def test_erasing_an_account_deletes_the_invitations_to_her_address(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    member = make_user("denmark", email="karen@example.org", roles=(Role.MEMBER,))
    _invite(client, email="karen@example.org", roles=["translator"])
    _invite(client, email="other@example.org")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, _):
        user = session.get(User, member.id)
        assert user is not None
        anonymise_user(session, user, actor_id=None, reason="request")
        session.commit()
    assert [invitation.email for invitation in _invitations(app)] == ["other@example.org"]


def test_the_access_logs_record_no_query_string() -> None:
    """The token travels in the query, which gunicorn's and nginx's access logs leave out."""
    settings = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    log_format = settings["access_log_format"]
    assert "%(U)s" in log_format
    assert [part for part in ("%(r)s", "%(q)s", "%(f)s", "%({") if part in log_format] == []
    nginx = (ROOT / "deploy" / "nginx" / "mentornet.conf").read_text()
    nginx_format = nginx.split("log_format mentornet", 1)[1].split(";", 1)[0]
    assert "$uri" in nginx_format
    assert not re.search(r"\$request(?!_method|_time)|\$args|\$query_string", nginx_format)
