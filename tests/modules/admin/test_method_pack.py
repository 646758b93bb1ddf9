"""The method pack page: download tenant.toml, upload one, see every change, then apply it."""

from __future__ import annotations

import io
import tomllib
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.modules.accounts.models import Role
from mentornet.modules.tenants.cli import tenants_group
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session
from mentornet.modules.tenants.packs import dump_pack

from helpers import Database, ProfileFactory, UserFactory, csrf_token, login, table_digests

PAGE = "/denmark/admin/pack"


def _admin(app: Flask, make_user: UserFactory, tenant: str = "denmark") -> FlaskClient:
    make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,))
    client = app.test_client()
    login(client, tenant, f"admin@{tenant}.test")
    return client


def _version(app: Flask, tenant: str = "denmark") -> int:
    with app.app_context(), tenant_session(tenant) as (_session, row):
        return row.settings_version


def _download(client: FlaskClient, tenant: str = "denmark") -> str:
    response = client.get(f"/{tenant}/admin/pack/tenant.toml")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{tenant}-tenant.toml"'
    )
    return response.get_data(as_text=True)


def _upload(client: FlaskClient, app: Flask, content: bytes | None, **extra: str) -> TestResponse:
    data: dict[str, Any] = {
        "csrf_token": csrf_token(client, PAGE),
        "version": str(_version(app)),
        **extra,
    }
    if content is not None:
        data["pack"] = (io.BytesIO(content), "tenant.toml")
    return client.post(f"{PAGE}/preview", data=data, content_type="multipart/form-data")


def _edited(text: str, **sections: dict[str, Any]) -> bytes:
    document = tomllib.loads(text)
    for name, values in sections.items():
        document[name] = {**document[name], **values}
    return dump_pack(document).encode()


def test_the_download_is_what_the_export_command_writes(app: Flask, make_user: UserFactory) -> None:
    denmark, morocco = _admin(app, make_user), _admin(app, make_user, "morocco")
    with app.app_context():
        exported = CliRunner().invoke(tenants_group, ["export", "denmark"])
    assert exported.exit_code == 0
    assert _download(denmark) == exported.output
    assert tomllib.loads(_download(morocco, "morocco"))["slug"] == "morocco"


def test_an_upload_is_previewed_without_saving_then_applied_as_a_version(
    app: Flask, make_user: UserFactory, migrated: Database
) -> None:
    client = _admin(app, make_user)
    before = table_digests(migrated, {"audit_log"})
    pack = _edited(_download(client), cycle={"stalled_after_days": 21})
    preview = _upload(client, app, pack)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "cycle.stalled_after_days" in page and "Anvend ændringerne" in page
    assert table_digests(migrated, {"audit_log"}) == before  # a preview saves nothing

    version = _version(app)
    applied = client.post(
        f"{PAGE}/apply",
        data={
            "csrf_token": csrf_token(client, PAGE),
            "version": str(version),
            "pack_text": pack.decode(),
            "reason": "kortere frist",
        },
    )
    assert applied.status_code == 303
    with app.app_context(), tenant_session("denmark") as (session, row):
        assert row.settings["cycle"]["stalled_after_days"] == 21
        saved = session.scalars(
            sa.select(TenantSettingsVersion).order_by(TenantSettingsVersion.version.desc())
        ).first()
        assert saved is not None and saved.version == version + 1
        assert saved.changed_by == "admin@denmark.test"
        assert saved.reason.endswith("kortere frist")
    with app.app_context(), tenant_session("morocco") as (_session, row):
        assert row.settings["cycle"]["stalled_after_days"] == 45


def test_another_networks_pack_keeps_this_networks_address_hosts_and_status(
    app: Flask, make_user: UserFactory
) -> None:
    denmark, morocco = _admin(app, make_user), _admin(app, make_user, "morocco")
    moroccan = _download(morocco, "morocco").encode()
    with app.app_context(), tenant_session("denmark") as (_session, row):
        slug, hosts = row.slug, row.settings["hosts"]
    preview = _upload(denmark, app, moroccan)
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert '<code dir="ltr">hosts' not in page and '<code dir="ltr">slug' not in page
    applied = denmark.post(
        f"{PAGE}/apply",
        data={
            "csrf_token": csrf_token(denmark, PAGE),
            "version": str(_version(app)),
            "pack_text": moroccan.decode(),
        },
    )
    assert applied.status_code == 303
    with app.app_context(), tenant_session("denmark") as (_session, row):
        assert (row.slug, row.settings["hosts"]) == (slug, hosts)
        assert row.default_locale == "ar"  # the rest is Morocco's method now


def test_bad_packs_name_the_problem_and_save_nothing(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory, migrated: Database
) -> None:
    client = _admin(app, make_user)
    make_profile("denmark", "mentee", goals=["recognition"])
    text = _download(client)
    without_goal = tomllib.loads(text)
    without_goal["goals"] = [g for g in without_goal["goals"] if g["key"] != "recognition"]
    cases = {
        "not TOML": (b"[cycle\nexpected_months = 6", "ikke gyldig TOML"),
        "wrong value": (_edited(text, cycle={"expected_months": -3}), "cycle.expected_months"),
        "not UTF-8": ("slug = 'å'".encode("latin-1"), "UTF-8"),
        "too large": (b"#" * (600 * 1024), "512 KiB"),
        "no file": (None, "Vælg en tenant.toml-fil"),
        "goal in use": (dump_pack(without_goal).encode(), "recognition"),
        "control character": (_edited(text, name={"da": "Mentor\x07netværket"}), "name.da"),
    }
    before = table_digests(migrated, {"audit_log"})
    for name, (content, expected) in cases.items():
        response = _upload(client, app, content)
        assert response.status_code == 422, name
        assert expected in response.get_data(as_text=True), name
    assert table_digests(migrated, {"audit_log"}) == before

    # Two admins: the second apply was previewed on the version before the first one's.
    previewed_on = _version(app)
    for status in (303, 409):
        response = client.post(
            f"{PAGE}/apply",
            data={
                "csrf_token": csrf_token(client, PAGE),
                "version": str(previewed_on),
                "pack_text": _edited(text, cycle={"stalled_after_days": 30}).decode(),
            },
        )
        assert response.status_code == status
    assert "cycle.stalled_after_days" in response.get_data(as_text=True)  # the other change


def test_only_administrators_reach_the_pack(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coordinator@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coordinator@denmark.test")
    assert client.get(PAGE).status_code == 403
    assert client.get(f"{PAGE}/tenant.toml").status_code == 403
    morocco = _admin(app, make_user, "morocco")
    assert morocco.get(f"{PAGE}/tenant.toml").status_code in (302, 403, 404)
