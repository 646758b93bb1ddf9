"""Retention: the due records are anonymised after the network's periods; a dry run changes nothing."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from mentornet.core.db import Base
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.privacy.cli import retention_group
from mentornet.modules.privacy.models import RetentionRun
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import Database, ProfileFactory, UserFactory, every_row, login, member_client


def _snapshot(database: Database) -> dict[str, list[tuple[object, ...]]]:
    with every_row(database) as connection:
        return {
            table.name: sorted(map(tuple, connection.execute(sa.select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def _retention(app: Flask, *args: str) -> Result:
    with app.app_context():
        return CliRunner().invoke(retention_group, list(args))


def _age(app: Flask, tenant: str, email: str, days: int) -> int:
    """As if her last status change were `days` ago."""
    with app.app_context(), tenant_session(tenant) as (session, _):
        user = session.scalars(sa.select(User).where(User.email == email)).one()
        for profile in session.scalars(sa.select(Profile).where(Profile.user_id == user.id)):
            profile.status_changed_at = profile.status_changed_at - dt.timedelta(days=days)
        session.commit()
        return user.id


def _rejected(app: Flask, make_profile: ProfileFactory, tenant: str, email: str, days: int) -> int:
    make_profile(tenant, "mentee", ProfileStatus.REJECTED, email=email, name="Old Applicant")
    return _age(app, tenant, email, days)


def test_dry_run_counts_and_changes_nothing(
    app: Flask, make_profile: ProfileFactory, migrated: Database
) -> None:
    _rejected(app, make_profile, "denmark", "old@denmark.test", 400)
    before = _snapshot(migrated)
    result = _retention(app, "run", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "denmark: 1 applicants, 0 alumni, 0 free_texts (dry run" in result.output
    assert _snapshot(migrated) == before


def test_a_real_run_anonymises_exactly_the_due_ones_and_is_recorded(
    app: Flask, make_profile: ProfileFactory
) -> None:
    old = _rejected(app, make_profile, "denmark", "old@denmark.test", 400)
    recent = _rejected(app, make_profile, "denmark", "recent@denmark.test", 30)
    waiting = make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="wait@denmark.test")
    _age(app, "denmark", "wait@denmark.test", 4000)
    elsewhere = _rejected(app, make_profile, "morocco", "old@morocco.test", 400)
    result = _retention(app, "run", "--tenant", "denmark")
    assert result.exit_code == 0, result.output
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.get(User, old).is_erased  # type: ignore[union-attr]
        assert not session.get(User, recent).is_erased  # type: ignore[union-attr]
        waiting_user = session.get(Profile, waiting.id)
        assert waiting_user is not None
        assert not session.get(User, waiting_user.user_id).is_erased  # type: ignore[union-attr]
        [run] = session.scalars(sa.select(RetentionRun)).all()
        assert run.counts == {"applicants": 1, "alumni": 0, "free_texts": 0}
        assert not run.dry_run and run.finished_at is not None
    with app.app_context(), tenant_session("morocco") as (session, _):
        assert not session.get(User, elsewhere).is_erased  # type: ignore[union-attr]
        assert session.scalars(sa.select(RetentionRun)).all() == []


def test_an_unknown_network_is_refused(app: Flask) -> None:
    result = _retention(app, "run", "--tenant", "nowhere")
    assert result.exit_code != 0 and "no such network" in result.output


def test_the_admin_console_shows_the_last_run(
    app: Flask, make_profile: ProfileFactory, make_user: UserFactory
) -> None:
    make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,))
    admin: FlaskClient = app.test_client()
    login(admin, "denmark", "admin@denmark.test")
    assert "Retention has not run yet." in admin.get("/denmark/admin/retention?lang=en").get_data(
        as_text=True
    )
    _rejected(app, make_profile, "denmark", "old@denmark.test", 400)
    _retention(app, "run")
    page = admin.get("/denmark/admin/retention?lang=en").get_data(as_text=True)
    assert "Last run:" in page and "Rejected or withdrawn applicants" in page


def test_a_member_may_not_see_the_retention_page(app: Flask, make_profile: ProfileFactory) -> None:
    make_profile("denmark", "mentee", email="member@denmark.test")
    member = member_client(app, "denmark", "member@denmark.test")
    assert member.get("/denmark/admin/retention").status_code == 403


def test_the_routes_are_in_the_permission_table(app: Flask) -> None:
    from mentornet.core.permissions import ADMINS, ANY_ACCOUNT, ROUTE_PERMISSIONS

    assert ROUTE_PERMISSIONS["admin.retention"] == ADMINS
    for view in ("my_data", "export_data", "withdraw_consent", "erase_account"):
        assert ROUTE_PERMISSIONS[f"privacy.{view}"] == ANY_ACCOUNT
