"""A member with distinctive values in every personal field, built through the real operations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from flask import Flask

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.accounts.operations import create_user
from mentornet.modules.mentorships import cycle
from mentornet.modules.mentorships.cycle_models import GoalStatus, MeetingMode
from mentornet.modules.mentorships.operations import answer, propose
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.profiles.operations import add_interview_note
from mentornet.modules.tenants.operations import tenant_session

from helpers import PASSWORD, ProfileFactory

# Every value is unique to her, so finding one anywhere in the database means it leaked.
HER = {
    "name": "Zelvirona Quastbeckian",
    "email": "zelvirona.quastbeck@denmark.test",
    "story": "Zylophrenic-story-7731 about crossing the border",
    "city": "Qorvitsby",
    "occupation_text": "Vexillographer-9921",
    "goal": "Goal-text-Plumbrook-4471",
    "activity": "Activity-text-Glimmerfenn-5582",
    "meeting": "Meeting-note-Trombalix-6613",
    "check_in": "Check-in-text-Wobblethorn-7724",
    "evaluation": "Evaluation-text-Snorkelvane-8835",
    "interview": "Interview-note-Drizzlecrump-9946",
}


@dataclass(frozen=True)
class Member:
    user_id: int
    profile_id: int
    mentor_user_id: int
    mentorship_id: int


@pytest.fixture
def member(app: Flask, make_profile: ProfileFactory) -> Member:
    """A mentee who applied with consent to sensitive data, was matched, planned, met, checked
    in and closed her mentorship with an evaluation; her mentor wrote about her by name."""
    approved = ProfileStatus.APPROVED
    mentee = make_profile(
        "denmark", "mentee", approved, email=HER["email"], name=HER["name"], story=HER["story"],
        city=HER["city"], occupation_text=HER["occupation_text"], country_of_origin="SY",
        consent_sensitive=True,
    )  # fmt: skip
    mentor = make_profile("denmark", "mentor", approved, email="mentor.of.her@denmark.test")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, network):
        her, them = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        assert her is not None and them is not None
        she, mentor_user = session.get(User, her.user_id), session.get(User, them.user_id)
        assert she is not None and mentor_user is not None
        coordinator = create_user(
            session, email="coord.priv@denmark.test", name="Coord", password=PASSWORD,
            roles=[Role.COORDINATOR],
        )  # fmt: skip
        add_interview_note(session, her, coordinator, HER["interview"])
        pair = propose(session, network, her, them, actor=coordinator)
        answer(session, network, pair, her, yes=True, actor=she)
        answer(session, network, pair, them, yes=True, actor=mentor_user)
        cycle.start_planning(session, pair, actor=she)
        goal = cycle.add_goal(
            session, network, pair, goal_key="job", description=HER["goal"], target_date=None
        )
        cycle.add_activity(session, pair, goal, title=HER["activity"], due_date=None)
        cycle.confirm_plan(session, pair, her, actor=she)
        cycle.confirm_plan(session, pair, them, actor=mentor_user)
        cycle.log_meeting(
            session, pair, held_on=dt.date.today(), minutes=60, mode=MeetingMode.IN_PERSON,
            notes=HER["meeting"], goal_ids=[goal.id], actor=she,
        )  # fmt: skip
        cycle.check_in(session, pair, her, rating=4, text=HER["check_in"], contact_me=True)
        cycle.start_closing(session, pair, actor=she)
        cycle.record_goal_result(session, pair, goal, GoalStatus.ACHIEVED)
        cycle.evaluate(session, pair, her, rating=5, text=HER["evaluation"], actor=she)
        cycle.evaluate(
            session, pair, them, rating=5, text=f"Working with {HER['name']} was a joy",
            actor=mentor_user,
        )  # fmt: skip
        session.commit()
        return Member(she.id, her.id, mentor_user.id, pair.id)
