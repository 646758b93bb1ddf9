"""The privacy notice: drafted and published per locale by the admin, accepted by every account."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.privacy.models import PrivacyNotice
from mentornet.modules.profiles.models import Consent, ProfileStatus
from mentornet.modules.profiles.operations import PRIVACY
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import change_tenant_settings, tenant_session

from helpers import ProfileFactory, UserFactory, csrf_token, login

NEW_DA = "Vi har skrevet en ny erklæring om dine data."
NEW_EN = "We have written a new notice about your data."


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> User:
    admin = make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,), name="Ada")
    login(client, tenant, f"admin@{tenant}.test")
    return admin


def _state(app: Flask, tenant: str = "denmark") -> dict[str, Any]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        return {
            "version": row.settings_version,
            "privacy": row.settings["privacy"],
            "settings_versions": session.scalar(
                sa.select(sa.func.count()).select_from(TenantSettingsVersion)
            ),
            "notices": [
                (n.version, n.texts, n.published_by_id is not None, n.reason)
                for n in session.scalars(sa.select(PrivacyNotice).order_by(PrivacyNotice.id))
            ],
        }


def _consents(app: Flask, tenant: str, user_id: int) -> list[tuple[str, int]]:
    with app.app_context(), tenant_session(tenant) as (session, _row):
        return [
            (c.kind, c.version)
            for c in session.scalars(
                sa.select(Consent).where(Consent.user_id == user_id).order_by(Consent.id)
            )
        ]


def _send(
    app: Flask, client: FlaskClient, action: str, tenant: str = "denmark", **fields: str
) -> Any:
    page = f"/{tenant}/admin/privacy"
    data: dict[str, Any] = {"version": str(_state(app, tenant)["version"])}
    data.update(fields)
    return client.post(f"{page}{action}", data={**data, "csrf_token": csrf_token(client, page)})


def _accept(client: FlaskClient, tenant: str = "denmark") -> None:
    page = f"/{tenant}/me/privacy"
    response = client.post(page, data={"csrf_token": csrf_token(client, page)})
    assert response.status_code == 303


def _publish(app: Flask, client: FlaskClient, **fields: str) -> Any:
    texts = {"privacy.notice.da": NEW_DA, "privacy.notice.en": NEW_EN, "reason": "ny jura"}
    return _send(app, client, "/publish", **(texts | fields))


def test_publishing_makes_a_numbered_version_with_author_reason_and_audit(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    admin = _admin(client, make_user)
    before, morocco = _state(app), _state(app, "morocco")
    response = _publish(app, client)
    assert response.status_code == 303
    after = _state(app)
    assert after["privacy"]["version"] == 2
    assert after["privacy"]["notice"] == {"da": NEW_DA, "en": NEW_EN}
    assert after["privacy"]["contact"] == before["privacy"]["contact"]
    assert after["settings_versions"] == before["settings_versions"] + 1
    assert after["notices"] == [(2, {"da": NEW_DA, "en": NEW_EN}, True, "ny jura")]
    with app.app_context(), tenant_session("denmark") as (session, _row):
        notice = session.scalars(sa.select(PrivacyNotice)).one()
        assert notice.published_by_id == admin.id and notice.published_at is not None
        latest = session.scalars(
            sa.select(TenantSettingsVersion).order_by(TenantSettingsVersion.version.desc())
        ).first()
        assert latest is not None and latest.reason == "ny jura"
        assert latest.author_id == admin.id
        entry = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "privacy_notice_published")
        ).one()
        assert entry.actor_id == admin.id and entry.detail == "version 2"
    assert _state(app, "morocco") == morocco


def test_a_draft_is_kept_unpublished_and_asks_nobody_to_accept(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    response = _send(app, client, "", **{"privacy.notice.da": "Udkast", "privacy.notice.en": ""})
    assert response.status_code == 303
    after = _state(app)
    assert after["privacy"] == before["privacy"] and after["version"] == before["version"]
    assert after["notices"] == [(None, {"da": "Udkast", "en": ""}, False, "")]
    page = client.get("/denmark/admin/privacy").get_data(as_text=True)
    assert ">Udkast</textarea>" in page
    assert client.get("/denmark/admin/").status_code == 200  # nobody is sent to the notice
    assert _publish(app, client).status_code == 303
    assert [n[0] for n in _state(app)["notices"]] == [2]  # the draft became version 2


def test_a_missing_or_bad_text_is_refused_by_its_field_and_nothing_is_saved(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    client.get("/denmark/admin/privacy?lang=da")
    empty = _publish(app, client, **{"privacy.notice.en": ""})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422
    assert 'id="error-privacy-notice-en-1">' in html and "Teksten er tom" in html
    control = _send(app, client, "", **{"privacy.notice.da": "ok\x00", "privacy.notice.en": "x"})
    assert control.status_code == 422
    assert 'id="error-privacy-notice-da-1">' in control.get_data(as_text=True)
    assert _state(app) == before


def test_a_publication_from_an_older_version_is_refused(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    stale = str(_state(app)["version"])
    assert _publish(app, client).status_code == 303
    _accept(client)  # she too is asked to accept what she published
    saved = _state(app)
    response = _publish(app, client, version=stale, **{"privacy.notice.en": "Another"})
    assert response.status_code == 409
    assert _state(app) == saved


def test_coordinators_get_403_and_another_networks_admin_changes_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@denmark.test")
    before = _state(app)
    assert client.get("/denmark/admin/privacy").status_code == 403
    token = csrf_token(client, "/denmark/me/")
    refused = client.post(
        "/denmark/admin/privacy/publish",
        data={"csrf_token": token, "version": str(before["version"]),
              "privacy.notice.da": NEW_DA, "privacy.notice.en": NEW_EN},
    )  # fmt: skip
    assert refused.status_code == 403
    other = app.test_client()
    _admin(other, make_user, "morocco")
    assert other.get("/denmark/admin/privacy").status_code == 302
    assert _state(app) == before


def test_a_signed_in_member_is_asked_to_accept_and_her_consent_names_the_version(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    profile = make_profile("denmark", "mentee", status=ProfileStatus.APPROVED)
    member = app.test_client()
    with app.app_context(), tenant_session("denmark") as (session, _row):
        email = session.get(User, profile.user_id).email  # type: ignore[union-attr]
    login(member, "denmark", email)
    assert member.get("/denmark/me/").status_code == 200
    assert _consents(app, "denmark", profile.user_id) == [(PRIVACY, 1)]
    _admin(client, make_user)
    assert _publish(app, client).status_code == 303

    sent = member.get("/denmark/me/")
    assert sent.status_code == 303
    assert sent.headers["Location"].startswith("/denmark/me/privacy?next=/denmark/me/")
    assert member.get("/denmark/").status_code == 200  # public pages stay open
    assert member.get("/denmark/me/data").status_code == 200  # her data rights too
    page = member.get("/denmark/me/privacy?lang=da").get_data(as_text=True)
    assert NEW_DA in page and NEW_EN not in page
    assert member.get("/denmark/me/privacy?lang=en").get_data(as_text=True).count(NEW_EN) == 1
    token = csrf_token(member, "/denmark/me/privacy")
    accepted = member.post(
        "/denmark/me/privacy", data={"csrf_token": token, "next": "/denmark/me/"}
    )
    assert accepted.status_code == 303 and accepted.headers["Location"] == "/denmark/me/"
    assert _consents(app, "denmark", profile.user_id) == [(PRIVACY, 1), (PRIVACY, 2)]
    assert member.get("/denmark/me/").status_code == 200
    with app.app_context(), tenant_session("denmark") as (session, _row):
        entry = session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "privacy_notice_accepted")
        ).one()
        assert entry.actor_id == profile.user_id and entry.detail == "version 2"


def test_after_signing_in_staff_too_are_sent_to_the_notice_and_other_networks_are_not(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    assert _publish(app, client).status_code == 303
    assert client.get("/denmark/admin/").status_code == 303  # the admin who published, too
    coordinator = app.test_client()
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    signed_in = login(coordinator, "denmark", "coord@denmark.test")
    assert signed_in.status_code == 302
    home = coordinator.get(signed_in.headers["Location"])
    assert home.status_code == 303 and "/denmark/me/privacy" in home.headers["Location"]
    form = coordinator.post(
        "/denmark/me/privacy", data={"csrf_token": csrf_token(coordinator, "/denmark/me/privacy")}
    )
    assert form.status_code == 303 and coordinator.get("/denmark/staff/").status_code == 200
    moroccan = app.test_client()
    make_user("morocco", email="coord@morocco.test", roles=(Role.COORDINATOR,))
    login(moroccan, "morocco", "coord@morocco.test")
    assert moroccan.get("/morocco/staff/").status_code == 200


def test_an_address_elsewhere_is_never_where_accepting_leads(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    assert _publish(app, client).status_code == 303
    token = csrf_token(client, "/denmark/me/privacy")
    response = client.post(
        "/denmark/me/privacy", data={"csrf_token": token, "next": "//evil.example/x"}
    )
    assert response.status_code == 303 and response.headers["Location"] == "/denmark/me/"


def test_an_applicant_after_the_publication_accepts_the_new_version_by_applying(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    _admin(client, make_user)
    assert _publish(app, client).status_code == 303
    profile = make_profile("denmark", "mentee")
    assert _consents(app, "denmark", profile.user_id)[0] == (PRIVACY, 2)


def test_the_arabic_admin_page_is_right_to_left(
    client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    response = client.get("/morocco/admin/privacy?lang=ar")
    assert response.status_code == 200 and 'dir="rtl"' in response.get_data(as_text=True)


def test_another_networks_published_version_never_asks_anyone_here(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    assert _publish(app, client).status_code == 303  # denmark's version 2
    with app.app_context(), tenant_session("morocco") as (session, row):
        privacy = {**row.settings["privacy"], "version": 2}  # as a re-imported pack could say
        admin = make_user("morocco", email="admin@morocco.test", roles=(Role.ADMIN,))
        change_tenant_settings(session, row, {"privacy": privacy}, actor=admin, reason="pack")
        session.commit()
    moroccan = app.test_client()
    login(moroccan, "morocco", "admin@morocco.test")
    assert moroccan.get("/morocco/admin/").status_code == 200


def test_an_arabic_member_reads_the_new_notice_in_arabic_right_to_left(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "men")
    locales = _state(app, "men")["privacy"]["notice"]
    texts = {f"privacy.notice.{loc}": f"{loc}: ny tekst" for loc in locales}
    texts["privacy.notice.ar"] = "إشعار جديد عن بياناتك."
    assert _send(app, client, "/publish", "men", **texts).status_code == 303
    make_user("men", email="member@men.test", locale="ar")
    member = app.test_client()
    login(member, "men", "member@men.test")
    sent = member.get("/men/me/")
    assert sent.status_code == 303
    page = member.get(sent.headers["Location"]).get_data(as_text=True)
    assert 'dir="rtl"' in page and "إشعار جديد عن بياناتك." in page
    assert "da: ny tekst" not in page


def test_a_form_sent_before_accepting_goes_to_the_notice_and_changes_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    token = csrf_token(client, "/denmark/admin/terminology")
    assert _publish(app, client).status_code == 303
    before = _state(app)
    response = client.post(
        "/denmark/admin/terminology",
        data={"csrf_token": token, "version": str(before["version"]),
              "terminology.mentor.da": "guide", "terminology.mentor.en": "guide"},
    )  # fmt: skip
    assert response.status_code == 303 and response.headers["Location"] == "/denmark/me/privacy"
    assert _state(app) == before
