"""Retention: the due records are anonymised after the network's periods; a dry run changes nothing."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from click.testing import CliRunner, Result
from flask import Flask
from flask.testing import FlaskClient

from mentornet.core.db import Base
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.privacy.cli import retention_group
from mentornet.modules.privacy.models import RetentionRun
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    Database,
    ProfileFactory,
    UserFactory,
    ended_pair,
    every_row,
    login,
    member_client,
)


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


def _alumna(app: Flask, make_profile: ProfileFactory, tenant: str, name: str, days: int) -> int:
    """A mentee whose pair closed (she is alumna now), all of it `days` ago; her user id."""
    pair_id, profile_id = ended_pair(
        app, make_profile, tenant=tenant, mentee_email=f"{name}@{tenant}.test",
        mentor_email=f"{name}.mentor@{tenant}.test",
    )  # fmt: skip
    with app.app_context(), tenant_session(tenant) as (session, _):
        pair, profile = session.get(Mentorship, pair_id), session.get(Profile, profile_id)
        assert pair is not None and pair.closed_at is not None and profile is not None
        assert profile.status is ProfileStatus.ALUMNI
        pair.closed_at -= dt.timedelta(days=days)
        session.commit()
    _age(app, tenant, f"{name}@{tenant}.test", days)
    return profile.user_id


def test_alumni_are_anonymised_only_after_their_inactivity(
    app: Flask, make_profile: ProfileFactory
) -> None:
    """Denmark keeps inactive members 24 months: an alumna idle for 1,000 days goes, one who
    signed in today stays, and Morocco (36 months) keeps hers."""
    gone = _alumna(app, make_profile, "denmark", "gone", 1000)
    back = _alumna(app, make_profile, "denmark", "back", 1000)
    login(app.test_client(), "denmark", "back@denmark.test")  # a sign-in is activity
    elsewhere = _alumna(app, make_profile, "morocco", "kept", 1000)
    result = _retention(app, "run")
    assert result.exit_code == 0, result.output
    assert "denmark: 0 applicants, 1 alumni, 0 free_texts" in result.output
    assert "morocco: 0 applicants, 0 alumni, 0 free_texts" in result.output
    with app.app_context(), tenant_session("denmark") as (session, _):
        erased = session.get(User, gone)
        assert erased is not None and erased.is_erased and "gone@" not in erased.email
        assert not session.get(User, back).is_erased  # type: ignore[union-attr]
    with app.app_context(), tenant_session("morocco") as (session, _):
        assert not session.get(User, elsewhere).is_erased  # type: ignore[union-attr]


def test_free_texts_of_long_closed_pairs_are_cleared_and_the_counts_stay(
    app: Flask, make_profile: ProfileFactory
) -> None:
    pairs = []
    for name in ("old", "new"):
        pair_id, _ = ended_pair(
            app, make_profile, mentee_email=f"{name}.mentee@denmark.test",
            mentor_email=f"{name}.mentor@denmark.test",
        )  # fmt: skip
        pairs.append(pair_id)
    with app.app_context(), tenant_session("denmark") as (session, _):
        for pair_id in pairs:  # what they wrote in their evaluations and check-ins
            pair = session.get(Mentorship, pair_id)
            assert pair is not None and pair.closed_at is not None
            pair.mentee_evaluation, pair.mentor_evaluation = "Hun fandt job", "Godt samarbejde"
            pair.note = "Privat note"
        old = session.get(Mentorship, pairs[0])
        assert old is not None and old.closed_at is not None
        old.closed_at -= dt.timedelta(days=6 * 366)  # Denmark keeps them 5 years
        closed_at, state = old.closed_at, old.state
        session.commit()
    result = _retention(app, "run", "--tenant", "denmark")
    assert "0 applicants, 0 alumni, 1 free_texts" in result.output, result.output
    with app.app_context(), tenant_session("denmark") as (session, _):
        cleared, kept = session.get(Mentorship, pairs[0]), session.get(Mentorship, pairs[1])
        assert cleared is not None and kept is not None
        assert (cleared.mentee_evaluation, cleared.mentor_evaluation, cleared.note) == (
            None, None, "",
        )  # fmt: skip
        assert (cleared.state, cleared.closed_at) == (state, closed_at)  # what reports count
        assert kept.mentee_evaluation == "Hun fandt job" and kept.note == "Privat note"
