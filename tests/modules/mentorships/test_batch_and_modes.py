"""Batch drafts for everyone waiting, and the two request modes."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import User
from mentornet.modules.matching.models import BatchStatus, MatchingBatch
from mentornet.modules.matching.views import console as matching_views
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.modules.tenants.operations import tenant_session, update_tenant_settings

from helpers import (
    ProfileFactory,
    UserFactory,
    answer_pair,
    coordinator_client,
    latest_mentorship,
    member_client,
    post_form,
    profile_state,
)

APPROVED = ProfileStatus.APPROVED


def _drafts(app: Flask, tenant: str = "denmark") -> list[tuple[int, int, bool]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = session.execute(
            sa.select(Mentorship.mentee_profile_id, Mentorship.mentor_profile_id, Mentorship.pinned)
            .where(Mentorship.state == State.DRAFT)
            .order_by(Mentorship.mentee_profile_id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _run_batch(coordinator: FlaskClient) -> str:
    response = post_form(
        coordinator, "/denmark/staff/matching", {}, action="/denmark/staff/matching/batch"
    )
    assert response.status_code == 302
    return coordinator.get(response.headers["Location"]).get_data(as_text=True)


def test_batch_drafts_respect_capacity_and_are_staff_only_until_published(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mentees = [
        make_profile("denmark", "mentee", status=APPROVED, email=f"e{i}@example.org")
        for i in range(3)
    ]
    mentor = make_profile("denmark", "mentor", status=APPROVED, email="m@example.org", capacity="2")
    coordinator = coordinator_client(app, make_user)
    page = _run_batch(coordinator)
    assert "100%" in page
    drafts = _drafts(app)
    assert len(drafts) == 2 and {d[1] for d in drafts} == {mentor.id}  # two places, three waiting
    with app.app_context(), tenant_session("denmark") as (session, _):
        batch = session.scalars(sa.select(MatchingBatch)).one()
        assert (batch.status, batch.mentees, batch.drafts) == (BatchStatus.DONE, 3, 2)
    member = member_client(app, "denmark", "e0@example.org")
    assert "Et forslag" not in member.get("/denmark/me/").get_data(
        as_text=True
    )  # drafts are not shown
    assert "Samme erhverv" in coordinator.get("/denmark/staff/matching/drafts").get_data(
        as_text=True
    )
    monkeypatch.setattr(matching_views, "DRAFTS_PER_PAGE", 1)  # two drafts: two pages
    pages = [
        coordinator.get(f"/denmark/staff/matching/drafts?page={n}").get_data(as_text=True)
        for n in (1, 2)
    ]
    assert all(page.count('name="draft"') == 1 for page in pages)
    assert 'rel="next"' in pages[0] and 'rel="prev"' in pages[1]
    publish = "/denmark/staff/matching/drafts/publish"
    post_form(coordinator, "/denmark/staff/matching/drafts", {}, action=publish)
    assert len(_drafts(app)) == 2  # nothing ticked sends nothing
    with app.app_context(), tenant_session("denmark") as (session, _):
        ticked = [str(m.id) for m in session.scalars(sa.select(Mentorship))]
    post_form(coordinator, "/denmark/staff/matching/drafts", {"draft": ticked}, action=publish)
    assert _drafts(app) == []
    assert profile_state(app, mentor.id)[1] == 2
    assert len(mentees) == 3


def test_pinned_drafts_stay_and_discarded_pairs_are_not_suggested_again(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    first = make_profile("denmark", "mentee", status=APPROVED, email="e1@example.org")
    second = make_profile("denmark", "mentee", status=APPROVED, email="e2@example.org")
    mentor_a = make_profile("denmark", "mentor", status=APPROVED, email="a@example.org")
    mentor_b = make_profile("denmark", "mentor", status=APPROVED, email="b@example.org")
    coordinator = coordinator_client(app, make_user)
    _run_batch(coordinator)
    drafts = {mentee: mentor for mentee, mentor, _pinned in _drafts(app)}
    assert set(drafts) == {first.id, second.id}
    with app.app_context(), tenant_session("denmark") as (session, _):
        ids = {m.mentee_profile_id: m.id for m in session.scalars(sa.select(Mentorship))}
    post_form(
        coordinator,
        "/denmark/staff/matching/drafts",
        {},
        action=f"/denmark/staff/matching/drafts/{ids[first.id]}/pin",
    )
    post_form(
        coordinator,
        "/denmark/staff/matching/drafts",
        {},
        action=f"/denmark/staff/matching/drafts/{ids[second.id]}/discard",
    )
    _run_batch(coordinator)
    again = {mentee: (mentor, pinned) for mentee, mentor, pinned in _drafts(app)}
    assert again[first.id] == (drafts[first.id], True)
    # second's discarded mentor is forbidden now, and first's pinned mentor is taken: no draft for her
    assert second.id not in again or again[second.id][0] != drafts[second.id]
    assert {mentor_a.id, mentor_b.id} >= {m for m, _ in again.values()}


def test_mentor_selects_a_mentee_and_the_mentee_accepts(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile(
        "morocco",
        "mentee",
        status=APPROVED,
        email="salma@example.org",
        story="Je veux ouvrir un atelier.",
        consent_sensitive=True,
        shared_with_mentor=["story"],
    )
    make_profile(
        "morocco",
        "mentee",
        status=APPROVED,
        email="private@example.org",
        story="Privé.",
        consent_sensitive=True,
    )
    mentor = make_profile("morocco", "mentor", status=APPROVED, email="nadia@example.org")
    nadia = member_client(app, "morocco", "nadia@example.org")
    cards = nadia.get("/morocco/me/browse").get_data(as_text=True)
    assert 'dir="rtl"' in cards
    # A story is for her mentor, if she allowed it: never on the cards every mentor browses.
    assert "Je veux ouvrir un atelier." not in cards and "Privé." not in cards
    assert "salma@example.org" not in cards
    post_form(nadia, "/morocco/me/browse", {}, action=f"/morocco/me/browse/{mentee.id}/request")
    assert "Je veux ouvrir un atelier." in nadia.get("/morocco/me/").get_data(as_text=True)
    pair = latest_mentorship(app, "morocco")
    assert (pair.state, pair.mentor_answer, pair.veto_until is not None) == (
        State.REQUESTED,
        True,
        True,
    )
    salma = member_client(app, "morocco", "salma@example.org")
    answer_pair(salma, pair.id, True, tenant="morocco")
    assert latest_mentorship(app, "morocco").state is State.PROPOSED
    assert profile_state(app, mentor.id, "morocco")[1] == 1
    for client in (salma, nadia):
        answer_pair(client, pair.id, True, tenant="morocco")
    assert latest_mentorship(app, "morocco").state is State.AGREED


def test_staff_can_veto_a_mentors_request(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("morocco", "mentee", status=APPROVED)
    make_profile("morocco", "mentor", status=APPROVED, email="nadia@example.org")
    nadia = member_client(app, "morocco", "nadia@example.org")
    post_form(nadia, "/morocco/me/browse", {}, action=f"/morocco/me/browse/{mentee.id}/request")
    coordinator = coordinator_client(app, make_user, "morocco")
    pair = latest_mentorship(app, "morocco")
    post_form(
        coordinator,
        "/morocco/staff/matching",
        {"reason": "Trop loin"},
        action=f"/morocco/staff/matching/mentorships/{pair.id}/withdraw",
    )
    assert latest_mentorship(app, "morocco").state is State.WITHDRAWN


def test_after_the_veto_window_staff_can_no_longer_veto_a_mentors_request(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    coordinator = coordinator_client(app, make_user, "morocco")
    with app.test_request_context("/morocco/"), tenant_session("morocco") as (session, tenant):
        actor = session.scalars(sa.select(User)).one()  # the coordinator signed in above
        matching = {**tenant.settings["matching"], "veto_window_days": 0}
        update_tenant_settings(session, tenant, "matching", matching, actor=actor, reason="test")
        session.commit()
    mentee = make_profile("morocco", "mentee", status=APPROVED)
    make_profile("morocco", "mentor", status=APPROVED, email="nadia@example.org")
    nadia = member_client(app, "morocco", "nadia@example.org")
    post_form(nadia, "/morocco/me/browse", {}, action=f"/morocco/me/browse/{mentee.id}/request")
    pair = latest_mentorship(app, "morocco")
    assert "veto possible" not in coordinator.get("/morocco/staff/matching?lang=en").get_data(
        as_text=True
    )
    refused = post_form(
        coordinator,
        "/morocco/staff/matching",
        {"reason": "Trop loin"},
        action=f"/morocco/staff/matching/mentorships/{pair.id}/withdraw",
    )
    assert refused.status_code == 303
    page = coordinator.get("/morocco/staff/matching?lang=en").get_data(as_text=True)
    assert "The time for a veto has passed" in page
    assert latest_mentorship(app, "morocco").state is State.REQUESTED


def test_mentee_requests_a_mentor_and_the_mentor_accepts(
    app: Flask, make_profile: ProfileFactory
) -> None:
    make_profile("men", "mentee", status=APPROVED, email="ali@example.org")
    mentor = make_profile("men", "mentor", status=APPROVED, email="jens@example.org")
    ali = member_client(app, "men", "ali@example.org")
    assert f"/men/me/browse/{mentor.id}/request" in ali.get("/men/me/browse").get_data(as_text=True)
    post_form(ali, "/men/me/browse", {}, action=f"/men/me/browse/{mentor.id}/request")
    jens = member_client(app, "men", "jens@example.org")
    assert "En anmodning" in jens.get("/men/me/").get_data(as_text=True) or "anmodning" in jens.get(
        "/men/me/"
    ).get_data(as_text=True)
    answer_pair(jens, latest_mentorship(app, "men").id, True, tenant="men")
    assert latest_mentorship(app, "men").state is State.PROPOSED


def test_browsing_is_only_for_the_networks_mode(app: Flask, make_profile: ProfileFactory) -> None:
    make_profile(
        "denmark", "mentor", status=APPROVED, email="mette@example.org"
    )  # coordinator mode
    assert (
        member_client(app, "denmark", "mette@example.org").get("/denmark/me/browse").status_code
        == 404
    )
    make_profile(
        "men", "mentor", status=APPROVED, email="jens@example.org"
    )  # mentees request there
    assert member_client(app, "men", "jens@example.org").get("/men/me/browse").status_code == 404
