"""The intake lifecycle in the staff console: meeting, interview, approval, with history."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.modules.accounts.models import Role
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.profiles.models import Profile, ProfileStatus, ProfileStatusChange
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, login, post_form

S = ProfileStatus


def _coordinator(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> None:
    make_user(tenant, email=f"coord@{tenant}.test", roles=(Role.COORDINATOR,))
    login(client, tenant, f"coord@{tenant}.test")


def _move(
    client: FlaskClient, profile_id: int, status: S, reason: str = "", tenant: str = "denmark"
) -> TestResponse:
    page = f"/{tenant}/staff/applicants/{profile_id}"
    return post_form(
        client, page, {"status": status.value, "reason": reason}, action=f"{page}/status"
    )


def _profile(
    app: Flask, profile_id: int, tenant: str = "denmark"
) -> tuple[S, list[tuple[S | None, S, str]]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        profile = session.get(Profile, profile_id)
        assert profile is not None
        history = session.execute(
            sa.select(
                ProfileStatusChange.from_status,
                ProfileStatusChange.to_status,
                ProfileStatusChange.reason,
            )
            .where(ProfileStatusChange.profile_id == profile_id)
            .order_by(ProfileStatusChange.id)
        ).all()
        return profile.status, [tuple(row) for row in history]  # type: ignore[misc]


def test_coordinator_takes_an_applicant_through_intake(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee")
    _coordinator(client, make_user)
    queue = client.get("/denmark/staff/applicants").get_data(as_text=True)
    assert f"/denmark/staff/applicants/{profile.id}" in queue
    for step in (S.INFO_MEETING, S.INTERVIEWED, S.APPROVED):
        assert _move(client, profile.id, step).status_code == 302
    status, history = _profile(app, profile.id)
    assert status is S.APPROVED
    assert [(h[0], h[1]) for h in history] == [
        (None, S.APPLIED), (S.APPLIED, S.INFO_MEETING), (S.INFO_MEETING, S.INTERVIEWED), (S.INTERVIEWED, S.APPROVED)
    ]  # fmt: skip


def test_approval_needs_the_networks_required_steps(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee")
    _coordinator(client, make_user)
    response = _move(client, profile.id, S.APPROVED)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "kræver trinnet" in page
    assert _profile(app, profile.id)[0] is S.APPLIED


def test_an_illegal_move_is_refused_with_a_clear_message(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee", status=S.APPROVED)
    _coordinator(client, make_user)
    response = _move(client, profile.id, S.INTERVIEWED)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "kan ikke blive" in page
    assert _profile(app, profile.id)[0] is S.APPROVED


def test_rejecting_needs_a_reason_which_is_kept(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentor")
    _coordinator(client, make_user)
    assert _move(client, profile.id, S.REJECTED).status_code == 303
    assert _profile(app, profile.id)[0] is S.APPLIED
    assert _move(client, profile.id, S.REJECTED, reason="Bor uden for området").status_code == 302
    status, history = _profile(app, profile.id)
    assert status is S.REJECTED
    assert history[-1][2] == "Bor uden for området"


def test_interview_notes_are_staff_only_and_every_view_is_audited(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee", email="amina@example.org")
    _coordinator(client, make_user)
    page = f"/denmark/staff/applicants/{profile.id}"
    post_form(
        client,
        page,
        {"text": "Sygeplejerske fra Somalia, vil have autorisation."},
        action=f"{page}/notes",
    )
    assert "vil have autorisation" in client.get(page).get_data(as_text=True)
    with app.app_context(), tenant_session("denmark") as (session, _):
        views = session.scalars(
            sa.select(AuditEntry).where(
                AuditEntry.subject_id == profile.id, AuditEntry.action == "view_sensitive_profile"
            )
        ).all()
        assert len(views) == 2  # once before the note (the form page) and once after
    member = app.test_client()
    login(member, "denmark", "amina@example.org", "correct horse battery")
    assert member.get(page).status_code == 403
    assert "autorisation" not in member.get("/denmark/me/").get_data(as_text=True)


def test_another_networks_applicant_is_not_found(
    client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    moroccan = make_profile("morocco", "mentee")
    _coordinator(client, make_user, "denmark")
    assert client.get(f"/denmark/staff/applicants/{moroccan.id}").status_code == 404
    response = _move(client, moroccan.id, S.INFO_MEETING)
    assert response.status_code in (400, 404)  # the form page itself is already a 404


def test_members_cannot_see_the_staff_queue(
    app: Flask, client: FlaskClient, make_profile: ProfileFactory
) -> None:
    make_profile("denmark", "mentee", email="amina@example.org")
    login(client, "denmark", "amina@example.org", "correct horse battery")
    assert client.get("/denmark/staff/applicants").status_code == 403


def test_queue_filters(
    client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile(
        "denmark", "mentee", email="a@example.org", goals=["education"], languages=["fa:C2"]
    )
    mentor = make_profile("denmark", "mentor", email="b@example.org")
    _coordinator(client, make_user)

    def listed(query: str) -> set[int]:
        html = client.get(f"/denmark/staff/applicants?{query}").get_data(as_text=True)
        return {pid for pid in (mentee.id, mentor.id) if f'/applicants/{pid}"' in html}

    assert listed("") == {mentee.id, mentor.id}
    assert listed("role=mentor") == {mentor.id}
    assert listed("goal=education") == {mentee.id}
    assert listed("language=fa") == {mentee.id}
    assert listed("waiting=30") == set()


def test_the_applicant_page_shows_answers_in_the_readers_words_not_their_keys(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee", email="amina@example.org")
    _coordinator(client, make_user)
    html = client.get(f"/denmark/staff/applicants/{profile.id}").get_data(as_text=True)
    assert "<dd>Sundhed og omsorg</dd>" in html  # q_sectors = ["health"]
    assert "<dd>Ansigt til ansigt</dd>" in html  # q_meeting_format = "in_person"
    english = client.get(f"/denmark/staff/applicants/{profile.id}?lang=en").get_data(as_text=True)
    assert "<dd>Health and care</dd>" in english
