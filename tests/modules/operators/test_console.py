"""The operator console: a password and a required TOTP code, the networks with counts only,
suspend and resume, the method pack, and figures across networks that withhold small groups."""

from __future__ import annotations

import io
import re
import time

import pyotp
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.core.db import Base
from mentornet.core.errors import DomainError
from mentornet.extensions import db
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.operators.cli import operators_group
from mentornet.modules.operators.models import Operator
from mentornet.modules.operators.operations import create_operator
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.tenants.cli import tenants_group
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    FIRST_GOAL,
    PASSWORD,
    Database,
    ProfileFactory,
    UserFactory,
    csrf_token,
    ended_pair,
    every_row,
    login,
)

EMAIL = "operator@mentornet.test"


def _operator(app: Flask) -> None:
    with app.app_context():
        create_operator(db.session, email=EMAIL, name="Olga Operator", password=PASSWORD)
        db.session.commit()


def _post(client: FlaskClient, path: str, data: dict[str, str], page: str) -> TestResponse:
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)})


def _signed_in(app: Flask) -> tuple[FlaskClient, pyotp.TOTP]:
    """Password, then (the first time) the app is set up from the QR code, then a code."""
    client = app.test_client()
    first = _post(
        client, "/operator/login", {"email": EMAIL, "password": PASSWORD}, "/operator/login"
    )
    assert first.status_code == 303 and first.headers["Location"] == "/operator/login/code"
    page = client.get("/operator/login/code").get_data(as_text=True)
    assert '<svg viewBox="0 0' in page  # the QR code, made by the app
    secret = re.search(r'<code dir="ltr" class="secret">([A-Z2-7]+)</code>', page)
    assert secret is not None
    totp = pyotp.TOTP(secret.group(1))
    code = "/operator/login/code"
    assert _post(client, code, {"code": "000000"}, code).status_code == 401
    assert client.get("/operator/").status_code == 302  # not signed in yet
    assert _post(client, code, {"code": totp.now()}, code).status_code == 303
    return client, totp


def test_an_operator_signs_in_with_a_password_and_a_code(app: Flask) -> None:
    _operator(app)
    client, totp = _signed_in(app)
    assert client.get("/operator/").status_code == 200
    again = app.test_client()
    _post(again, "/operator/login", {"email": EMAIL, "password": PASSWORD}, "/operator/login")
    page = again.get("/operator/login/code").get_data(as_text=True)
    assert "<svg" not in page  # set up once: now only the code is asked
    code = "/operator/login/code"
    assert _post(again, code, {"code": totp.at(time.time() + 30)}, code).status_code == 303
    wrong = app.test_client()
    response = _post(
        wrong, "/operator/login", {"email": EMAIL, "password": "wrong one!"}, "/operator/login"
    )
    assert response.status_code == 401


def test_network_staff_and_visitors_do_not_reach_the_console(
    app: Flask, make_user: UserFactory
) -> None:
    _operator(app)
    make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,))
    admin = app.test_client()
    login(admin, "denmark", "admin@denmark.test")
    for client in (admin, app.test_client()):
        for path in ("/operator/", "/operator/figures", "/operator/networks/denmark/tenant.toml"):
            response = client.get(path)
            assert response.status_code == 302, path
            assert response.headers["Location"] == "/operator/login"
    suspend = admin.post(
        "/operator/networks/denmark/suspend",
        data={"csrf_token": csrf_token(admin, "/operator/login")},
    )
    assert suspend.status_code == 302
    assert app.test_client().get("/denmark/").status_code == 200


def test_no_operator_page_shows_a_member(
    app: Flask, make_profile: ProfileFactory, make_user: UserFactory
) -> None:
    ended_pair(app, make_profile, mentee_email="zainab.q@example.org", mentor_email="birgit.w@example.org",
               name="Zainab Quraishi")  # fmt: skip
    make_profile("morocco", "mentee", email="salma.x@example.org", name="Salma Xanthe")
    make_user("men", email="karl.y@example.org", name="Karl Yndgaard")
    _operator(app)
    client, _totp = _signed_in(app)
    pages = [
        rule.rule.replace("<slug>", "denmark")
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("operators.")
        and "GET" in (rule.methods or set())
        and rule.endpoint not in ("operators.login", "operators.login_code")
    ]
    assert len(pages) >= 4
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.get_data(as_text=True)
        for secret in (
            "zainab",
            "quraishi",
            "birgit",
            "salma",
            "xanthe",
            "karl",
            "yndgaard",
            "@example.org",
        ):
            assert secret not in text.lower(), (path, secret)
    listing = client.get("/operator/").get_data(as_text=True)
    assert "denmark" in listing and "morocco" in listing and "men" in listing


