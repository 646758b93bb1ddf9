"""A member's own data: the page, the JSON download, consent withdrawal and erasure."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask import Flask

from member_data import HER, Member
from mentornet.core.db import Base
from mentornet.modules.accounts.models import LoginSession, Role, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.profiles.models import Consent, Profile
from mentornet.modules.profiles.operations import SENSITIVE
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    PASSWORD,
    Database,
    ProfileFactory,
    UserFactory,
    every_row,
    login,
    member_client,
    post_form,
)

DATA = "/denmark/me/data"


def _text_values(database: Database) -> list[tuple[str, str, int, str]]:
    """Every text (and JSON) value of every table: (table, column, tenant id, value)."""
    found = []
    with every_row(database) as connection:
        for table in Base.metadata.sorted_tables:
            columns = [
                c for c in table.columns
                if isinstance(c.type, sa.String | sa.Text | sa.JSON)
            ]  # fmt: skip
            if not columns:
                continue
            tenant = table.c.tenant_id if "tenant_id" in table.c else table.c.id
            for row in connection.execute(sa.select(tenant, *columns)):
                for column, value in zip(columns, row[1:], strict=True):
                    if value is not None:
                        text = value if isinstance(value, str) else json.dumps(value)
                        found.append((table.name, column.name, row[0], text))
    return found


def _hits(database: Database, needles: list[str]) -> list[tuple[str, str, int, str]]:
    lowered = [n.lower() for n in needles]
    return [hit for hit in _text_values(database) if any(n in hit[3].lower() for n in lowered)]


def _her_values() -> list[str]:
    return [*HER.values(), *HER["name"].split()]


def test_her_page_shows_every_group_of_her_data(app: Flask, member: Member) -> None:
    client = member_client(app, "denmark", HER["email"])
    page = client.get(f"{DATA}?lang=en").get_data(as_text=True)
    for value in ("story", "meeting", "check_in", "evaluation", "goal", "activity", "interview"):
        assert HER[value] in page, value
    for title in ("Your account", "Your consents", "Your mentorships", "E-mails to you"):
        assert title in page


def test_the_download_is_json_of_everything_and_is_audited(app: Flask, member: Member) -> None:
    client = member_client(app, "denmark", HER["email"])
    response = client.get(f"{DATA}/export.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response.headers["Cache-Control"]
    data = response.get_json()
    assert data["network"] == "denmark"
    assert data["account"]["email"] == HER["email"]
    assert data["account"]["name"] == HER["name"]
    [profile] = data["profiles"]
    assert profile["story"] == HER["story"] and profile["city"] == HER["city"]
    assert profile["interview_notes"][0]["text"] == HER["interview"]
    assert {c["kind"] for c in data["consents"]} == {"privacy_notice", SENSITIVE}
    [pair] = data["mentorships"]
    assert pair["as"] == "mentee" and pair["state"] == "completed"
    assert pair["my_evaluation"] == HER["evaluation"]
    assert pair["plan"][0]["description"] == HER["goal"]
    assert pair["plan"][0]["activities"][0]["title"] == HER["activity"]
    assert pair["meetings"][0]["notes"] == HER["meeting"]
    assert pair["check_ins"][0]["text"] == HER["check_in"]
    assert any(m["kind"] for m in data["messages"])
    assert any(e["action"] == "sign_in" or e["by_her"] for e in data["audit"])
    with app.app_context(), tenant_session("denmark") as (session, _):
        actions = session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.subject_id == member.user_id)
        ).all()
        assert "data_exported" in actions
        details = session.scalars(
            sa.select(AuditEntry.detail).where(AuditEntry.action == "data_exported")
        ).all()
        assert all(HER["email"] not in d for d in details)


def test_withdrawing_consent_to_sensitive_data_clears_it(app: Flask, member: Member) -> None:
    client = member_client(app, "denmark", HER["email"])
    response = post_form(client, DATA, {"kind": SENSITIVE}, action=f"{DATA}/consents/withdraw")
    assert response.status_code == 303
    with app.app_context(), tenant_session("denmark") as (session, _):
        profile = session.get(Profile, member.profile_id)
        assert profile is not None
        assert profile.story is None and profile.country_of_origin is None
        consent = session.scalars(sa.select(Consent).where(Consent.kind == SENSITIVE)).one()
        assert consent.withdrawn_at is not None
    assert "Withdraw" not in client.get(f"{DATA}?lang=en").get_data(as_text=True)


def test_the_privacy_notice_consent_is_withdrawn_only_by_erasure(
    app: Flask, member: Member
) -> None:
    client = member_client(app, "denmark", HER["email"])
    response = post_form(
        client, DATA, {"kind": "privacy_notice"}, action=f"{DATA}/consents/withdraw"
    )
    assert response.status_code == 303
    assert "erase your account" in client.get(f"{DATA}?lang=en").get_data(as_text=True)
    bad = post_form(client, DATA, {"kind": "nonsense"}, action=f"{DATA}/consents/withdraw")
    assert bad.status_code == 303
    assert "Choose one of" in client.get(f"{DATA}?lang=en").get_data(as_text=True)


def test_a_wrong_password_erases_nothing(app: Flask, member: Member) -> None:
    client = member_client(app, "denmark", HER["email"])
    response = post_form(client, f"{DATA}/erase", {"password": "not my password"})
    assert response.status_code == 422
    assert "Adgangskoden er forkert." in response.get_data(as_text=True)  # her language
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.get(User, member.user_id)
        assert user is not None and user.name == HER["name"] and not user.is_erased


def test_erasure_leaves_none_of_her_values_anywhere_in_the_database(
    app: Flask, member: Member, migrated: Database, make_profile: ProfileFactory,
    tenant_ids: dict[str, int],
) -> None:  # fmt: skip
    # Her namesake in another network must stay as she is.
    make_profile("morocco", "mentee", email=HER["email"], name=HER["name"], story=HER["story"],
                 consent_sensitive=True)  # fmt: skip
    before = _hits(migrated, _her_values())
    assert {hit[2] for hit in before} == {tenant_ids["denmark"], tenant_ids["morocco"]}
    client = member_client(app, "denmark", HER["email"])
    response = post_form(client, f"{DATA}/erase", {"password": PASSWORD})
    assert response.status_code == 303
    after = _hits(migrated, _her_values())
    assert after, "the other network's member was erased too"
    assert {hit[2] for hit in after} == {tenant_ids["morocco"]}, after
    assert {h for h in before if h[2] == tenant_ids["morocco"]} == set(after)
    # The pair and what reports count stay.
    with app.app_context(), tenant_session("denmark") as (session, _):
        pair = session.get(Mentorship, member.mentorship_id)
        assert pair is not None and pair.state is State.COMPLETED and pair.success is True
        assert pair.mentee_rating == 5 and pair.closed_at is not None
        user = session.get(User, member.user_id)
        assert user is not None and user.is_erased and not user.active
        assert user.email.endswith("@erased.invalid")
        logins = session.scalars(sa.select(LoginSession).where(LoginSession.user_id == user.id))
        assert list(logins) == []
        assert (
            "account_erased"
            in session.scalars(
                sa.select(AuditEntry.action).where(AuditEntry.subject_id == user.id)
            ).all()
        )
    # Her browser is signed out.
    assert client.get(DATA).status_code == 302


def test_erased_member_cannot_sign_in(app: Flask, member: Member) -> None:
    client = member_client(app, "denmark", HER["email"])
    post_form(client, f"{DATA}/erase", {"password": PASSWORD})
    again = app.test_client()
    assert login(again, "denmark", HER["email"]).status_code == 401
    assert again.get("/denmark/me/").status_code == 302


def test_her_partner_sees_a_former_member(app: Flask, member: Member) -> None:
    mentor = member_client(app, "denmark", "mentor.of.her@denmark.test")
    page = f"/denmark/me/mentorships/{member.mentorship_id}"
    assert "Zelvirona" in mentor.get(page + "?lang=en").get_data(as_text=True)
    post_form(member_client(app, "denmark", HER["email"]), f"{DATA}/erase",
              {"password": PASSWORD})  # fmt: skip
    shown = mentor.get(page + "?lang=en").get_data(as_text=True)
    assert "Zelvirona" not in shown
    assert "a former member" in shown


def test_staff_accounts_are_not_erased_by_themselves(app: Flask, make_user: UserFactory) -> None:
    make_user("denmark", email="coord.self@denmark.test", roles=(Role.COORDINATOR,))
    client = member_client(app, "denmark", "coord.self@denmark.test")
    response = post_form(client, f"{DATA}/erase", {"password": PASSWORD})
    assert response.status_code == 422
    with app.app_context(), tenant_session("denmark") as (session, _):
        user = session.scalars(sa.select(User).where(User.email == "coord.self@denmark.test"))
        assert not user.one().is_erased


def test_anonymous_visitors_are_sent_to_sign_in(app: Flask) -> None:
    client = app.test_client()
    for path in (DATA, f"{DATA}/export.json", f"{DATA}/erase"):
        assert client.get(path).status_code == 302
