"""A pair's page costs the same number of queries however long its plan and history grow."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import Flask

from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships import cycle
from mentornet.modules.mentorships.cycle_models import MeetingMode
from mentornet.modules.mentorships.operations import answer, propose
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, coordinator_client, login

GOALS = ("job", "education", "network", "danish_society")


def _working_pair(app: Flask, make_profile: ProfileFactory, tag: str, size: int) -> int:
    """A Danish pair at work with `size` goals, activities, meetings and check-ins each."""
    approved = ProfileStatus.APPROVED
    mentee = make_profile("denmark", "mentee", approved, email=f"{tag}-e@example.org")
    mentor = make_profile("denmark", "mentor", approved, email=f"{tag}-m@example.org")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        her, them = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        assert her is not None and them is not None
        she = session.get(User, her.user_id)
        assert she is not None
        pair = propose(session, tenant, her, them, actor=she)
        for side in (her, them):
            answer(session, tenant, pair, side, yes=True, actor=she)
        cycle.start_planning(session, pair, actor=she)
        for key in GOALS[:size]:
            goal = cycle.add_goal(
                session, tenant, pair, goal_key=key, description=key, target_date=None
            )
            cycle.add_activity(session, pair, goal, title=f"step for {key}", due_date=None)
        for side in (her, them):
            cycle.confirm_plan(session, pair, side, actor=she)
        for n in range(size):
            cycle.log_meeting(
                session,
                pair,
                held_on=dt.date.today() - dt.timedelta(days=n + 1),
                minutes=60,
                mode=MeetingMode.IN_PERSON,
                notes="",
                goal_ids=[],
                actor=she,
            )
            cycle.check_in(session, pair, her, rating=4, text="", contact_me=False)
        session.commit()
        return pair.id


def _queries(app: Flask, client: object, path: str) -> int:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        response = client.get(path)  # type: ignore[attr-defined]
        assert response.status_code == 200, path
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_the_pair_pages_do_not_grow_in_queries_with_the_plan(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    small = _working_pair(app, make_profile, "small", 1)
    large = _working_pair(app, make_profile, "large", 4)
    coordinator = coordinator_client(app, make_user)
    staff = [_queries(app, coordinator, f"/denmark/staff/mentorships/{p}") for p in (small, large)]
    assert staff[0] == staff[1], staff
    member = app.test_client()
    login(member, "denmark", "small-e@example.org")
    mine = _queries(app, member, f"/denmark/me/mentorships/{small}")
    member = app.test_client()
    login(member, "denmark", "large-e@example.org")
    assert _queries(app, member, f"/denmark/me/mentorships/{large}") == mine