def test_suspend_and_resume_a_network(app: Flask) -> None:
    _operator(app)
    client, _totp = _signed_in(app)
    response = _post(client, "/operator/networks/denmark/suspend", {}, "/operator/")
    assert response.status_code == 303
    assert app.test_client().get("/denmark/").status_code == 503
    assert app.test_client().get("/morocco/").status_code == 200
    _post(client, "/operator/networks/denmark/resume", {}, "/operator/")
    assert app.test_client().get("/denmark/").status_code == 200
    with app.app_context(), tenant_session("denmark") as (session, _):
        actions = list(
            session.scalars(sa.select(AuditEntry.action).where(AuditEntry.detail == EMAIL))
        )
    assert actions == ["network_suspended", "network_resumed"]
    assert _post(client, "/operator/networks/nowhere/suspend", {}, "/operator/").status_code == 404


def test_the_pack_is_what_the_export_command_writes(app: Flask) -> None:
    _operator(app)
    client, _totp = _signed_in(app)
    with app.app_context():
        exported = CliRunner().invoke(tenants_group, ["export", "morocco"])
    assert (
        client.get("/operator/networks/morocco/tenant.toml").get_data(as_text=True)
        == exported.output
    )


def test_figures_withhold_groups_of_fewer_than_ten(
    app: Flask, make_profile: ProfileFactory
) -> None:
    for number in range(10):
        ended_pair(app, make_profile, mentee_email=f"mentee{number}@denmark.test",
                   mentor_email=f"mentor{number}@denmark.test")  # fmt: skip
    ended_pair(app, make_profile, tenant="morocco", mentee_email="m@morocco.test",
               mentor_email="n@morocco.test", goal="start_business")  # fmt: skip
    _operator(app)
    client, _totp = _signed_in(app)
    csv = client.get("/operator/figures.csv").get_data(as_text=True).splitlines()
    year = str(time.gmtime().tm_year)
    rows = {line.split(",")[0]: line.split(",") for line in csv[1:] if line.split(",")[1] == year}
    assert csv[0].startswith("network,year,completed,success_share")
    assert rows["denmark"][2] == "10" and rows["denmark"][3] == "1.0"  # all ten reached their goal
    assert rows["morocco"][2] == "<10" and rows["morocco"][3] == "<10"
    page = client.get("/operator/figures").get_data(as_text=True)
    assert "fewer than 10" in page


def test_the_command_line_creates_operators_and_refuses_bad_input(app: Flask) -> None:
    runner = CliRunner()
    with app.app_context():
        made = runner.invoke(
            operators_group,
            ["create", "--email", "Ops@Mentornet.test", "--name", "Ops", "--password", PASSWORD],
        )
        weak = runner.invoke(
            operators_group,
            ["create", "--email", "b@mentornet.test", "--name", "B", "--password", "1234567890"],
        )
        twice = runner.invoke(
            operators_group,
            ["create", "--email", "ops@mentornet.test", "--name", "Ops", "--password", PASSWORD],
        )
        bad = runner.invoke(
            operators_group,
            ["create", "--email", "not an address", "--name", "C\x00", "--password", PASSWORD],
        )
        emails = list(db.session.scalars(sa.select(Operator.email)))
    assert made.exit_code == 0, made.output
    assert weak.exit_code == 1 and "--password" in weak.output
    assert twice.exit_code == 1 and "--email" in twice.output
    assert bad.exit_code == 1 and "--email" in bad.output and "--name" in bad.output
    assert emails == ["ops@mentornet.test"]


def _launch(client: FlaskClient, **fields: object) -> TestResponse:
    data: dict[str, object] = {
        "template": "denmark", "slug": "norway", "locales": ["da", "en"], "default_locale": "da",
        "name.da": "Mentornetværket Norge", "name.en": "The Mentor Network Norway",
        "timezone": "Europe/Oslo", "hosts": "", "admin_name": "Nora Admin",
        "admin_email": "nora@norway.test",
    }  # fmt: skip
    data.update(fields)
    data["csrf_token"] = csrf_token(client, "/operator/networks/new")
    return client.post("/operator/networks/new", data=data, content_type="multipart/form-data")


def _slugs(app: Flask) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(sa.select(Tenant.slug)))


