"""No GET request changes what the database holds: every GET route, as every role.

The network has a completed pair (with its follow-ups scheduled), a mentee waiting and a batch,
so the pages render with real records. After every request the whole database is compared with a
snapshot taken before. Three tables are left out, each because
writing them on a GET is the point: audit_entries (reading sensitive data is logged),
login_sessions (a login's last activity, which ends an idle session), and one cache:
dashboard_snapshots (the dashboard's figures, kept a few minutes; nothing but a copy of counts).
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from event_data import event_data
from mentornet.extensions import db
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.events.models import Event
from mentornet.modules.events.operations import create_event, register
from mentornet.modules.matching.models import MatchingBatch
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import tenant_session

from helpers import Database, ProfileFactory, UserFactory, ended_pair, login, table_digests

WRITTEN_ON_PURPOSE = {"audit_entries", "login_sessions", "dashboard_snapshots"}


def _network(app: Flask, make_user: UserFactory, make_profile: ProfileFactory) -> dict[str, str]:
    """Real Danish records for every kind of id a GET route takes."""
    pair_id, mentee_id = ended_pair(
        app, make_profile, mentee_email="amina@example.org", mentor_email="mette@example.org"
    )
    waiting = make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="eva@example.org")
    for role in (Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR):
        make_user("denmark", email=f"{role.value}@example.org", roles=(role,))
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        profile = session.get(Profile, mentee_id)
        assert profile is not None
        user = session.get(User, profile.user_id)
        assert user is not None
        batch = MatchingBatch(started_by_id=user.id)
        session.add(batch)
        event = _workshop(session, tenant, user)
        session.commit()
        outcome_id = session.scalar(
            sa.text("SELECT id FROM outcomes WHERE profile_id = :p ORDER BY id DESC LIMIT 1"),
            {"p": mentee_id},
        )
        return {
            "tenant_slug": "denmark",
            "profile_id": str(waiting.id),
            "mentorship_id": str(pair_id),
            "batch_id": str(batch.id),
            "outcome_id": str(outcome_id),
            "event_id": str(event.id),
            "slug": "denmark",  # the operator console names a network by its slug
            "filename": "style.css",
        }


def _workshop(session: Session, tenant: Tenant, member: User) -> Event:
    """A coming workshop that the mentee has a place at."""
    event = create_event(session, tenant, event_data(), actor=member)
    register(session, tenant, event, member)
    return event


ACCOUNTS = (
    None,
    "amina@example.org",
    "mette@example.org",
    "coordinator@example.org",
    "admin@example.org",
    "translator@example.org",
)


@pytest.mark.parametrize("email", ACCOUNTS, ids=lambda e: e or "anonymous")
def test_no_get_route_changes_the_database_for_any_role(
    app: Flask,
    migrated: Database,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    email: str | None,
) -> None:
    values = _network(app, make_user, make_profile)
    client: FlaskClient = app.test_client()
    if email:
        assert login(client, "denmark", email).status_code == 302
    before = table_digests(migrated, WRITTEN_ON_PURPOSE)
    requested = 0
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()):
            continue
        unknown = set(rule.arguments) - set(values)
        assert not unknown, f"{rule.rule}: add a record for {unknown} to _network"
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], rule.rule)
        response = client.get(path)
        assert response.status_code < 500, path
        requested += 1
        after = table_digests(migrated, WRITTEN_ON_PURPOSE)
        changed = [table for table in before if before[table] != after[table]]
        assert changed == [], f"GET {path} as {email or 'anonymous'} changed {changed}"
    with app.app_context():
        db.session.close()
    assert requested > 25
