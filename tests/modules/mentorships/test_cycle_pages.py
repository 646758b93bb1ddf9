"""The pair's page and the coordinators' pair pages, driven the way members and staff use them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from mentornet.core.types import utcnow
from mentornet.modules.mentorships.cli import mentorships_group
from mentornet.modules.mentorships.cycle_models import (
    Activity,
    CheckIn,
    Meeting,
    Outcome,
    OutcomeStage,
    PlanGoal,
)
from mentornet.modules.mentorships.models import Mentorship, MentorshipTransition, State
from mentornet.modules.mentorships.monitoring import send_check_in_reminders
from mentornet.modules.mentorships.views import staff as staff_views
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import ProfileStatus, ProfileStatusChange
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    answer_pair,
    coordinator_client,
    latest_mentorship,
    member_client,
    post_form,
    profile_state,
    propose_pair,
)

APPROVED = ProfileStatus.APPROVED


def _agreed_pair(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> tuple[int, FlaskClient, FlaskClient, FlaskClient, int]:
    """Amina and Mette have met and both said yes; returns the pair, both clients and staff."""
    mentee = make_profile("denmark", "mentee", status=APPROVED, email="amina@example.org")
    mentor = make_profile(
        "denmark", "mentor", status=APPROVED, email="mette@example.org", locale="en"
    )
    coordinator = coordinator_client(app, make_user)
    propose_pair(coordinator, mentee.id, mentor.id)
    pair_id = latest_mentorship(app).id
    amina = member_client(app, "denmark", "amina@example.org")
    mette = member_client(app, "denmark", "mette@example.org")
    answer_pair(amina, pair_id, True)
    answer_pair(mette, pair_id, True)
    assert latest_mentorship(app).state is State.AGREED
    return pair_id, amina, mette, coordinator, mentor.id


def _start(pair_id: int, mentee: FlaskClient, mentor: FlaskClient) -> None:
    """A one-goal plan, confirmed by both: the pair is active."""
    assert _post(mentee, pair_id, "/goals", {"goal_key": "job"}) == 303
    assert _post(mentee, pair_id, "/confirm", {}) == 303
    assert _post(mentor, pair_id, "/confirm", {}) == 303


def _page(pair_id: int) -> str:
    return f"/denmark/me/mentorships/{pair_id}"


def _post(client: FlaskClient, pair_id: int, path: str, data: Mapping[str, object]) -> int:
    response = post_form(client, _page(pair_id), dict(data), action=_page(pair_id) + path)
    return response.status_code


def _goal_ids(app: Flask, pair_id: int) -> dict[str, int]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        goals = session.scalars(sa.select(PlanGoal).where(PlanGoal.mentorship_id == pair_id))
        return {goal.goal_key: goal.id for goal in goals}


def _outbox(app: Flask, kind: str) -> list[tuple[str, str]]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        rows = session.execute(
            sa.select(OutboxMessage.recipient, OutboxMessage.locale).where(
                OutboxMessage.kind == kind
            )
        )
        return sorted((recipient, locale) for recipient, locale in rows)


def test_a_pair_plans_works_and_closes_on_its_own_page(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    pair_id, amina, mette, _staff, mentor_id = _agreed_pair(app, make_user, make_profile)

    # /me/mentorship leads straight to the one running mentorship.
    response = amina.get("/denmark/me/mentorship")
    assert response.status_code == 302 and response.location.endswith(_page(pair_id))

    # Planning: either side adds goals and activities; both confirm the same plan.
    target = (dt.date.today() + dt.timedelta(days=120)).isoformat()
    assert (
        _post(amina, pair_id, "/goals", {"goal_key": "job", "description": "Job as a nurse", "target_date": target})
        == 303
    )  # fmt: skip
    assert _post(mette, pair_id, "/goals", {"goal_key": "network"}) == 303
    goals = _goal_ids(app, pair_id)
    assert (
        _post(mette, pair_id, f"/goals/{goals['job']}/activities", {"title": "Write a CV"}) == 303
    )
    assert latest_mentorship(app).state is State.PLANNING
    assert _post(amina, pair_id, "/confirm", {}) == 303
    assert _outbox(app, "mentorship_confirm_plan") == [("mette@example.org", "en")]
    assert latest_mentorship(app).state is State.PLANNING  # one side only
    assert _post(mette, pair_id, "/confirm", {}) == 303
    pair = latest_mentorship(app)
    assert pair.state is State.ACTIVE and pair.started_at is not None
    assert _outbox(app, "mentorship_active") == [
        ("amina@example.org", "da"),
        ("mette@example.org", "en"),
    ]

    # Working: a meeting, an activity ticked off, a goal's status, a check-in.
    meeting = {
        "held_on": dt.date.today().isoformat(),
        "minutes": "90",
        "mode": "in_person",
        "notes": "We went through the CV.",
        "goal_ids": [str(goals["job"])],
    }
    assert _post(mette, pair_id, "/meetings", meeting) == 303
    with app.app_context(), tenant_session("denmark") as (session, _):
        activity = session.scalars(sa.select(Activity)).one()
        logged = session.scalars(sa.select(Meeting)).one()
        assert (logged.minutes, logged.goal_ids) == (90, [str(goals["job"])])
    assert _post(amina, pair_id, f"/activities/{activity.id}/done", {}) == 303
    assert _post(amina, pair_id, f"/goals/{goals['job']}/status", {"status": "in_progress"}) == 303
    check_in = {"rating": "4", "text": "Going well", "contact_me": "yes"}
    assert _post(amina, pair_id, "/check-ins", check_in) == 303
    assert _outbox(app, "staff_contact_requested") == [("coord@denmark.test", "da")]
    page = mette.get(_page(pair_id)).get_data(as_text=True)
    assert "We went through the CV." in page  # the pair's own notes
    assert "Find a job that matches my qualifications" in page  # her language, not the network's
    assert "Få et job, der matcher mine kvalifikationer" in amina.get(_page(pair_id)).get_data(
        as_text=True
    )
    assert "Going well" not in page  # a check-in is for the network, not the partner

    # Closing: results for each goal, both evaluations, the mentee's situation.
    assert _post(mette, pair_id, "/closing", {}) == 303
    assert _outbox(app, "mentorship_closing") == [("amina@example.org", "da")]
    assert _post(amina, pair_id, f"/goals/{goals['job']}/status", {"status": "achieved"}) == 303
    assert (
        _post(amina, pair_id, f"/goals/{goals['network']}/status", {"status": "partly_achieved"})
        == 303
    )
    assert _post(mette, pair_id, "/evaluation", {"rating": "5", "text": "A joy"}) == 303
    assert latest_mentorship(app).state is State.CLOSING  # waiting for the mentee
    evaluation = {"rating": "5", "text": "Thank you", "situation": "employed"}
    assert _post(amina, pair_id, "/evaluation", evaluation) == 303
    pair = latest_mentorship(app)
    assert (pair.state, pair.success) == (State.COMPLETED, True)
    assert profile_state(app, mentor_id) == (APPROVED, 0)  # her place is free again
    with app.app_context(), tenant_session("denmark") as (session, _):
        outcomes = session.scalars(
            sa.select(Outcome).where(Outcome.mentorship_id == pair_id).order_by(Outcome.id)
        ).all()
        assert [(o.stage, o.situation, o.months_after) for o in outcomes] == [
            (OutcomeStage.CLOSING, Situation.EMPLOYED, None),
            (OutcomeStage.FOLLOW_UP, None, 3),
            (OutcomeStage.FOLLOW_UP, None, 6),
            (OutcomeStage.FOLLOW_UP, None, 12),
        ]
    assert len(_outbox(app, "mentorship_completed")) == 2
    with app.app_context(), tenant_session("denmark") as (session, _):
        mentee_id = session.get(Mentorship, pair_id).mentee_profile_id  # type: ignore[union-attr]
        steps = session.execute(
            sa.select(ProfileStatusChange.to_status, ProfileStatusChange.reason)
            .where(ProfileStatusChange.profile_id == mentee_id)
            .order_by(ProfileStatusChange.id)
        ).all()
    # Her history follows the pair: matched when both said yes, an alumna when it completed.
    assert [tuple(step) for step in steps[-2:]] == [
        (ProfileStatus.MATCHED, "agreed"),
        (ProfileStatus.ALUMNI, "mentorship completed"),
    ]


def test_a_bad_meeting_is_refused_with_each_message_next_to_its_field(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    pair_id, amina, mette, _staff, _mentor = _agreed_pair(app, make_user, make_profile)
    _start(pair_id, amina, mette)
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = post_form(
        amina,
        _page(pair_id),
        {"held_on": tomorrow, "minutes": "", "mode": "by pigeon"},
        action=_page(pair_id) + "/meetings",
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for field in ("minutes", "mode"):
        assert re.search(rf'id="meeting-{field}-error-1"', html), field
    assert 'href="#meeting-minutes"' in html  # the summary links to the field
    # Once the fields are valid, the date in the future is refused in the same place.
    response = post_form(
        amina,
        _page(pair_id),
        {"held_on": tomorrow, "minutes": "60", "mode": "video"},
        action=_page(pair_id) + "/meetings",
    )
    assert response.status_code == 400
    assert 'id="meeting-held_on-error-1"' in response.get_data(as_text=True)
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(Meeting)) == 0


def test_nobody_else_can_see_or_change_a_pairs_page(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    pair_id, amina, _mette, coordinator, _mentor = _agreed_pair(app, make_user, make_profile)
    _post(amina, pair_id, "/goals", {"goal_key": "job"})
    goal_id = _goal_ids(app, pair_id)["job"]
    make_profile("denmark", "mentee", status=APPROVED, email="stranger@example.org")
    stranger = member_client(app, "denmark", "stranger@example.org")
    assert stranger.get(_page(pair_id)).status_code == 404
    token_page = "/denmark/me/"
    for path in ("/confirm", "/goals", f"/goals/{goal_id}/remove", "/evaluation"):
        response = post_form(
            stranger, token_page, {"goal_key": "network"}, action=_page(pair_id) + path
        )
        assert response.status_code == 404, path
    # Staff see the pair on their own pages, not on the member's.
    assert coordinator.get(_page(pair_id)).status_code == 404
    assert len(_goal_ids(app, pair_id)) == 1


def test_coordinators_see_pairs_that_need_attention_first_and_can_end_one_early(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    pair_id, amina, mette, coordinator, mentor_id = _agreed_pair(app, make_user, make_profile)
    # A second, quiet pair: nothing has happened for longer than the network allows.
    mentee = make_profile("denmark", "mentee", status=APPROVED, email="quiet@example.org")
    mentor = make_profile("denmark", "mentor", status=APPROVED, email="quiet-m@example.org")
    propose_pair(coordinator, mentee.id, mentor.id)
    quiet_id = latest_mentorship(app).id
    for email in ("quiet@example.org", "quiet-m@example.org"):
        answer_pair(member_client(app, "denmark", email), quiet_id, True)
    long_ago = utcnow() - dt.timedelta(days=60)
    with app.app_context(), tenant_session("denmark") as (session, _):
        session.execute(
            sa.update(MentorshipTransition)
            .where(MentorshipTransition.mentorship_id == quiet_id)
            .values(created_at=long_ago)
        )
        session.execute(
            sa.update(Mentorship).where(Mentorship.id == quiet_id).values(created_at=long_ago)
        )
        session.commit()
    _start(pair_id, amina, mette)
    _post(
        amina, pair_id, "/check-ins", {"rating": "2", "text": "Hard to meet", "contact_me": "yes"}
    )

    html = coordinator.get("/denmark/staff/mentorships").get_data(as_text=True)
    attention = html.split('id="attention"')[1].split("</section>")[0]
    assert attention.index(f"/staff/mentorships/{pair_id}") < attention.index(
        f"/staff/mentorships/{quiet_id}"
    )  # "please contact me" before stalled
    only_quiet = coordinator.get("/denmark/staff/mentorships?state=agreed").get_data(as_text=True)
    assert f"/staff/mentorships/{quiet_id}" in only_quiet
    assert f'/staff/mentorships/{pair_id}"' not in only_quiet

    page = coordinator.get(f"/denmark/staff/mentorships/{pair_id}").get_data(as_text=True)
    assert "Hard to meet" in page
    with app.app_context(), tenant_session("denmark") as (session, _):
        entry = session.scalars(sa.select(CheckIn)).one()
    handled = post_form(
        coordinator,
        f"/denmark/staff/mentorships/{pair_id}",
        {},
        action=f"/denmark/staff/mentorships/{pair_id}/check-ins/{entry.id}/handled",
    )
    assert handled.status_code == 303
    html = coordinator.get("/denmark/staff/mentorships?attention=1").get_data(as_text=True)
    assert f'/staff/mentorships/{pair_id}"' not in html

    staff_page = f"/denmark/staff/mentorships/{pair_id}"
    refused = post_form(coordinator, staff_page, {"reason": ""}, action=f"{staff_page}/end")
    assert (
        refused.status_code == 400
        and latest_mentorship(app, "denmark").state is not State.ENDED_EARLY
    )
    ended = post_form(
        coordinator,
        staff_page,
        {"reason": "moved", "note": "Moved to Aarhus"},
        action=f"{staff_page}/end",
    )
    assert ended.status_code == 303
    with app.app_context(), tenant_session("denmark") as (session, _):
        pair = session.get(Mentorship, pair_id)
        assert pair is not None and (pair.state, pair.end_reason) == (State.ENDED_EARLY, "moved")
        last = session.scalars(
            sa.select(MentorshipTransition)
            .where(MentorshipTransition.mentorship_id == pair_id)
            .order_by(MentorshipTransition.id.desc())
        ).first()
        # The history keeps the reason's code and, apart, what the coordinator wrote.
        assert last is not None and (last.reason, last.note) == ("moved", "Moved to Aarhus")
    assert profile_state(app, mentor_id) == (APPROVED, 0)
    timeline = coordinator.get(staff_page).get_data(as_text=True)
    assert "En af os er flyttet væk: Moved to Aarhus" in timeline


def test_check_in_reminders_go_out_once_per_interval(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    pair_id, amina, mette, _staff, _mentor = _agreed_pair(app, make_user, make_profile)
    _start(pair_id, amina, mette)
    _post(amina, pair_id, "/check-ins", {"rating": "5"})
    start = utcnow()
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        assert send_check_in_reminders(session, tenant, now=start + dt.timedelta(days=29)) == 0
        # Day 31: both are due (the interval is 30 days).
        assert send_check_in_reminders(session, tenant, now=start + dt.timedelta(days=31)) == 2
        assert send_check_in_reminders(session, tenant, now=start + dt.timedelta(days=40)) == 0
        assert send_check_in_reminders(session, tenant, now=start + dt.timedelta(days=62)) == 2
        session.commit()
    assert _outbox(app, "mentorship_check_in_due") == [
        ("amina@example.org", "da"),
        ("amina@example.org", "da"),
        ("mette@example.org", "en"),
        ("mette@example.org", "en"),
    ]


def test_the_daily_remind_command_asks_each_network_for_due_check_ins(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    pair_id, amina, mette, _staff, _mentor = _agreed_pair(app, make_user, make_profile)
    _start(pair_id, amina, mette)
    with app.app_context(), tenant_session("denmark") as (session, _):
        started = utcnow() - dt.timedelta(days=45)
        session.execute(sa.update(Mentorship).values(started_at=started))
        session.commit()
    with app.app_context():
        result = CliRunner().invoke(mentorships_group, ["remind"])
    assert result.exit_code == 0, result.output
    assert "denmark: 2 check-in reminders, 0 follow-up reminders" in result.output
    assert "morocco: 0 check-in reminders" in result.output
    assert len(_outbox(app, "mentorship_check_in_due")) == 2


def test_the_list_of_mentorships_for_a_member_with_none_or_several(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    make_profile("denmark", "mentee", status=APPROVED, email="alone@example.org")
    alone = member_client(app, "denmark", "alone@example.org")
    response = alone.get("/denmark/me/mentorship")
    assert response.status_code == 200 and "/me/mentorships/" not in response.get_data(as_text=True)

    # A mentor with two places and two running pairs chooses between them.
    mentor = make_profile(
        "denmark", "mentor", status=APPROVED, email="two@example.org", capacity="2"
    )
    coordinator = coordinator_client(app, make_user)
    pair_ids = []
    for email in ("first@example.org", "second@example.org"):
        mentee = make_profile("denmark", "mentee", status=APPROVED, email=email)
        propose_pair(coordinator, mentee.id, mentor.id)
        pair_ids.append(latest_mentorship(app).id)
        answer_pair(member_client(app, "denmark", email), pair_ids[-1], True)
    two = member_client(app, "denmark", "two@example.org")
    for pair_id in pair_ids:
        answer_pair(two, pair_id, True)
    html = two.get("/denmark/me/mentorship").get_data(as_text=True)
    for pair_id in pair_ids:
        assert f"/denmark/me/mentorships/{pair_id}" in html


def test_the_pair_list_shows_working_pairs_by_default_and_pages_through_all(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coordinator = coordinator_client(app, make_user)
    mentor = make_profile(
        "denmark", "mentor", status=APPROVED, email="busy@example.org", capacity="5"
    )
    pair_ids = []
    for number in range(3):
        email = f"m{number}@example.org"
        mentee = make_profile("denmark", "mentee", status=APPROVED, email=email)
        propose_pair(coordinator, mentee.id, mentor.id)
        pair_ids.append(latest_mentorship(app).id)
        answer_pair(member_client(app, "denmark", email), pair_ids[-1], number > 0, reason="time")
    declined = pair_ids[0]
    default = coordinator.get("/denmark/staff/mentorships").get_data(as_text=True)
    assert f'/staff/mentorships/{declined}"' not in default  # not working together
    monkeypatch.setattr(staff_views, "PAGE_SIZE", 2)
    first = coordinator.get("/denmark/staff/mentorships?state=all").get_data(as_text=True)
    second = coordinator.get("/denmark/staff/mentorships?state=all&page=2").get_data(as_text=True)
    shown = [pair_id for pair_id in pair_ids if f'/staff/mentorships/{pair_id}"' in first]
    rest = [pair_id for pair_id in pair_ids if f'/staff/mentorships/{pair_id}"' in second]
    assert len(shown) == 2 and len(rest) == 1 and set(shown) | set(rest) == set(pair_ids)
    assert (
        'rel="next"' in first and "state=all" in first.split('rel="next"')[0].rsplit("href=", 1)[1]
    )
    assert 'rel="prev"' in second
    assert coordinator.get("/denmark/staff/mentorships?state=all&page=99").status_code == 200
