"""What matters is written to the audit log: sign-ins and their failures, password changes, imports."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.tenants.operations import tenant_session
from modules.profiles.test_import import _csv, _row, _run

from helpers import PASSWORD, UserFactory, login, post_form

NEW = "a much longer passphrase 2026"


def _log(app: Flask, tenant: str = "denmark") -> list[tuple[str, str, int, int | None]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = session.execute(
            sa.select(
                AuditEntry.action,
                AuditEntry.subject_type,
                AuditEntry.subject_id,
                AuditEntry.actor_id,
            ).order_by(AuditEntry.id)
        )
        return [(a, t, s, actor) for a, t, s, actor in rows]


def test_sign_ins_and_failed_attempts_on_an_account_are_logged(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    user = make_user("denmark", email="amina@example.org")
    assert login(client, "denmark", "amina@example.org", "not her password").status_code == 401
    assert login(client, "denmark", "nobody@example.org").status_code == 401  # no account
    assert login(client, "denmark", "amina@example.org").status_code == 302
    assert _log(app) == [
        ("sign_in_failed", "user", user.id, None),
        ("sign_in", "user", user.id, user.id),
    ]
    assert _log(app, "morocco") == []


def test_a_password_change_is_logged(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    user = make_user("denmark", email="amina@example.org")
    login(client, "denmark", "amina@example.org")
    form = {"current_password": PASSWORD, "password": NEW, "password_confirm": NEW}
    assert post_form(client, "/denmark/password/change", form).status_code == 302
    assert ("password_changed", "user", user.id, user.id) in _log(app)


def test_an_import_is_logged_and_a_dry_run_is_not(app: Flask, tmp_path: Path) -> None:
    code, _output = _run(app, tmp_path, _csv([_row("mentee", "a@example.org")]), "--dry-run")
    assert code == 0 and _log(app) == []
    code, output = _run(app, tmp_path, _csv([_row("mentee", "a@example.org")]))
    assert code == 0, output
    assert [(a, t) for a, t, _s, _actor in _log(app)] == [("csv_import", "tenant")]
