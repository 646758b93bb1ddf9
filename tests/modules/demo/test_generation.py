"""`mentornet demo --members N`: synthetic networks that keep every invariant the database keeps.

The data is generated through the command, then read back through the real models and queries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.demo.cli import demo
from mentornet.modules.mentorships.cycle import END_REASONS
from mentornet.modules.mentorships.cycle_models import (
    CheckIn,
    Meeting,
    Outcome,
    OutcomeStage,
    PlanGoal,
)
from mentornet.modules.mentorships.models import (
    GRAPH,
    HOLDS_PLACE,
    OPEN_FOR_MENTEE,
    Mentorship,
    MentorshipTransition,
    State,
)
from mentornet.modules.mentorships.operations import DECLINE_REASONS, never_again_pairs
from mentornet.modules.profiles.models import (
    TRANSITIONS,
    Profile,
    ProfileRole,
    ProfileStatus,
    ProfileStatusChange,
)
from mentornet.modules.profiles.operations import SENSITIVE, has_consent
from mentornet.modules.profiles.schemas import profile_schema, sensitive_keys, territory_codes
from mentornet.modules.tenants.operations import tenant_session

from helpers import login

S = ProfileStatus
GENERATED = ("denmark", "men")
ARGS = ["--members", "160", "--tenant", "denmark", "--tenant", "men", "--seed", "7"]


def generate(app: Flask, args: list[str] = ARGS) -> str:
    with app.app_context():
        result = CliRunner().invoke(demo, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def generated(app: Flask) -> str:
    return generate(app)


def _all(session: Session, model: type[Any], *order: Any) -> list[Any]:
    return list(session.scalars(sa.select(model).order_by(*order)))


def test_mentor_places_equal_the_pairs_holding_them(app: Flask, generated: str) -> None:
    for slug in GENERATED:
        with app.app_context(), tenant_session(slug) as (session, _):
            held = Counter(
                m.mentor_profile_id
                for m in _all(session, Mentorship, Mentorship.id)
                if m.state in HOLDS_PLACE
            )
            mentors = session.scalars(sa.select(Profile).where(Profile.role == ProfileRole.MENTOR))
            for mentor in mentors:
                assert mentor.places_taken == held[mentor.id] <= mentor.capacity
                if mentor.status is S.MATCHED:
                    assert mentor.places_taken == mentor.capacity
            assert sum(held.values()) > 0


def test_a_mentee_has_at_most_one_open_pair_and_never_meets_a_refused_mentor_again(
    app: Flask, generated: str
) -> None:
    for slug in GENERATED:
        with app.app_context(), tenant_session(slug) as (session, _):
            pairs = _all(session, Mentorship, Mentorship.id)
            open_per_mentee = Counter(
                m.mentee_profile_id for m in pairs if m.state in OPEN_FOR_MENTEE
            )
            assert max(open_per_mentee.values()) == 1
            per_pair = Counter((m.mentee_profile_id, m.mentor_profile_id) for m in pairs)
            refused = never_again_pairs(session)
            assert refused
            assert all(per_pair[pair] == 1 for pair in refused)


def test_every_mentorship_has_a_history_that_walks_the_lifecycle(
    app: Flask, generated: str
) -> None:
    for slug in GENERATED:
        with app.app_context(), tenant_session(slug) as (session, _):
            steps: dict[int, list[MentorshipTransition]] = defaultdict(list)
            for step in _all(session, MentorshipTransition, MentorshipTransition.id):
                steps[step.mentorship_id].append(step)
            for mentorship in _all(session, Mentorship, Mentorship.id):
                history = steps[mentorship.id]
                assert history[0].from_state is None
                assert history[0].to_state in (State.DRAFT, State.REQUESTED)
                for before, after in pairwise(history):
                    assert after.from_state is before.to_state
                    assert after.to_state in GRAPH[before.to_state]
                    assert after.created_at >= before.created_at
                assert history[-1].to_state is mentorship.state
                _check_pair_columns(mentorship, history)


def _check_pair_columns(mentorship: Mentorship, history: list[MentorshipTransition]) -> None:
    state = mentorship.state
    reached = {step.to_state for step in history}
    if state is State.ENDED_EARLY:
        assert mentorship.end_reason in END_REASONS and mentorship.closed_at is not None
    if state is State.DECLINED:
        reasons = {mentorship.mentee_reason, mentorship.mentor_reason} - {None}
        assert reasons and reasons <= set(DECLINE_REASONS)
    if state is State.COMPLETED:
        assert mentorship.success is not None and mentorship.closed_at is not None
        assert mentorship.mentee_rating and mentorship.mentor_rating
    if State.AGREED in reached:
        assert mentorship.mentee_answer and mentorship.mentor_answer
    if State.ACTIVE in reached:
        assert mentorship.started_at is not None
        assert mentorship.plan_confirmed_by_mentee and mentorship.plan_confirmed_by_mentor
    if state in (State.REQUESTED, State.PROPOSED):
        assert mentorship.expires_at is not None
        assert mentorship.expires_at > dt.datetime.now(dt.UTC)


def test_profile_statuses_follow_their_history_and_the_pairs(app: Flask, generated: str) -> None:
    for slug in GENERATED:
        with app.app_context(), tenant_session(slug) as (session, tenant):
            changes: dict[int, list[ProfileStatusChange]] = defaultdict(list)
            for change in _all(session, ProfileStatusChange, ProfileStatusChange.id):
                changes[change.profile_id].append(change)
            pairs = _all(session, Mentorship, Mentorship.id)
            open_pair = {m.mentee_profile_id: m.state for m in pairs if m.state in OPEN_FOR_MENTEE}
            completed = {m.mentee_profile_id for m in pairs if m.state is State.COMPLETED}
            for profile in _all(session, Profile, Profile.id):
                history = changes[profile.id]
                _check_status_history(profile, history, tenant.settings["intake"])
                if profile.role is ProfileRole.MENTEE:
                    state = open_pair.get(profile.id)
                    if state in (State.REQUESTED, State.PROPOSED):
                        assert profile.status is S.APPROVED
                    elif state is not None:
                        assert profile.status is S.MATCHED
                    else:
                        assert profile.status is not S.MATCHED
                    if profile.status is S.ALUMNI:
                        assert profile.id in completed


def _check_status_history(
    profile: Profile, history: list[ProfileStatusChange], intake: dict[str, Any]
) -> None:
    assert history[0].from_status is None and history[0].to_status is S.APPLIED
    for before, after in pairwise(history):
        assert after.from_status is before.to_status
        assert after.to_status in TRANSITIONS[before.to_status]
        assert after.created_at >= before.created_at
    assert history[-1].to_status is profile.status
    reached = [change.to_status for change in history]
    if S.APPROVED in reached:
        approved = reached.index(S.APPROVED)
        if intake["information_meeting_required"]:
            assert S.INFO_MEETING in reached[:approved]
        if intake["interview_required"]:
            assert S.INTERVIEWED in reached[:approved]


def test_private_fields_are_kept_only_with_consent(app: Flask, generated: str) -> None:
    for slug in GENERATED:
        with app.app_context(), tenant_session(slug) as (session, tenant):
            with_private = 0
            for profile, user in session.execute(
                sa.select(Profile, User).join(User, User.id == Profile.user_id)
            ):
                private = set(sensitive_keys(tenant.config, profile.role))
                answers = {f"q_{key}" for key in profile.answers}
                if profile.country_of_origin or profile.story or answers & private:
                    with_private += 1
                    assert has_consent(session, user, SENSITIVE)
                assert set(profile.shared_with_mentor) <= private
            assert with_private > 0


def test_every_generated_profile_passes_its_networks_application_schema(
    app: Flask, generated: str
) -> None:
    for slug in GENERATED:
        with app.test_request_context(f"/{slug}/"), tenant_session(slug) as (session, tenant):
            for profile in _all(session, Profile, Profile.id):
                values = _schema_input(
                    profile, consent=bool(profile.country_of_origin or profile.story)
                )
                errors = profile_schema(tenant.config, profile.role).validate(values)
                assert errors == {}, (profile.id, errors)


def test_the_iceland_network_gets_immigrant_women_in_icelandic_towns_and_icelandic_mentors(
    app: Flask,
) -> None:
    generate(app, ["--members", "60", "--tenant", "iceland", "--seed", "3"])
    towns = {"Reykjavík", "Kópavogur", "Hafnarfjörður", "Akureyri", "Reykjanesbær"}
    with app.test_request_context("/iceland/"), tenant_session("iceland") as (session, tenant):
        profiles = _all(session, Profile, Profile.id)
        assert len(profiles) == 60
        mentees = [p for p in profiles if p.role is ProfileRole.MENTEE]
        mentors = [p for p in profiles if p.role is ProfileRole.MENTOR]
        assert {p.city for p in profiles} - {None} & towns
        origins = Counter(p.country_of_origin for p in mentees if p.country_of_origin)
        assert origins.most_common(1)[0][0] == "PL" and "IS" not in origins
        icelandic = [p for p in mentors if p.user.name.endswith("dóttir")]
        assert len(icelandic) >= 0.7 * len(mentors)
        assert any("years_in_iceland" in p.answers for p in mentees)
        assert not any("years_in_denmark" in p.answers for p in profiles)
        for profile in profiles:
            values = _schema_input(
                profile, consent=bool(profile.country_of_origin or profile.story)
            )
            assert profile_schema(tenant.config, profile.role).validate(values) == {}, profile.id


def _schema_input(profile: Profile, *, consent: bool) -> dict[str, Any]:
    fields = [
        "birth_year",
        "country_of_origin",
        "story",
        "languages",
        "city",
        "occupation_code",
        "education_level",
        "education_field",
        "goals",
        "availability",
    ]
    if profile.role is ProfileRole.MENTEE:
        fields += ["target_occupation_code", "shared_with_mentor"]
    else:
        fields.append("capacity")
    values = {key: getattr(profile, key) for key in fields if getattr(profile, key) is not None}
    values.update({f"q_{key}": value for key, value in profile.answers.items()})
    values["consent_sensitive"] = consent
    return values


def test_generated_networks_show_every_stage_and_fit_their_packs(
    app: Flask, generated: str
) -> None:
    states: dict[str, set[State]] = {}
    this_year = dt.datetime.now(dt.UTC).year
    for slug in GENERATED:
        with app.app_context(), tenant_session(slug) as (session, tenant):
            states[slug] = set(session.scalars(sa.select(Mentorship.state).distinct()))
            catalogue = {goal["key"] for goal in tenant.settings["goals"]}
            intake = tenant.settings["intake"]
            countries = set()
            for profile in _all(session, Profile, Profile.id):
                age = this_year - profile.birth_year
                if profile.role is ProfileRole.MENTEE:
                    assert intake["mentee_min_age"] <= age <= (intake["mentee_max_age"] or 69)
                    assert profile.goals
                else:
                    assert age >= intake["mentor_min_age"]
                assert set(profile.goals) <= catalogue
                countries |= {profile.country_of_origin} - {None}
            assert countries <= territory_codes()
            assert len(countries) >= 10
            plan_goals = set(session.scalars(sa.select(PlanGoal.goal_key).distinct()))
            assert plan_goals and plan_goals <= catalogue
    # Coordinators draft and propose in Denmark; in the men's network the mentees ask.
    assert states["denmark"] >= set(State) - {State.REQUESTED}
    assert states["men"] >= set(State) - {State.DRAFT}


def test_pairs_hold_their_plans_meetings_check_ins_and_outcomes(app: Flask, generated: str) -> None:
    with app.app_context(), tenant_session("denmark") as (session, tenant):
        pairs = {m.id: m for m in _all(session, Mentorship, Mentorship.id)}
        meetings = _all(session, Meeting, Meeting.id)
        assert meetings
        assert all(pairs[m.mentorship_id].started_at is not None for m in meetings)
        assert all(m.held_on <= dt.date.today() for m in meetings)
        check_ins = _all(session, CheckIn, CheckIn.id)
        assert check_ins and all(1 <= c.rating <= 5 for c in check_ins)
        outcomes = _all(session, Outcome, Outcome.id)
        mentees = session.scalars(sa.select(Profile.id).where(Profile.role == ProfileRole.MENTEE))
        intake = Counter(o.profile_id for o in outcomes if o.stage is OutcomeStage.INTAKE)
        assert all(intake[mentee] == 1 for mentee in mentees)
        months = sorted(tenant.settings["cycle"]["follow_up_months"])
        follow_ups: dict[int | None, list[int]] = defaultdict(list)
        for outcome in outcomes:
            if outcome.stage is OutcomeStage.FOLLOW_UP:
                follow_ups[outcome.mentorship_id].append(outcome.months_after or 0)
            assert (outcome.situation is None) == (outcome.recorded_at is None)
        ended = [m for m in pairs.values() if m.state in (State.COMPLETED, State.ENDED_EARLY)]
        assert ended
        for mentorship in ended:
            assert sorted(follow_ups[mentorship.id]) == months
        states = {o.situation is None for o in outcomes if o.stage is OutcomeStage.FOLLOW_UP}
        assert states == {True, False}  # some answered, some still pending


def test_other_networks_are_left_untouched(app: Flask, make_profile: Any) -> None:
    before = make_profile("morocco", "mentee", ProfileStatus.APPROVED)
    generate(app)
    with app.app_context(), tenant_session("morocco") as (session, _):
        profiles = _all(session, Profile, Profile.id)
        assert [p.id for p in profiles] == [before.id]
        assert profiles[0].status is S.APPROVED
        assert session.scalar(sa.select(sa.func.count()).select_from(Mentorship)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_running_it_again_adds_nobody(app: Flask, generated: str) -> None:
    with app.app_context(), tenant_session("denmark") as (session, _):
        count = session.scalar(sa.select(sa.func.count()).select_from(Profile))
    again = generate(app)
    assert "already" in again
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(Profile)) == count


def test_the_printed_accounts_log_in_and_their_pages_render(app: Flask, generated: str) -> None:
    password = app.config["DEMO_PASSWORD"]
    for account in ("coordinator", "mentee", "mentor", "planning", "proposed", "waiting"):
        assert f"{account}@denmark.example" in generated
    staff = app.test_client()
    assert login(staff, "denmark", "coordinator@denmark.example", password).status_code == 302
    for path in ("/", "/applicants", "/matching", "/matching/drafts"):
        assert staff.get(f"/denmark/staff{path}").status_code == 200, path
    with app.app_context(), tenant_session("denmark") as (session, _):
        waiting = session.scalar(
            sa.select(Profile.id)
            .join(User, User.id == Profile.user_id)
            .where(User.email == "waiting@denmark.example")
        )
    assert staff.get(f"/denmark/staff/matching/mentees/{waiting}").status_code == 200
    for account in ("mentee", "proposed", "waiting"):
        member = app.test_client()
        login(member, "denmark", f"{account}@denmark.example", password)
        page = member.get("/denmark/me/")
        assert page.status_code == 200, account
        if account == "proposed":
            assert "/answer" in page.get_data(as_text=True)


def test_the_mens_network_accounts_can_ask_and_answer(app: Flask, generated: str) -> None:
    password = app.config["DEMO_PASSWORD"]
    asked = app.test_client()
    login(asked, "men", "requested@men.example", password)
    assert "/answer" in asked.get("/men/me/").get_data(as_text=True)
    waiting = app.test_client()
    login(waiting, "men", "waiting@men.example", password)
    assert waiting.get("/men/me/browse").status_code == 200
