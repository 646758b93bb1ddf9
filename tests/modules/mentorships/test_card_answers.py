"""Who reads a question's answer (`visible_to`): staff only, the partner in a pair, or every
matching card; a private answer only the partner, and only when she shared it."""

from __future__ import annotations

import copy
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.mentorships.cards import card_for
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import change_tenant_settings, tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    coordinator_client,
    member_client,
    propose_pair,
)

APPROVED = ProfileStatus.APPROVED


def test_the_partner_reads_the_shared_answers_and_not_the_staff_only_ones(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    mentee = make_profile("denmark", "mentee", APPROVED, email="amina@example.org")
    mentor = make_profile("denmark", "mentor", APPROVED, email="mette@example.org")
    coordinator: FlaskClient = coordinator_client(app, make_user)
    assert propose_pair(coordinator, mentee.id, mentor.id).status_code in (302, 303)

    hers = member_client(app, "denmark", "amina@example.org").get("/denmark/me/")
    page = hers.get_data(as_text=True)
    assert "Hvilke brancher er relevante for dig?" in page and "Sundhed og omsorg" in page
    assert "Begge dele passer mig" in page  # the mentor's meeting format
    assert "I like helping." not in page  # the mentor's motivation is for staff only

    his = member_client(app, "denmark", "mette@example.org").get("/denmark/me/")
    page = his.get_data(as_text=True)
    assert "Ansigt til ansigt" in page  # her meeting format
    assert "Hvor mange år har du boet i Danmark?" not in page  # staff only


def _cards(app: Flask, profile_id: int) -> tuple[str, str]:
    """Her card as her partner reads it, and as a mentor browsing reads it."""
    with (
        app.test_request_context("/morocco/"),
        tenant_session("morocco") as (
            session,
            tenant,
        ),
    ):
        profile = session.get(Profile, profile_id)
        assert profile is not None

        def text(to_partner: bool) -> str:
            card = card_for(session, tenant, profile, to_partner=to_partner)
            return " | ".join(f"{label}: {value}" for label, value in card.facts)

        return text(True), text(False)


def _business_stage(app: Flask, admin: User, **changes: Any) -> None:
    with app.test_request_context("/morocco/"), tenant_session("morocco") as (session, tenant):
        questionnaire = copy.deepcopy(tenant.settings["questionnaire"])
        for question in questionnaire:
            if question["key"] == "business_stage":
                question.update(changes)
        change_tenant_settings(
            session, tenant, {"questionnaire": questionnaire}, actor=admin, reason="test"
        )
        session.commit()


def test_cards_and_private_answers(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    admin = make_user("morocco", email="admin@morocco.test", roles=(Role.ADMIN,))
    mentee = make_profile("morocco", "mentee", APPROVED, email="salma@example.org")
    stage = "What stage is your project at?"
    partner, browsing = _cards(app, mentee.id)
    assert stage in partner and stage not in browsing  # visible_to = staff, mentor

    _business_stage(app, admin, visible_to=["staff", "cards"])
    partner, browsing = _cards(app, mentee.id)
    assert stage in partner and stage in browsing

    _business_stage(app, admin, visible_to=["staff", "mentor", "cards"], sensitive=True,
                    required=False)  # fmt: skip
    partner, browsing = _cards(app, mentee.id)
    assert stage not in partner and stage not in browsing  # she has not shared it
    with app.app_context(), tenant_session("morocco") as (session, _):
        profile = session.get(Profile, mentee.id)
        assert profile is not None
        profile.shared_with_mentor = ["business_stage"]
        session.commit()
    partner, browsing = _cards(app, mentee.id)
    assert stage in partner and stage not in browsing  # a private answer never on cards
