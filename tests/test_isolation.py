"""Every route that takes an object id answers 404 for another network's object, for every role.

A route with an id parameter this test does not know fails it: add how to make such an object
in the other network to FOREIGN_OBJECTS.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask

from event_data import event_data
from mentornet.core.permissions import ROUTE_PERMISSIONS, SIGNED_IN
from mentornet.modules.accounts.invitations import invite_staff
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.events.models import Event, Registration
from mentornet.modules.events.operations import create_event, register
from mentornet.modules.matching.models import MatchingBatch
from mentornet.modules.mentorships import cycle
from mentornet.modules.mentorships.cycle_models import Outcome, OutcomeStage
from mentornet.modules.mentorships.operations import answer, propose
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, csrf_token, ended_pair, login


def _foreign_mentorship(app: Flask, make_profile: ProfileFactory) -> int:
    mentee = make_profile(
        "morocco", "mentee", status=ProfileStatus.APPROVED, email="foreign-e@example.org"
    )
    mentor = make_profile(
        "morocco", "mentor", status=ProfileStatus.APPROVED, email="foreign-m@example.org"
    )
    with app.test_request_context("/morocco/"), tenant_session("morocco") as (session, tenant):
        mentee_row, mentor_row = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        actor = session.get(User, mentor.user_id)
        assert mentee_row is not None and mentor_row is not None and actor is not None
        pair = propose(session, tenant, mentee_row, mentor_row, actor=actor)
        session.commit()
        return pair.id


def _foreign_cycle(app: Flask, make_profile: ProfileFactory, tag: str) -> dict[str, int]:
    """A Moroccan pair working on its plan: a goal, an activity and a check-in."""
    mentee = make_profile(
        "morocco", "mentee", status=ProfileStatus.APPROVED, email=f"foreign-{tag}e@example.org"
    )
    mentor = make_profile(
        "morocco", "mentor", status=ProfileStatus.APPROVED, email=f"foreign-{tag}m@example.org"
    )
    with app.test_request_context("/morocco/"), tenant_session("morocco") as (session, tenant):
        mentee_row, mentor_row = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        actor = session.get(User, mentor.user_id)
        assert mentee_row is not None and mentor_row is not None and actor is not None
        pair = propose(session, tenant, mentee_row, mentor_row, actor=actor)
        for side in (mentee_row, mentor_row):
            answer(session, tenant, pair, side, yes=True, actor=actor)
        cycle.start_planning(session, pair, actor=actor)
        goal = cycle.add_goal(
            session, tenant, pair, goal_key="start_business", description="", target_date=None
        )
        activity = cycle.add_activity(session, pair, goal, title="foreign", due_date=None)
        for side in (mentee_row, mentor_row):
            cycle.confirm_plan(session, pair, side, actor=actor)
        entry = cycle.check_in(session, pair, mentee_row, rating=3, text="", contact_me=True)
        session.commit()
        return {"goal_id": goal.id, "activity_id": activity.id, "check_in_id": entry.id}


def _foreign_batch(app: Flask, make_profile: ProfileFactory) -> int:
    owner = make_profile("morocco", "mentor", email="foreign-b@example.org")
    with app.app_context(), tenant_session("morocco") as (session, _):
        batch = MatchingBatch(started_by_id=owner.user_id)
        session.add(batch)
        session.commit()
        return batch.id


def _foreign_outcome(app: Flask, make_profile: ProfileFactory) -> int:
    """A follow-up of a mentee in the other network, due today."""
    _pair, mentee_id = ended_pair(
        app,
        make_profile,
        tenant="morocco",
        mentee_email="foreign-o@example.org",
        mentor_email="foreign-p@example.org",
    )
    with app.app_context(), tenant_session("morocco") as (session, _):
        outcome = session.scalars(
            sa.select(Outcome)
            .where(Outcome.profile_id == mentee_id, Outcome.stage == OutcomeStage.FOLLOW_UP)
            .limit(1)
        ).one()
        outcome.due_on = dt.date.today()
        session.commit()
        return outcome.id


def _foreign_invitation(app: Flask, make_profile: ProfileFactory) -> int:
    """An open staff invitation of the other network, sent by one of its admins."""
    admin = make_profile("morocco", "mentor", email="foreign-i@example.org")
    with app.test_request_context("/morocco/"), tenant_session("morocco") as (session, tenant):
        actor = session.get(User, admin.user_id)
        assert actor is not None
        invitation = invite_staff(
            session, tenant, email="foreign-invited@example.org", name="foreign",
            roles={Role.COORDINATOR}, actor=actor,
        )  # fmt: skip
        session.commit()
        return invitation.id


def _foreign_settings_version(app: Flask, _make_profile: ProfileFactory) -> int:
    with app.app_context(), tenant_session("morocco") as (session, _):
        return session.scalars(sa.select(TenantSettingsVersion.id).limit(1)).one()


def _foreign_registration(app: Flask, make_profile: ProfileFactory, tag: str) -> Registration:
    """A Moroccan event with a Moroccan member's place at it."""
    member = make_profile("morocco", "mentee", email=f"foreign-{tag}@example.org")
    with app.test_request_context("/morocco/"), tenant_session("morocco") as (session, tenant):
        user = session.get(User, member.user_id)
        assert user is not None
        event: Event = create_event(
            session,
            tenant,
            event_data(title={"ar": "ورشة", "fr": "Atelier"}, place="Rabat", languages=["ar"]),
            actor=user,
        )
        registration = register(session, tenant, event, user)
        session.commit()
        session.expunge(registration)
        return registration


