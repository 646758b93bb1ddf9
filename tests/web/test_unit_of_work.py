"""The request is the unit of work: kept when the view returns, undone when an operation refuses.

Each test makes an operation write and then refuse, through the real route, and checks that the
refusal is shown where the view said (a form by its field, a flash after a redirect) and that the
database kept nothing of what the operation wrote.
"""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.modules.profiles import operations as profile_operations
from mentornet.modules.profiles.models import InterviewNote, Profile
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    application_form,
    coordinator_client,
    login,
    post_form,
)


def _profile_form() -> dict[str, object]:
    """A mentor's valid profile form (the application without the account fields)."""
    form = application_form("denmark", "mentor")
    for key in ("email", "name", "password", "password_confirm", "consent_privacy"):
        form.pop(key, None)
    return form


def _stored(app: Flask, profile_id: int) -> tuple[str | None, int]:
    with app.app_context(), tenant_session("denmark") as (session, _):
        profile = session.get(Profile, profile_id)
        assert profile is not None
        notes = session.scalar(sa.select(sa.func.count()).select_from(InterviewNote)) or 0
        return profile.city, notes


def test_a_refused_form_shows_the_message_by_its_field_and_keeps_nothing(
    app: Flask,
    client: FlaskClient,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = make_profile("denmark", "mentor", email="mette@example.org")

    def write_then_refuse(session: Session, target: Profile, *args: Any, **kwargs: Any) -> None:
        target.city = "Aarhus"
        session.flush()  # the change has reached the database inside the transaction
        raise DomainError("Odense only, please.", field="city")

    monkeypatch.setattr(profile_operations, "update_profile", write_then_refuse)
    login(client, "denmark", "mette@example.org")
    response = post_form(client, "/denmark/me/profile", _profile_form())
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="error-city-1"' in html and "Odense only, please." in html
    assert _stored(app, profile.id)[0] is None


def test_a_refused_button_flashes_the_message_after_the_redirect_and_keeps_nothing(
    app: Flask,
    make_user: UserFactory,
    make_profile: ProfileFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = make_profile("denmark", "mentee", email="amina@example.org")
    real_add_note = profile_operations.add_interview_note

    def write_then_refuse(session: Session, target: Profile, *args: Any, **kwargs: Any) -> None:
        real_add_note(session, target, *args, **kwargs)
        session.flush()
        raise DomainError("Notes are closed today.")

    monkeypatch.setattr(profile_operations, "add_interview_note", write_then_refuse)
    coordinator = coordinator_client(app, make_user)
    page = f"/denmark/staff/applicants/{profile.id}"
    response = post_form(coordinator, page, {"text": "Sygeplejerske."}, action=f"{page}/notes")
    assert response.status_code == 303
    assert response.headers["Location"].endswith(page)
    assert "Notes are closed today." in coordinator.get(page).get_data(as_text=True)
    assert _stored(app, profile.id)[1] == 0


def test_a_view_that_returns_keeps_its_work(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee", email="amina@example.org")
    coordinator = coordinator_client(app, make_user)
    page = f"/denmark/staff/applicants/{profile.id}"
    response = post_form(coordinator, page, {"text": "Sygeplejerske."}, action=f"{page}/notes")
    assert response.status_code == 302
    assert _stored(app, profile.id)[1] == 1


def test_no_view_catches_domain_errors_or_rolls_back() -> None:
    from helpers import ROOT

    views = [
        path
        for path in (ROOT / "platform" / "mentornet" / "modules").rglob("*.py")
        if path.name in ("views.py", "api.py") or path.parent.name == "views"
    ]
    assert views
    offenders = [
        str(path.relative_to(ROOT))
        for path in views
        if "except DomainError" in (text := path.read_text(encoding="utf-8"))
        or "rollback()" in text
    ]
    assert offenders == []
