"""A member's own profile: editing, capacity, pausing, what a mentor may see, withdrawing consent."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.profiles.models import Consent, Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, application_form, login, post_form


def _load(app: Flask, profile_id: int, tenant: str = "denmark") -> Profile:
    with app.app_context(), tenant_session(tenant) as (session, _):
        profile = session.get(Profile, profile_id)
        assert profile is not None
        session.expunge(profile)
        return profile


def _edit_form(tenant: str, role: str, **overrides: object) -> dict[str, object]:
    form = application_form(tenant, role, **overrides)
    for key in ("email", "name", "password", "password_confirm", "consent_privacy"):
        form.pop(key, None)
    return form


def test_mentor_sets_capacity_and_availability(
    app: Flask, client: FlaskClient, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentor", email="mette@example.org")
    login(client, "denmark", "mette@example.org")
    form = _edit_form(
        "denmark", "mentor", capacity="2", availability=["weekend", "weekday_evening"]
    )
    response = post_form(client, "/denmark/me/profile", form)
    assert response.status_code == 302
    saved = _load(app, profile.id)
    assert (saved.capacity, sorted(saved.availability)) == (2, ["weekday_evening", "weekend"])


def test_edit_errors_keep_the_profile_unchanged(
    app: Flask, client: FlaskClient, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentor", email="mette@example.org")
    login(client, "denmark", "mette@example.org")
    response = post_form(
        client, "/denmark/me/profile", _edit_form("denmark", "mentor", capacity="9", city="Aarhus")
    )
    assert response.status_code == 422
    assert 'id="error-capacity-1"' in response.get_data(as_text=True)
    assert _load(app, profile.id).city is None


def test_member_pauses_and_resumes(
    app: Flask, client: FlaskClient, make_profile: ProfileFactory
) -> None:
    profile = make_profile(
        "denmark", "mentor", email="mette@example.org", status=ProfileStatus.APPROVED
    )
    login(client, "denmark", "mette@example.org")
    post_form(client, "/denmark/me/", {}, action="/denmark/me/profile/pause")
    assert _load(app, profile.id).status is ProfileStatus.PAUSED
    post_form(client, "/denmark/me/", {}, action="/denmark/me/profile/resume")
    assert _load(app, profile.id).status is ProfileStatus.APPROVED


def test_mentee_chooses_what_a_mentor_may_see_and_can_withdraw_consent(
    app: Flask, client: FlaskClient, make_profile: ProfileFactory
) -> None:
    profile = make_profile(
        "denmark",
        "mentee",
        email="amina@example.org",
        story="Min historie.",
        consent_sensitive=True,
    )
    login(client, "denmark", "amina@example.org")
    page = client.get("/denmark/me/profile").get_data(as_text=True)
    assert 'name="shared_with_mentor" value="story"' in page
    form = _edit_form("denmark", "mentee", story="Min historie.", consent_sensitive=True)
    form["shared_with_mentor"] = ["story"]
    assert post_form(client, "/denmark/me/profile", form).status_code == 302
    assert _load(app, profile.id).shared_with_mentor == ["story"]
    # Unticking consent erases the private data at once and records the withdrawal.
    form = _edit_form("denmark", "mentee")
    assert post_form(client, "/denmark/me/profile", form).status_code == 302
    saved = _load(app, profile.id)
    assert (saved.story, saved.shared_with_mentor) == (None, [])
    with app.app_context(), tenant_session("denmark") as (session, _):
        consent = session.scalars(sa.select(Consent).where(Consent.kind == "sensitive_data")).one()
        assert consent.withdrawn_at is not None


def test_members_cannot_reach_another_members_profile(
    app: Flask, client: FlaskClient, make_profile: ProfileFactory
) -> None:
    make_profile("denmark", "mentee", email="amina@example.org")
    other = make_profile(
        "denmark", "mentee", email="other@example.org", story="Privat.", consent_sensitive=True
    )
    login(client, "denmark", "amina@example.org")
    assert client.get(f"/denmark/staff/applicants/{other.id}").status_code == 403
    assert "Privat." not in client.get("/denmark/me/profile").get_data(as_text=True)
    assert client.get("/denmark/me/profile?role=mentor").status_code == 404
