"""The mentee's situation: at intake, at closing, and at follow-ups after the mentorship."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.operations import deactivate_user
from mentornet.modules.mentorships.cycle_models import Outcome, OutcomeStage
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.mentorships.operations import propose
from mentornet.modules.mentorships.outcomes import (
    add_months,
    answer_follow_up,
    due_follow_ups,
    latest_situation,
    record_outcome,
    schedule_follow_ups,
    send_follow_up_reminders,
)
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    application_form,
    coordinator_client,
    csrf_token,
    ended_pair,
    member_client,
    post_form,
    profile_values,
)


def _outcomes(app: Flask, profile_id: int, tenant: str = "denmark") -> list[Outcome]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = list(
            session.scalars(
                sa.select(Outcome)
                .where(Outcome.profile_id == profile_id)
                .order_by(Outcome.stage, Outcome.months_after)
            )
        )
        session.expunge_all()
        return rows


def _follow_ups(app: Flask, profile_id: int, tenant: str = "denmark") -> list[Outcome]:
    return [o for o in _outcomes(app, profile_id, tenant) if o.stage is OutcomeStage.FOLLOW_UP]


def _months_pass(app: Flask, months: int, tenant: str = "denmark") -> None:
    """As if `months` months had gone by: every follow-up falls due that much sooner."""
    with app.app_context(), tenant_session(tenant) as (session, _):
        for outcome in session.scalars(
            sa.select(Outcome).where(Outcome.stage == OutcomeStage.FOLLOW_UP)
        ):
            assert outcome.due_on is not None
            outcome.due_on = add_months(outcome.due_on, -months)
        session.commit()


# ---- intake ----


def test_a_mentee_tells_her_situation_when_she_applies(app: Flask, client: FlaskClient) -> None:
    page = client.get("/denmark/apply/mentee").get_data(as_text=True)
    assert 'name="situation"' in page and 'value="job_seeking"' in page
    assert 'name="situation"' not in client.get("/denmark/apply/mentor").get_data(as_text=True)
    form = application_form("denmark", "mentee", email="amina@example.org", situation="education")
    response = post_form(client, "/denmark/apply/mentee", form)
    assert response.status_code == 302
    with app.app_context(), tenant_session("denmark") as (session, _):
        profile = session.scalars(sa.select(Profile)).one()
        intake = session.scalars(sa.select(Outcome)).one()
        assert (intake.profile_id, intake.stage) == (profile.id, OutcomeStage.INTAKE)
        assert intake.situation is Situation.EDUCATION
        assert intake.mentorship_id is None and intake.recorded_at is not None


def test_a_mentee_application_without_her_situation_is_refused_by_form_and_api(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    form = application_form("denmark", "mentee", email="amina@example.org", situation=None)
    response = post_form(client, "/denmark/apply/mentee", form)
    assert response.status_code == 422
    assert 'href="#field-situation"' in response.get_data(as_text=True)
    coordinator = coordinator_client(app, make_user)
    token = csrf_token(coordinator, "/denmark/staff/applicants")
    body = {"role": "mentee", **profile_values("denmark", "mentee", situation=None)}
    answer = coordinator.post("/denmark/api/v1/profiles", json=body, headers={"X-CSRFToken": token})
    assert answer.status_code == 422
    assert "situation" in answer.get_json()["errors"]
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(Outcome)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(Profile)) == 0


def test_outcomes_are_only_for_mentees_and_only_known_situations(
    app: Flask, make_profile: ProfileFactory
) -> None:
    mentor = make_profile("denmark", "mentor", email="mette@example.org")
    mentee = make_profile("denmark", "mentee", email="amina@example.org")
    with app.app_context(), tenant_session("denmark") as (session, _):
        her, him = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        assert her is not None and him is not None
        with pytest.raises(DomainError) as not_mentee:
            record_outcome(session, him, OutcomeStage.INTAKE, Situation.EMPLOYED)
        assert not_mentee.value.field == "profile"
        with pytest.raises(DomainError) as unknown:
            record_outcome(session, her, OutcomeStage.INTAKE, "astronaut")
        assert unknown.value.field == "situation"
        with pytest.raises(DomainError) as no_pair:
            record_outcome(session, her, OutcomeStage.CLOSING, Situation.EMPLOYED)
        assert no_pair.value.field == "mentorship"
        with pytest.raises(DomainError) as bad_job:
            record_outcome(
                session, her, OutcomeStage.INTAKE, Situation.EMPLOYED, occupation_code="9999"
            )
        assert bad_job.value.field == "occupation_code"
        # Recording her intake again corrects it; she still has one intake outcome.
        again = record_outcome(session, her, OutcomeStage.INTAKE, Situation.EMPLOYED, note=" ok ")
        session.commit()
        rows = session.scalars(sa.select(Outcome).where(Outcome.profile_id == her.id)).all()
        assert [r.id for r in rows] == [again.id]
        assert (again.situation, again.note) == (Situation.EMPLOYED, "ok")


# ---- follow-ups ----


def test_calendar_months_keep_the_day_or_take_the_last_of_a_short_month() -> None:
    assert add_months(dt.date(2024, 5, 15), 3) == dt.date(2024, 8, 15)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 6, 30), 12) == dt.date(2025, 6, 30)
    assert add_months(dt.date(2025, 3, 31), -1) == dt.date(2025, 2, 28)


def test_follow_ups_are_scheduled_three_six_and_twelve_months_after_closing(
    app: Flask, make_profile: ProfileFactory
) -> None:
    pair_id, mentee_id = ended_pair(
        app,
        make_profile,
        mentee_email="amina@example.org",
        mentor_email="mette@example.org",
        closing_situation=Situation.EMPLOYED,
    )
    closed_on = utcnow().date()
    follow_ups = _follow_ups(app, mentee_id)
    assert [(o.months_after, o.due_on) for o in follow_ups] == [
        (3, add_months(closed_on, 3)),
        (6, add_months(closed_on, 6)),
        (12, add_months(closed_on, 12)),
    ]
    assert all(o.situation is None and o.mentorship_id == pair_id for o in follow_ups)
    closing = [o for o in _outcomes(app, mentee_id) if o.stage is OutcomeStage.CLOSING]
    assert [(o.situation, o.mentorship_id) for o in closing] == [(Situation.EMPLOYED, pair_id)]
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        pair = session.get(Mentorship, pair_id)
        assert pair is not None
        assert schedule_follow_ups(session, tenant, pair, closed_on=closed_on) == []  # once only
        her = session.get(Profile, mentee_id)
        assert her is not None
        assert due_follow_ups(session, her) == []  # none due yet
        assert [
            o.months_after for o in due_follow_ups(session, her, today=add_months(closed_on, 6))
        ] == [3, 6]


def test_a_pair_still_working_has_no_follow_ups(app: Flask, make_profile: ProfileFactory) -> None:
    mentee = make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="a@example.org")
    mentor = make_profile("denmark", "mentor", ProfileStatus.APPROVED, email="m@example.org")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        her, him = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        actor = session.get(User, mentor.user_id)
        assert her is not None and him is not None and actor is not None
        pair = propose(session, tenant, her, him, actor=actor)
        with pytest.raises(DomainError):
            schedule_follow_ups(session, tenant, pair, closed_on=dt.date.today())


def test_reminders_are_queued_once_per_mentee_in_her_language(
    app: Flask, make_profile: ProfileFactory
) -> None:
    _, danish = ended_pair(
        app, make_profile, mentee_email="amina@example.org", mentor_email="m1@example.org"
    )
    _, english = ended_pair(
        app,
        make_profile,
        mentee_email="sara@example.org",
        mentor_email="m2@example.org",
        end_early="moved",
        locale="en",
    )
    _, gone = ended_pair(
        app, make_profile, mentee_email="gone@example.org", mentor_email="m3@example.org"
    )
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.scalars(sa.select(User).where(User.email == "gone@example.org")).one()
        deactivate_user(session, user)
        before = session.scalar(sa.select(sa.func.max(OutboxMessage.id))) or 0
        session.commit()
    _months_pass(app, 7)  # the 3- and 6-month follow-ups are both due

    # As the daily job runs it: no request around it.
    with app.app_context(), tenant_session("denmark") as (session, tenant):
        assert send_follow_up_reminders(session, tenant) == 2
        session.commit()
        assert send_follow_up_reminders(session, tenant) == 0  # never twice
        messages = session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.id > before).order_by(OutboxMessage.id)
        ).all()
    assert [(m.recipient, m.locale, m.kind) for m in messages] == [
        ("amina@example.org", "da", "follow_up"),
        ("sara@example.org", "en", "follow_up"),
    ]
    first_due = _follow_ups(app, english)[0]
    assert "3 months since your mentorship ended" in messages[1].body
    assert messages[1].body.endswith(f"/me/outcomes/{first_due.id}\n")  # her first due one
    for profile_id in (danish, english):
        reminded = [o.months_after for o in _follow_ups(app, profile_id) if o.reminded_at]
        assert reminded == [3, 6]
    assert not any(o.reminded_at for o in _follow_ups(app, gone))


def test_a_mentee_answers_her_follow_up_on_her_page(
    app: Flask, make_profile: ProfileFactory
) -> None:
    _, mentee_id = ended_pair(
        app, make_profile, mentee_email="amina@example.org", mentor_email="mette@example.org"
    )
    amina = member_client(app, "denmark", "amina@example.org")
    assert "outcomes/" not in amina.get("/denmark/me/").get_data(as_text=True)
    _months_pass(app, 3)
    due = _follow_ups(app, mentee_id)[0]
    page = f"/denmark/me/outcomes/{due.id}"
    assert f'href="{page}"' in amina.get("/denmark/me/").get_data(as_text=True)

    refused = post_form(amina, page, {"note": "Hej"})
    assert refused.status_code == 422
    assert 'href="#field-situation"' in refused.get_data(as_text=True)
    response = post_form(
        amina,
        page,
        {"situation": "employed", "occupation_code": "2221 Sygeplejersker", "note": " Fast job "},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/denmark/me/"
    answered = _follow_ups(app, mentee_id)[0]
    assert (answered.situation, answered.occupation_code, answered.note) == (
        Situation.EMPLOYED,
        "2221",
        "Fast job",
    )
    assert answered.recorded_at is not None
    assert f'href="{page}"' not in amina.get("/denmark/me/").get_data(as_text=True)
    # She can open it again to correct her answer; it shows what she said.
    assert 'value="employed" checked' in amina.get(page).get_data(as_text=True)
    with app.app_context(), tenant_session("denmark") as (session, _):
        her = session.get(Profile, mentee_id)
        assert her is not None
        latest = latest_situation(session, her)
        assert latest is not None and latest.id == answered.id


def test_a_follow_up_cannot_be_answered_before_it_is_due(
    app: Flask, make_profile: ProfileFactory
) -> None:
    _, mentee_id = ended_pair(
        app, make_profile, mentee_email="amina@example.org", mentor_email="mette@example.org"
    )
    not_yet = _follow_ups(app, mentee_id)[0]
    amina = member_client(app, "denmark", "amina@example.org")
    assert amina.get(f"/denmark/me/outcomes/{not_yet.id}").status_code == 404
    with app.app_context(), tenant_session("denmark") as (session, _):
        outcome = session.get(Outcome, not_yet.id)
        assert outcome is not None
        with pytest.raises(DomainError):
            answer_follow_up(session, outcome, Situation.EMPLOYED)
        assert outcome.situation is None


def test_only_the_mentee_herself_may_open_her_follow_up(
    app: Flask, make_profile: ProfileFactory, make_user: UserFactory
) -> None:
    _, mentee_id = ended_pair(
        app, make_profile, mentee_email="amina@example.org", mentor_email="mette@example.org"
    )
    _, foreign_id = ended_pair(
        app,
        make_profile,
        tenant="morocco",
        mentee_email="salma@example.org",
        mentor_email="fatima@example.org",
    )
    _months_pass(app, 3)
    _months_pass(app, 3, tenant="morocco")
    mine = _follow_ups(app, mentee_id)[0].id
    foreign = _follow_ups(app, foreign_id, tenant="morocco")[0].id
    make_profile("denmark", "mentee", email="other@example.org")
    other = member_client(app, "denmark", "other@example.org")
    mentor = member_client(app, "denmark", "mette@example.org")
    coordinator = coordinator_client(app, make_user)
    for client in (other, mentor, coordinator):
        assert client.get(f"/denmark/me/outcomes/{mine}").status_code == 404
        token = csrf_token(client, "/denmark/me/")
        posted = client.post(
            f"/denmark/me/outcomes/{mine}", data={"situation": "other", "csrf_token": token}
        )
        assert posted.status_code == 404
    assert _follow_ups(app, mentee_id)[0].situation is None
    amina = member_client(app, "denmark", "amina@example.org")
    assert amina.get(f"/denmark/me/outcomes/{mine}").status_code == 200
    assert amina.get(f"/denmark/me/outcomes/{foreign}").status_code == 404  # another network's
    salma = member_client(app, "morocco", "salma@example.org")
    assert salma.get(f"/morocco/me/outcomes/{foreign}").status_code == 200
    assert salma.get(f"/morocco/me/outcomes/{mine}").status_code == 404
