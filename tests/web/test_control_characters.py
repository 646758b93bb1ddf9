"""No text field stores a control character: NUL and its kind are refused, by name, in the reader's
language, and nothing is saved. Tabs and line breaks stay welcome in texts that span lines."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from marshmallow import ValidationError

from mentornet.core.schemas import Email, Schema, String
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.profiles.models import InterviewNote, ProfileStatus, ProfileStatusChange
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    application_form,
    coordinator_client,
    latest_mentorship,
    member_client,
    post_form,
    propose_pair,
)


class _Texts(Schema):
    story = String()
    email = Email()


@pytest.mark.parametrize("bad", ["\x00", "a\x00b", "\x07", "\x1b[31m", "\x7f", "\x85", "\ud800"])
def test_every_text_field_refuses_control_characters(app: Flask, bad: str) -> None:
    with app.test_request_context("/denmark/?lang=da"):
        app.preprocess_request()
        for field, value in (("story", bad), ("email", f'"{bad}"@example.org')):
            with pytest.raises(ValidationError) as refused:
                _Texts().load({field: value})
            assert refused.value.messages == {
                field: ["Teksten indeholder usynlige kontroltegn. Fjern dem."]
            }


def test_line_breaks_and_tabs_are_text_only_where_text_spans_lines() -> None:
    assert _Texts().load({"story": "Første linje\r\n\tanden linje"})["story"].endswith("linje")
    line = type("Line", (Schema,), {"title": String(single_line=True)})()
    for broken in ("en\nto", "en\tto", "en\rto"):
        with pytest.raises(ValidationError) as refused:
            line.load({"title": broken})
        assert list(refused.value.messages) == ["title"]


def test_a_nul_in_an_application_is_refused_next_to_its_field(app: Flask) -> None:
    client = app.test_client()
    form = application_form("denmark", "mentee", email="amina@example.org", name="Amina\x00")
    response = post_form(client, "/denmark/apply/mentee", form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="error-name-1">Teksten indeholder usynlige kontroltegn' in html
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_interview_notes_and_status_reasons_refuse_control_characters(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee")
    coordinator = coordinator_client(app, make_user)
    page = f"/denmark/staff/applicants/{profile.id}"
    refused = "Teksten indeholder usynlige kontroltegn"
    note = post_form(coordinator, page, {"text": "Sygeplejerske\x00"}, action=f"{page}/notes")
    assert note.status_code == 303
    assert f"Bemærkning: {refused}" in coordinator.get(page).get_data(as_text=True)
    moved = post_form(
        coordinator, page, {"status": "rejected", "reason": "For\x00langt"}, action=f"{page}/status"
    )
    assert moved.status_code == 303
    assert f"Begrundelse: {refused}" in coordinator.get(page).get_data(as_text=True)
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(InterviewNote)) == 0
        reasons = session.scalars(sa.select(ProfileStatusChange.reason)).all()
        assert reasons == ["application"]


def test_the_words_of_a_declined_proposal_refuse_control_characters(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    approved = ProfileStatus.APPROVED
    mentee = make_profile("denmark", "mentee", approved, email="amina@example.org")
    mentor = make_profile("denmark", "mentor", approved, email="mette@example.org")
    propose_pair(coordinator_client(app, make_user), mentee.id, mentor.id)
    pair = latest_mentorship(app)
    member = member_client(app, "denmark", "amina@example.org")
    words = {"answer": "no", "reason": "no_chemistry", "reason_text": "Vi passede\x00 ikke"}
    action = f"/denmark/me/mentorships/{pair.id}/answer"
    post_form(member, "/denmark/me/", words, action=action)
    with app.app_context(), tenant_session("denmark") as (session, _):
        stored = session.get(Mentorship, pair.id)
        assert stored is not None
        assert "\x00" not in (stored.mentee_reason_text or "")
