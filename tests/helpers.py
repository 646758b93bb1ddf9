"""Helpers for tests: talking to the app the way a browser does."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.core.db import Base
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.mentorships import cycle
from mentornet.modules.mentorships.cycle_models import (
    GoalStatus,
    MeetingMode,
    OutcomeStage,
)
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.mentorships.operations import answer, propose
from mentornet.modules.mentorships.outcomes import record_outcome
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.tenants.operations import tenant_session

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
UserFactory = Callable[..., User]
ProfileFactory = Callable[..., Profile]
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Database:
    app_url: str
    migration_url: str
    app_role: str
    scratch_url: str  # an empty database of the same kind, for tests that build their own schema

    @property
    def is_postgres(self) -> bool:
        return self.app_url.startswith("postgresql")


_OWNER_ENGINES: dict[str, sa.Engine] = {}


@contextmanager
def every_row(database: Database) -> Iterator[sa.Connection]:
    """A connection that reads every network's rows, for snapshots and scans of the whole database.

    The table owner is held by row-level security too (FORCE, core/rls.py), so on PostgreSQL the
    connection reads in the system scope that the policies let past. The engine is kept for the
    run (a snapshot before and after each of thousands of fuzz requests would otherwise open a
    connection each time); each use is a transaction of its own, so it sees what was committed.
    """
    engine = _OWNER_ENGINES.get(database.migration_url)
    if engine is None:
        engine = _OWNER_ENGINES[database.migration_url] = sa.create_engine(database.migration_url)
    with engine.begin() as connection:
        if database.is_postgres:
            connection.execute(sa.text("SELECT set_config('app.system_scope', 'on', true)"))
        yield connection


def table_digests(database: Database, skip: Collection[str] = ()) -> dict[str, str]:
    """A digest of every row of every table (bar `skip`), read past row-level security: two
    snapshots are equal exactly when no row was added, removed or changed.

    On PostgreSQL the digests are made by the server in one statement (each row as text, sorted),
    so that a snapshot is one round trip rather than a query and a transfer per table.
    """
    tables = [table for table in Base.metadata.sorted_tables if table.name not in skip]
    with every_row(database) as connection:
        if database.is_postgres:
            digest = "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM"
            digests = ", ".join(f'{digest} "{t.name}" t) AS "{t.name}"' for t in tables)
            row = connection.execute(sa.text(f"SELECT {digests}")).one()
            return dict(zip([table.name for table in tables], row, strict=True))
        return {
            table.name: hashlib.sha256(
                repr(
                    connection.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
                ).encode()
            ).hexdigest()
            for table in tables
        }


def settings_for(database: Database, **extra: Any) -> dict[str, Any]:
    return {
        # compiled once per run by conftest.pytest_configure
        "TRANSLATIONS_COMPILED_DIR": os.environ.get("MNTEST_COMPILED_TRANSLATIONS", ""),
        "DATABASE_URL": database.app_url,
        "DATABASE_MIGRATION_URL": database.migration_url,
        "DATABASE_APP_ROLE": database.app_role,
        **extra,
    }


def csrf_token(client: FlaskClient, path: str, **kwargs: Any) -> str:
    """The CSRF token of the form on a page, as a browser would see it."""
    response = client.get(path, **kwargs)
    match = CSRF_FIELD.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {path} (status {response.status_code})"
    return match.group(1)


def post_form(
    client: FlaskClient,
    form_page: str,
    data: dict[str, Any],
    action: str | None = None,
    **kwargs: Any,
) -> TestResponse:
    """Fetch a form page for its CSRF token, then submit the form."""
    token = csrf_token(client, form_page, **kwargs)
    return client.post(action or form_page, data={**data, "csrf_token": token}, **kwargs)


def login(
    client: FlaskClient, tenant: str, email: str, password: str = PASSWORD, **kwargs: Any
) -> TestResponse:
    return post_form(client, f"/{tenant}/login", {"email": email, "password": password}, **kwargs)


def requires_postgres(database: Database) -> None:
    """Skip a PostgreSQL-only test on SQLite (`make test` deselects them by the `postgres` mark);
    in CI, where `make test-postgres` runs them, reaching one on SQLite is an error."""
    if not database.is_postgres:
        if os.environ.get("CI") == "true":
            pytest.fail("a PostgreSQL-only test ran on SQLite; mark it `postgres`")
        pytest.skip("needs PostgreSQL: run `make test-postgres` (a throw-away cluster of its own)")


# Valid answers to each reference network's questionnaire, by role (the HTML form's field names).
QUESTION_ANSWERS: dict[str, dict[str, dict[str, Any]]] = {
    "denmark": {
        "mentee": {
            "q_sectors": ["health"],
            "q_meeting_format": "in_person",
            "q_years_in_denmark": "4",
        },
        "mentor": {
            "q_sectors": ["health"],
            "q_meeting_format": "either",
            "q_mentor_motivation": "I like helping.",
        },
    },
    "morocco": {
        "mentee": {
            "q_business_stage": "idea",
            "q_business_sectors": ["crafts"],
            "q_support_areas": ["financing"],
        },
        "mentor": {
            "q_business_sectors": ["crafts"],
            "q_support_areas": ["financing"],
            "q_mentor_experience": "20 years.",
        },
    },
    "men": {
        "mentee": {"q_interests": ["it"]},
        "mentor": {"q_interests": ["it"], "q_mentor_motivation": "To give back."},
    },
}
FIRST_GOAL = {"denmark": "job", "morocco": "start_business", "men": "job"}
BIRTH_YEAR = {"mentee": "1994", "mentor": "1975"}


def profile_values(tenant: str, role: str, **overrides: Any) -> dict[str, Any]:
    """Valid profile input as the schema reads it (form, API and CSV share the names)."""
    values: dict[str, Any] = {
        "email": f"{role}@{tenant}.test",
        "name": f"Test {role.title()}",
        "birth_year": "2004" if tenant == "men" and role == "mentee" else BIRTH_YEAR[role],
        "languages": ["da:B2", "ar:C2"],
        "occupation_code": "2221",
        "goals": [FIRST_GOAL[tenant]],
        "consent_privacy": True,
        "situation": "job_seeking" if role == "mentee" else None,  # a mentee's intake outcome
        **QUESTION_ANSWERS[tenant][role],
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def application_form(tenant: str, role: str, **overrides: Any) -> dict[str, Any]:
    """The same input as an HTML form posts it (language rows, checkboxes, password)."""
    values = profile_values(tenant, role, **overrides)
    form: dict[str, Any] = {"password": PASSWORD, "password_confirm": PASSWORD}
    for key, value in values.items():
        if key == "languages":
            form["languages-code"] = [entry.split(":")[0] for entry in value]
            form["languages-level"] = [entry.split(":")[1] for entry in value]
        elif isinstance(value, bool):
            if value:
                form[key] = "yes"
        else:
            form[key] = value
    return form


# ---- pairs: driving proposals and answers the way coordinators and members do ----


def coordinator_client(app: Flask, make_user: UserFactory, tenant: str = "denmark") -> FlaskClient:
    make_user(tenant, email=f"coord@{tenant}.test", roles=(Role.COORDINATOR,))
    client = app.test_client()
    login(client, tenant, f"coord@{tenant}.test")
    return client


def member_client(app: Flask, tenant: str, email: str) -> FlaskClient:
    client = app.test_client()
    login(client, tenant, email)
    return client


def propose_pair(
    coordinator: FlaskClient, mentee_id: int, mentor_id: int, tenant: str = "denmark"
) -> TestResponse:
    page = f"/{tenant}/staff/matching/mentees/{mentee_id}"
    return post_form(
        coordinator,
        page,
        {"mentor_id": str(mentor_id), "note": "I tror, I passer godt sammen."},
        action=f"{page}/propose",
    )


def latest_mentorship(app: Flask, tenant: str = "denmark") -> Mentorship:
    with app.app_context(), tenant_session(tenant) as (session, _):
        mentorship = session.scalars(sa.select(Mentorship).order_by(Mentorship.id.desc())).first()
        assert mentorship is not None
        session.expunge(mentorship)
        return mentorship


def answer_pair(
    client: FlaskClient, mentorship_id: int, yes: bool, tenant: str = "denmark", reason: str = ""
) -> TestResponse:
    data = {"answer": "yes" if yes else "no", "reason": reason}
    return post_form(
        client, f"/{tenant}/me/", data, action=f"/{tenant}/me/mentorships/{mentorship_id}/answer"
    )


def profile_state(
    app: Flask, profile_id: int, tenant: str = "denmark"
) -> tuple[ProfileStatus, int]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        profile = session.get(Profile, profile_id)
        assert profile is not None
        return profile.status, profile.places_taken


def ended_pair(
    app: Flask,
    make_profile: ProfileFactory,
    *,
    tenant: str = "denmark",
    mentee_email: str,
    mentor_email: str,
    goal: str = "job",
    result: GoalStatus = GoalStatus.ACHIEVED,
    closing_situation: Situation | None = None,
    end_early: str | None = None,
    **mentee_overrides: Any,
) -> tuple[int, int]:
    """A pair taken through the real cycle to its end; (mentorship id, mentee profile id).

    Both say yes, plan one goal, meet, then either end early with that reason, or close with the
    goal's result, the mentee's situation at closing (if given) and both evaluations.
    """
    approved = ProfileStatus.APPROVED
    mentee = make_profile(tenant, "mentee", approved, email=mentee_email, **mentee_overrides)
    mentor = make_profile(tenant, "mentor", approved, email=mentor_email)
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, network):
        her, them = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        assert her is not None and them is not None
        she, mentor_user = session.get(User, her.user_id), session.get(User, them.user_id)
        assert she is not None and mentor_user is not None
        pair = propose(session, network, her, them, actor=mentor_user)
        answer(session, network, pair, her, yes=True, actor=she)
        answer(session, network, pair, them, yes=True, actor=mentor_user)
        cycle.start_planning(session, pair, actor=she)
        planned = cycle.add_goal(
            session, network, pair, goal_key=goal, description="", target_date=None
        )
        cycle.confirm_plan(session, pair, her, actor=she)
        cycle.confirm_plan(session, pair, them, actor=mentor_user)
        cycle.log_meeting(
            session, pair, held_on=dt.date.today(), minutes=60, mode=MeetingMode.IN_PERSON,
            notes="", goal_ids=[planned.id], actor=she,
        )  # fmt: skip
        if end_early is not None:
            cycle.end_early(session, pair, reason=end_early, actor=mentor_user)
        else:
            cycle.start_closing(session, pair, actor=she)
            cycle.record_goal_result(session, pair, planned, result)
            if closing_situation is not None:
                record_outcome(
                    session, her, OutcomeStage.CLOSING, closing_situation, mentorship=pair
                )
            cycle.evaluate(session, pair, her, rating=5, text="", actor=she)
            cycle.evaluate(session, pair, them, rating=5, text="", actor=mentor_user)
        session.commit()
        return pair.id, mentee.id