FOREIGN_OBJECTS: dict[str, Callable[[Flask, ProfileFactory], int]] = {
    "settings_version_id": _foreign_settings_version,
    "profile_id": lambda app, make_profile: (
        make_profile("morocco", "mentee", email="foreign@example.org").id
    ),
    "mentorship_id": _foreign_mentorship,
    "batch_id": _foreign_batch,
    "outcome_id": _foreign_outcome,
    "goal_id": lambda app, make_profile: _foreign_cycle(app, make_profile, "g")["goal_id"],
    "activity_id": lambda app, make_profile: _foreign_cycle(app, make_profile, "a")["activity_id"],
    "check_in_id": lambda app, make_profile: _foreign_cycle(app, make_profile, "c")["check_in_id"],
    "invitation_id": _foreign_invitation,
    "event_id": lambda app, make_profile: _foreign_registration(app, make_profile, "ev").event_id,
    "registration_id": lambda app, make_profile: _foreign_registration(app, make_profile, "reg").id,
    "user_id": lambda app, make_profile: (
        make_profile("morocco", "mentor", email="foreign-u@example.org").user_id
    ),
}
ROLES = (Role.MEMBER, Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR)


def test_another_networks_ids_are_not_found_on_any_route(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    ids = {name: make(app, make_profile) for name, make in FOREIGN_OBJECTS.items()}
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if "<tenant_slug>" in rule.rule and "<int:" in rule.rule
    ]
    assert rules, "no routes with ids to check"
    for role in ROLES:
        make_user("denmark", email=f"{role.value}@denmark.test", roles=(role,))
        client = app.test_client()
        login(client, "denmark", f"{role.value}@denmark.test")
        token = csrf_token(client, "/denmark/me/")
        for rule in rules:
            names = re.findall(r"<int:(\w+)>", rule.rule)
            missing = [name for name in names if name not in ids]
            assert not missing, f"{rule.rule}: add {missing} to FOREIGN_OBJECTS"
            path = rule.rule.replace("<tenant_slug>", "denmark")
            for name in names:
                path = path.replace(f"<int:{name}>", str(ids[name]))
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                response = client.open(path, method=method, data={"csrf_token": token})
                assert response.status_code in (403, 404), (
                    role,
                    method,
                    path,
                    response.status_code,
                )
                allowed = ROUTE_PERMISSIONS[rule.endpoint]
                if role.value in allowed or SIGNED_IN in allowed:
                    # allowed in, so the object must be "not found"
                    assert response.status_code == 404, (role, method, path)
                assert "foreign" not in response.get_data(as_text=True)