def test_an_operator_launches_a_network_from_a_template_without_its_members(
    app: Flask, make_profile: ProfileFactory
) -> None:
    make_profile("denmark", "mentee", email="amina@example.org")
    _operator(app)
    client, _totp = _signed_in(app)
    response = _launch(client)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    assert app.test_client().get("/norway/").status_code == 200  # at once, on its path
    with app.app_context(), tenant_session("norway") as (session, tenant):
        assert tenant.settings["timezone"] == "Europe/Oslo"
        assert tenant.name("en") == "The Mentor Network Norway"
        with tenant_session("denmark") as (_other, denmark):
            assert tenant.settings["goals"] == denmark.settings["goals"]
            assert tenant.settings["questionnaire"] == denmark.settings["questionnaire"]
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 0  # no members
        message = session.scalar(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "staff_invitation")
        )
        assert message is not None and message.recipient == "nora@norway.test"
        assert "Olga Operator" in message.body and "/norway/invitation?token=" in message.body
        assert "network_launched" in list(session.scalars(sa.select(AuditEntry.action)))


def test_a_launch_that_cannot_be_completed_leaves_no_network_behind(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    _operator(app)
    client, _totp = _signed_in(app)
    before = _slugs(app)
    missing = _launch(client, locales=["fr"], default_locale="fr", **{"name.fr": "Réseau"})
    assert missing.status_code == 422
    page = missing.get_data(as_text=True)
    assert "goals[0].label: Missing translation for: fr." in page  # Denmark's goals have no French
    assert _launch(client, slug="denmark").status_code == 422  # taken
    assert _launch(client, admin_email="not an address", slug="x\x00y").status_code == 422

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise DomainError("no mail today", field="admin_email")

    monkeypatch.setattr("mentornet.modules.operators.launch.invite_staff", refuse)
    failed = _launch(client)
    assert failed.status_code == 422 and "no mail today" in failed.get_data(as_text=True)
    assert _slugs(app) == before
    assert app.test_client().get("/norway/").status_code == 404


def test_a_network_launched_from_an_uploaded_pack(app: Flask) -> None:
    _operator(app)
    client, _totp = _signed_in(app)
    pack = client.get("/operator/networks/morocco/tenant.toml").data
    response = _launch(
        client, template="upload", pack=(io.BytesIO(pack), "tenant.toml"), slug="tunisia",
        locales=["ar", "fr"], default_locale="ar", **{"name.ar": "شبكة تونس", "name.fr": "Réseau Tunisie"},
    )  # fmt: skip
    assert response.status_code == 303
    assert app.test_client().get("/tunisia/?lang=ar").status_code == 200
    broken = _launch(
        client, template="upload", pack=(io.BytesIO(b"[x"), "tenant.toml"), slug="libya"
    )
    assert broken.status_code == 422 and "libya" not in _slugs(app)


def _rows_per_network(database: Database) -> dict[tuple[str, int], int]:
    """(table, tenant id) -> rows, for every tenant-owned table, read past row-level security."""
    counts: dict[tuple[str, int], int] = {}
    with every_row(database) as connection:
        for table in Base.metadata.sorted_tables:
            if "tenant_id" in table.columns:
                rows = connection.execute(
                    sa.select(table.c.tenant_id, sa.func.count()).group_by(table.c.tenant_id)
                )
                counts.update({(table.name, tenant): count for tenant, count in rows})
    return counts


def test_deleting_a_network_removes_its_rows_and_no_other(
    app: Flask, make_profile: ProfileFactory, migrated: Database, tenant_ids: dict[str, int]
) -> None:
    for tenant in ("denmark", "morocco", "men"):
        ended_pair(app, make_profile, tenant=tenant, mentee_email=f"a@{tenant}.test",
                   mentor_email=f"b@{tenant}.test", goal=FIRST_GOAL[tenant])  # fmt: skip
    _operator(app)
    client, _totp = _signed_in(app)
    page = "/operator/networks/morocco/delete"
    assert "/operator/networks/morocco/tenant.toml" in client.get(page).get_data(as_text=True)
    before = _rows_per_network(migrated)
    morocco = tenant_ids["morocco"]
    assert sum(n for (_t, tenant), n in before.items() if tenant == morocco) > 20
    for typed in ("", "Morocco ", "denmark"):
        refused = _post(client, page, {"confirm": typed}, page)
        assert refused.status_code == 422, typed
    assert _rows_per_network(migrated) == before
    assert _post(client, page, {"confirm": "morocco"}, page).status_code == 303
    after = _rows_per_network(migrated)
    assert {key for key in after if key[1] == morocco} == set()
    assert after == {key: n for key, n in before.items() if key[1] != morocco}
    assert "morocco" not in _slugs(app)
    assert app.test_client().get("/morocco/").status_code == 404
    assert app.test_client().get("/denmark/").status_code == 200


def test_network_pages_refuse_an_operator_session(app: Flask) -> None:
    """An operator's login is the platform's: no network page takes it for a member's."""
    _operator(app)
    client, _totp = _signed_in(app)
    for path in ("/denmark/staff/", "/denmark/me/", "/morocco/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith(path.split("/", 2)[1].join(("/", "/login")))
