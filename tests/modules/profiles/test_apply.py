"""Applying: the questionnaire form, one step to account and profile, consent, clear errors."""

from __future__ import annotations

import re

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import Consent, Profile, ProfileRole, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, application_form, csrf_token, login


def _apply(client: FlaskClient, tenant: str, role: str, form: dict[str, object]) -> TestResponse:
    token = csrf_token(client, f"/{tenant}/apply/{role}")
    return client.post(f"/{tenant}/apply/{role}", data={**form, "csrf_token": token})


def _count(app: Flask, tenant: str, model: type) -> int:
    with app.app_context(), tenant_session(tenant) as (session, _):
        return session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_the_form_shows_the_networks_questionnaire_in_its_language(client: FlaskClient) -> None:
    html = client.get("/denmark/apply/mentee").get_data(as_text=True)
    assert "Hvordan vil du helst mødes?" in html or "mødes" in html  # meeting_format, in Danish
    assert 'name="q_meeting_format"' in html and 'name="q_sectors"' in html
    assert 'name="q_mentor_motivation"' not in html  # a mentor-only question
    arabic = client.get("/morocco/apply/mentee").get_data(as_text=True)
    assert 'dir="rtl"' in arabic and 'name="q_business_stage"' in arabic


def test_applying_creates_account_and_profile_in_one_step(app: Flask, client: FlaskClient) -> None:
    response = _apply(
        client,
        "denmark",
        "mentee",
        application_form("denmark", "mentee", email="amina@example.org"),
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/denmark/login"
    assert "Tak! Vi har modtaget din ansøgning." in client.get("/denmark/login").get_data(
        as_text=True
    )
    assert login(client, "denmark", "amina@example.org").status_code == 302
    page = client.get("/denmark/me/").get_data(as_text=True)
    assert "informationsmøde" in page  # the next step
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.scalars(sa.select(User).where(User.email == "amina@example.org")).one()
        profile = session.scalars(sa.select(Profile).where(Profile.user_id == user.id)).one()
        assert profile.role is ProfileRole.MENTEE and profile.status is ProfileStatus.APPLIED
        assert profile.answers == {
            "sectors": ["health"],
            "meeting_format": "in_person",
            "years_in_denmark": 4,
        }
        assert profile.languages == [{"code": "da", "level": "B2"}, {"code": "ar", "level": "C2"}]
        assert profile.occupation_code == "2221"
        assert user.locale == "da"
        kinds = session.scalars(sa.select(Consent.kind).where(Consent.user_id == user.id)).all()
        assert kinds == ["privacy_notice"]


def test_bad_input_shows_every_error_next_to_its_field_and_saves_nothing(
    app: Flask, client: FlaskClient
) -> None:
    users_before = _count(app, "denmark", User)
    form = application_form(
        "denmark",
        "mentee",
        email="not an address",
        birth_year="2020",
        goals=None,
        q_meeting_format="by pigeon",
    )
    form["password_confirm"] = "something else"
    del form["consent_privacy"]
    response = _apply(client, "denmark", "mentee", form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    expected = {
        "email": "Skriv en gyldig e-mailadresse.",
        "birth_year": "Du skal være mindst 18 år.",
        "goals": "Feltet skal udfyldes.",
        "q_meeting_format": "Vælg en af disse:",
        "password_confirm": "De to adgangskoder er ikke ens.",
        "consent_privacy": "Accepter privatlivserklæringen for at ansøge.",
    }
    for name, message in expected.items():
        block = re.search(rf'id="error-{name}-1">([^<]*)<', html)
        assert block, f"no error shown next to {name}"
        assert message in block.group(1), (name, block.group(1))
    assert 'value="not an address"' in html  # what she typed is kept
    assert _count(app, "denmark", User) == users_before
    assert _count(app, "denmark", Profile) == 0


def test_sensitive_answers_need_consent(app: Flask, client: FlaskClient) -> None:
    form = application_form("denmark", "mentee", country_of_origin="SO", story="Jeg kom i 2019.")
    response = _apply(client, "denmark", "mentee", form)
    assert response.status_code == 422
    assert 'id="error-consent_sensitive-1"' in response.get_data(as_text=True)
    assert _count(app, "denmark", Profile) == 0
    response = _apply(client, "denmark", "mentee", {**form, "consent_sensitive": "yes"})
    assert response.status_code == 302
    with app.app_context(), tenant_session("denmark") as (session, _):
        profile = session.scalars(sa.select(Profile)).one()
        assert (profile.country_of_origin, profile.story) == ("SO", "Jeg kom i 2019.")
        consents = session.scalars(sa.select(Consent).order_by(Consent.id)).all()
        assert [(c.kind, c.version) for c in consents] == [
            ("privacy_notice", 1),
            ("sensitive_data", 1),
        ]


def test_an_address_has_one_account_per_network(app: Flask) -> None:
    first, second, other = app.test_client(), app.test_client(), app.test_client()
    form = application_form("denmark", "mentee", email="amina@example.org")
    assert _apply(first, "denmark", "mentee", form).status_code == 302
    assert _apply(second, "denmark", "mentee", form).status_code == 302  # test_apply_enumeration.py
    assert _count(app, "denmark", User) == 1
    moroccan = application_form("morocco", "mentee", email="amina@example.org")
    assert _apply(other, "morocco", "mentee", moroccan).status_code == 302
    assert _count(app, "morocco", User) == 1


def test_occupation_can_be_given_by_its_title_in_the_readers_language(
    app: Flask, client: FlaskClient
) -> None:
    from mentornet.modules.profiles.classifications import isco

    title = isco()["2221"].labels["da"]
    response = _apply(
        client, "denmark", "mentee", application_form("denmark", "mentee", occupation_code=title)
    )
    assert response.status_code == 302
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalars(sa.select(Profile.occupation_code)).one() == "2221"


def test_an_unknown_occupation_suggests_matches(client: FlaskClient) -> None:
    response = _apply(
        client, "denmark", "mentee", application_form("denmark", "mentee", occupation_code="sygepl")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="error-occupation_code-1"' in html
    assert "<kbd>2221 " in html  # a suggestion the applicant can pick


def test_age_limits_of_the_network_apply(client: FlaskClient) -> None:
    too_old = application_form("men", "mentee", birth_year="1980")
    response = _apply(client, "men", "mentee", too_old)
    assert response.status_code == 422
    assert "Netværket er for personer mellem 16 og 30 år." in response.get_data(as_text=True)


def test_the_error_summary_names_each_field(client: FlaskClient) -> None:
    form = application_form("denmark", "mentee", email="not an address")
    response = _apply(client, "denmark", "mentee", form)
    html = response.get_data(as_text=True)
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert 'href="#field-email">E-mailadresse: Skriv en gyldig e-mailadresse.</a>' in summary


def test_the_applicant_gets_a_receipt_and_coordinators_are_asked_to_invite(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,), locale="en")
    make_user("morocco", email="coord@morocco.test", roles=(Role.COORDINATOR,))
    form = application_form("denmark", "mentor", email="mette@example.org")
    assert _apply(client, "denmark", "mentor", form).status_code == 302
    with app.app_context(), tenant_session("denmark") as (session, _):
        profile_id = session.scalars(sa.select(Profile.id)).one()
        sent = {
            message.kind: message
            for message in session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id))
        }
    receipt, staff = sent["application_received"], sent["staff_new_application"]
    assert (receipt.recipient, receipt.locale) == ("mette@example.org", "da")
    assert "Vi har modtaget din ansøgning" in receipt.subject
    assert (staff.recipient, staff.locale) == ("coord@denmark.test", "en")
    assert f"http://denmark.localhost/staff/applicants/{profile_id}" in staff.body
    with app.app_context(), tenant_session("morocco") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0


def test_a_year_of_birth_long_ago_is_refused_with_its_own_message(client: FlaskClient) -> None:
    response = _apply(
        client, "denmark", "mentee", application_form("denmark", "mentee", birth_year="1890")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Skriv et fødselsår fra" in html and "mindst 18 år" not in html


def test_the_error_summary_follows_the_order_of_the_form(client: FlaskClient) -> None:
    form = application_form("denmark", "mentee", email="not an address", name="", birth_year="2020")
    html = _apply(client, "denmark", "mentee", form).get_data(as_text=True)
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    order = [summary.index(f'href="#field-{name}"') for name in ("name", "email", "birth_year")]
    assert order == sorted(order)
