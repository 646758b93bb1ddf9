"""Proposals, the chemistry step, declines that are never repeated, expiry, and the outbox."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import Flask

from mentornet.core.types import utcnow
from mentornet.modules.mentorships.models import Mentorship, MentorshipTransition, State
from mentornet.modules.mentorships.operations import expire_overdue
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    answer_pair,
    coordinator_client,
    latest_mentorship,
    member_client,
    profile_state,
    propose_pair,
)

APPROVED = ProfileStatus.APPROVED


def test_suggestions_show_scores_with_explanations_in_the_coordinators_language(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", status=APPROVED, email="amina@example.org")
    make_profile("denmark", "mentor", status=APPROVED, email="mette@example.org")
    coordinator = coordinator_client(app, make_user)
    html = coordinator.get(f"/denmark/staff/matching/mentees/{mentee.id}").get_data(as_text=True)
    assert "<meter" in html
    assert "Samme erhverv" in html  # both nurses (ISCO 2221)
    assert "Begge taler" in html


def test_both_say_yes_and_the_pair_has_agreed(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", status=APPROVED, email="amina@example.org")
    mentor = make_profile(
        "denmark", "mentor", status=APPROVED, email="mette@example.org", name="Mette Hansen"
    )
    coordinator = coordinator_client(app, make_user)
    assert propose_pair(coordinator, mentee.id, mentor.id).status_code == 302
    pair = latest_mentorship(app)
    assert pair.state is State.PROPOSED
    assert profile_state(app, mentor.id) == (APPROVED, 1)  # the place is held while they meet
    amina, mette = (
        member_client(app, "denmark", "amina@example.org"),
        member_client(app, "denmark", "mette@example.org"),
    )
    page = amina.get("/denmark/me/").get_data(as_text=True)
    assert "Mødes med hinanden" in page
    assert "Mette" in page and "Hansen" not in page  # a card with her first name only
    assert "mette@example.org" not in page
    answer_pair(amina, pair.id, True)
    assert latest_mentorship(app).state is State.PROPOSED
    answer_pair(mette, pair.id, True)
    assert latest_mentorship(app).state is State.AGREED
    assert profile_state(app, mentee.id)[0] is ProfileStatus.MATCHED
    assert profile_state(app, mentor.id) == (ProfileStatus.MATCHED, 1)  # capacity 1: full
    with app.app_context(), tenant_session("denmark") as (session, _):
        kinds = sorted(session.scalars(sa.select(OutboxMessage.kind)))
        assert kinds == ["mentorship_agreed"] * 2 + ["mentorship_proposed"] * 2
        states = session.scalars(
            sa.select(MentorshipTransition.to_state)
            .where(MentorshipTransition.mentorship_id == pair.id)
            .order_by(MentorshipTransition.id)
        ).all()
        assert states == [State.DRAFT, State.PROPOSED, State.AGREED]


def test_a_no_declines_keeps_the_reason_and_the_pair_is_never_suggested_again(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", status=APPROVED, email="amina@example.org")
    mentor = make_profile("denmark", "mentor", status=APPROVED, email="mette@example.org")
    coordinator = coordinator_client(app, make_user)
    propose_pair(coordinator, mentee.id, mentor.id)
    pair = latest_mentorship(app)
    amina = member_client(app, "denmark", "amina@example.org")
    assert answer_pair(amina, pair.id, False).status_code == 303  # a reason is required
    answer_pair(amina, pair.id, False, reason="no_chemistry")
    declined = latest_mentorship(app)
    assert (declined.state, declined.mentee_answer, declined.mentee_reason) == (
        State.DECLINED,
        False,
        "no_chemistry",
    )
    assert profile_state(app, mentor.id) == (APPROVED, 0)  # her place is free again
    assert profile_state(app, mentee.id)[0] is APPROVED  # back in the pool
    html = coordinator.get(f"/denmark/staff/matching/mentees/{mentee.id}").get_data(as_text=True)
    assert f'name="mentor_id" value="{mentor.id}"' not in html
    again = propose_pair(coordinator, mentee.id, mentor.id)
    assert again.status_code == 303
    assert "aldrig" in coordinator.get(again.headers["Location"]).get_data(as_text=True)


def test_unanswered_proposals_expire(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", status=APPROVED)
    mentor = make_profile("denmark", "mentor", status=APPROVED)
    propose_pair(coordinator_client(app, make_user), mentee.id, mentor.id)
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        pair = session.scalars(sa.select(Mentorship)).one()
        pair.expires_at = utcnow() - timedelta(minutes=1)
        assert expire_overdue(session, tenant) == 1
        session.commit()
    assert latest_mentorship(app).state is State.EXPIRED
    assert profile_state(app, mentor.id) == (APPROVED, 0)


def test_a_mentee_has_one_open_proposal_at_a_time(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", status=APPROVED)
    first = make_profile("denmark", "mentor", status=APPROVED, email="m1@example.org")
    second = make_profile("denmark", "mentor", status=APPROVED, email="m2@example.org")
    coordinator = coordinator_client(app, make_user)
    assert propose_pair(coordinator, mentee.id, first.id).status_code == 302
    assert propose_pair(coordinator, mentee.id, second.id).status_code == 303
    assert profile_state(app, second.id) == (APPROVED, 0)


def test_only_the_pair_can_answer(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", status=APPROVED)
    mentor = make_profile("denmark", "mentor", status=APPROVED)
    make_profile("denmark", "mentee", email="nosy@example.org")
    propose_pair(coordinator_client(app, make_user), mentee.id, mentor.id)
    nosy = member_client(app, "denmark", "nosy@example.org")
    assert answer_pair(nosy, latest_mentorship(app).id, True).status_code == 404
    assert latest_mentorship(app).state is State.PROPOSED
