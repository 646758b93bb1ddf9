"""Random sequences of actions by random people never break the mentorship's invariants.

Hypothesis drives a pair from proposal to its end with the real operations on the real
database: answers, planning, confirming, meetings, closing, evaluations, early ends and
withdrawals, by the mentee, the mentor, a coordinator or a stranger. After every step: no
transition outside the graph, a complete history, the mentor's places match what is held and
never exceed capacity, and a completed pair has its closing record.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from flask import Flask
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.mentorships import cycle
from mentornet.modules.mentorships import operations as pairs
from mentornet.modules.mentorships.cycle_models import FINAL_GOAL_STATUSES, GoalStatus, MeetingMode
from mentornet.modules.mentorships.models import (
    GRAPH,
    HOLDS_PLACE,
    Mentorship,
    MentorshipTransition,
    State,
)
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory

PEOPLE = ("mentee", "mentor", "staff", "stranger")
COUNTER = itertools.count()


def make_machine(
    app: Flask, make_profile: ProfileFactory, make_user: UserFactory
) -> type[RuleBasedStateMachine]:
    class MentorshipCycle(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            n = next(COUNTER)
            self.profiles = {
                "mentee": make_profile(
                    "denmark", "mentee", status=ProfileStatus.APPROVED, email=f"e{n}@sm.test"
                ),
                "mentor": make_profile(
                    "denmark", "mentor", status=ProfileStatus.APPROVED, email=f"m{n}@sm.test"
                ),
                "stranger": make_profile("denmark", "mentee", email=f"s{n}@sm.test"),
            }
            self.staff_id = make_user(
                "denmark", email=f"c{n}@sm.test", roles=(Role.COORDINATOR,)
            ).id
            self.mentorship_id = self._do(
                lambda s, t, u: (
                    pairs.propose(s, t, self._p(s, "mentee"), self._p(s, "mentor"), actor=u).id
                ),
                "staff",
            )

        def _p(self, session: Session, who: str) -> Profile:
            profile = session.get(Profile, self.profiles[who].id)
            assert profile is not None
            return profile

        def _user(self, session: Session, who: str) -> User:
            user_id = self.staff_id if who == "staff" else self.profiles[who].user_id
            user = session.get(User, user_id)
            assert user is not None
            return user

        def _do(self, action: Callable[[Any, Any, User], Any], who: str) -> Any:
            with (
                app.test_request_context("/denmark/"),
                tenant_session("denmark") as (session, tenant),
            ):
                try:
                    result = action(session, tenant, self._user(session, who))
                except DomainError:
                    session.rollback()
                    return None
                session.commit()
                return result

        def _pair(self, session: Session) -> Mentorship:
            mentorship = session.get(Mentorship, self.mentorship_id)
            assert mentorship is not None
            return mentorship

        def _side(self, session: Session, who: str) -> Profile:
            return self._p(session, "stranger" if who == "staff" else who)

        @rule(who=st.sampled_from(PEOPLE), yes=st.booleans())
        def answer(self, who: str, yes: bool) -> None:
            self._do(
                lambda s, t, u: pairs.answer(
                    s, t, self._pair(s), self._side(s, who), yes=yes, reason="other", actor=u
                ),
                who,
            )

        @rule(who=st.sampled_from(PEOPLE))
        def start_planning(self, who: str) -> None:
            self._do(lambda s, t, u: cycle.start_planning(s, self._pair(s), actor=u), who)

        @rule(key=st.sampled_from(["job", "education", "network", "not-a-goal"]))
        def add_goal(self, key: str) -> None:
            self._do(
                lambda s, t, u: cycle.add_goal(
                    s, t, self._pair(s), goal_key=key, description="", target_date=None
                ),
                "mentee",
            )

        @rule(who=st.sampled_from(PEOPLE))
        def confirm_plan(self, who: str) -> None:
            self._do(
                lambda s, t, u: cycle.confirm_plan(s, self._pair(s), self._side(s, who), actor=u),
                who,
            )

        @rule(minutes=st.integers(min_value=0, max_value=200))
        def log_meeting(self, minutes: int) -> None:
            self._do(
                lambda s, t, u: cycle.log_meeting(
                    s, self._pair(s), held_on=dt.date.today(), minutes=minutes, mode=MeetingMode.VIDEO,
                    notes="", goal_ids=[], actor=u,
                ),
                "mentor",
            )  # fmt: skip

        @rule(who=st.sampled_from(PEOPLE))
        def start_closing(self, who: str) -> None:
            self._do(lambda s, t, u: cycle.start_closing(s, self._pair(s), actor=u), who)

        @rule(status=st.sampled_from(list(GoalStatus)))
        def record_results(self, status: GoalStatus) -> None:
            def act(s: Any, t: Any, u: User) -> None:
                for goal in self._pair(s).goals:
                    cycle.record_goal_result(s, self._pair(s), goal, status)

            self._do(act, "mentor")

        @rule(who=st.sampled_from(PEOPLE), rating=st.integers(min_value=0, max_value=6))
        def evaluate(self, who: str, rating: int) -> None:
            self._do(
                lambda s, t, u: cycle.evaluate(
                    s, self._pair(s), self._side(s, who), rating=rating, text="ok", actor=u
                ),
                who,
            )

        @rule(reason=st.sampled_from(["moved", "nonsense"]))
        def end_early(self, reason: str) -> None:
            self._do(
                lambda s, t, u: cycle.end_early(s, self._pair(s), reason=reason, actor=u), "staff"
            )

        @rule()
        def withdraw(self) -> None:
            self._do(
                lambda s, t, u: pairs.withdraw(s, self._pair(s), actor=u, reason="staff decision"),
                "staff",
            )

        @invariant()
        def history_follows_the_graph_and_places_hold(self) -> None:
            with app.app_context(), tenant_session("denmark") as (session, _):
                mentorship = self._pair(session)
                steps = session.execute(
                    sa.select(MentorshipTransition.from_state, MentorshipTransition.to_state)
                    .where(MentorshipTransition.mentorship_id == mentorship.id)
                    .order_by(MentorshipTransition.id)
                ).all()
                assert steps[0][0] is None
                for (_, before), (after_from, after_to) in itertools.pairwise(steps):
                    assert after_from is before
                    assert after_to in GRAPH[before], (before, after_to)
                assert steps[-1][1] is mentorship.state
                mentor = self._p(session, "mentor")
                held = (
                    session.scalar(
                        sa.select(sa.func.count())
                        .select_from(Mentorship)
                        .where(
                            Mentorship.mentor_profile_id == mentor.id,
                            Mentorship.state.in_(HOLDS_PLACE),
                        )
                    )
                    or 0
                )
                assert mentor.places_taken == held <= mentor.capacity
                if mentorship.state is State.COMPLETED:
                    assert (
                        mentorship.mentee_rating
                        and mentorship.mentor_rating
                        and mentorship.closed_at
                    )
                    goals = mentorship.goals
                    assert goals and all(goal.status in FINAL_GOAL_STATUSES for goal in goals)
                    assert mentorship.success == any(
                        goal.status is GoalStatus.ACHIEVED for goal in goals
                    )
                    assert self._p(session, "mentee").status is ProfileStatus.ALUMNI

    return MentorshipCycle


def test_random_journeys_keep_the_invariants(
    app: Flask, make_profile: ProfileFactory, make_user: UserFactory
) -> None:
    run_state_machine_as_test(
        make_machine(app, make_profile, make_user),
        settings=settings(
            max_examples=25,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


def test_a_full_cycle_reaches_completed_and_counts_as_a_success(
    app: Flask, make_profile: ProfileFactory, make_user: UserFactory
) -> None:
    machine: Any = make_machine(app, make_profile, make_user)()
    machine.answer("mentee", True)
    machine.answer("mentor", True)
    machine.start_planning("staff")
    machine.add_goal("job")
    machine.add_goal("network")
    machine.confirm_plan("mentee")
    machine.confirm_plan("mentor")
    machine.log_meeting(90)
    machine.start_closing("mentee")
    machine.record_results(GoalStatus.ACHIEVED)
    machine.evaluate("mentee", 5)
    machine.evaluate("mentor", 4)
    with app.app_context(), tenant_session("denmark") as (session, _):
        mentorship = session.get(Mentorship, machine.mentorship_id)
        assert mentorship is not None
        assert (mentorship.state, mentorship.success) == (State.COMPLETED, True)
    machine.history_follows_the_graph_and_places_hold()
