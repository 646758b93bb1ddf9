"""The network's own texts side by side: states missing / translated / outdated from the
settings history, saved as one settings version by a translator."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import change_tenant_settings, tenant_session

from helpers import UserFactory, csrf_token, login

PAGE = "/{tenant}/admin/translations/content"


def _translator(app: Flask, make_user: UserFactory, tenant: str) -> FlaskClient:
    make_user(tenant, email=f"translator@{tenant}.test", roles=(Role.TRANSLATOR,))
    client = app.test_client()
    login(client, tenant, f"translator@{tenant}.test")
    return client


def _state(app: Flask, tenant: str) -> tuple[int, int, dict[str, Any]]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        count = session.scalar(sa.select(sa.func.count()).select_from(TenantSettingsVersion))
        return row.settings_version, count or 0, row.settings


def _change_danish_about(app: Flask, make_user: UserFactory, text: str) -> None:
    admin = make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,))
    with app.app_context(), tenant_session("denmark") as (session, tenant):
        about = {**tenant.settings["about"], "da": text}
        change_tenant_settings(session, tenant, {"about": about}, actor=admin, reason="test")
        session.commit()


def test_a_changed_source_marks_its_translation_outdated_until_it_is_translated_again(
    app: Flask, make_user: UserFactory
) -> None:
    client = _translator(app, make_user, "denmark")
    url = PAGE.format(tenant="denmark") + "?source=da&target=en&lang=en"
    page = client.get(url).get_data(as_text=True)
    assert "Outdated: 0" in page and 'name="text.goals.job.label"' in page
    assert "privacy.notice" not in page
    _change_danish_about(app, make_user, "Mentornetværket matcher frivillige mentorer med kvinder.")
    page = client.get(url).get_data(as_text=True)
    assert "Outdated: 1" in page
    status = client.get("/denmark/admin/translations?lang=en").get_data(as_text=True)
    assert 'href="/denmark/admin/translations/content?target=en">1<' in status
    assert 'href="/denmark/admin/translations/content?target=da">0<' in status
    row = page.split('<code dir="ltr">about</code>')[1][:200]
    assert "Outdated" in row
    before = _state(app, "denmark")
    response = client.post(
        PAGE.format(tenant="denmark"),
        data={
            "csrf_token": csrf_token(client, url),
            "version": str(before[0]),
            "source": "da",
            "target": "en",
            "text.about": "The Mentor Network matches volunteer mentors with women.",
        },
    )
    assert response.status_code == 303
    version, count, settings = _state(app, "denmark")
    assert (version, count) == (before[0] + 1, before[1] + 1)
    assert settings["about"]["en"] == "The Mentor Network matches volunteer mentors with women."
    assert settings["about"]["da"] == before[2]["about"]["da"]
    assert "Outdated: 0" in client.get(url).get_data(as_text=True)


def test_bad_texts_change_nothing(app: Flask, make_user: UserFactory) -> None:
    client = _translator(app, make_user, "morocco")
    url = PAGE.format(tenant="morocco") + "?source=ar&target=fr"
    before = _state(app, "morocco")
    for text in ("bell\x07", ""):
        response = client.post(
            PAGE.format(tenant="morocco"),
            data={
                "csrf_token": csrf_token(client, url),
                "version": str(before[0]),
                "source": "ar",
                "target": "fr",
                "text.goals.job.label": text,
            },
        )
        assert response.status_code == 422
        assert 'class="error-summary"' in response.get_data(as_text=True)
        assert _state(app, "morocco") == before
    stale = client.post(
        PAGE.format(tenant="morocco"),
        data={"csrf_token": csrf_token(client, url), "version": "0", "text.name": "x"},
    )
    assert stale.status_code == 422
    assert _state(app, "morocco") == before


def test_coordinators_and_other_networks_do_not_reach_the_page(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("morocco", email="coord@morocco.test", roles=(Role.COORDINATOR,))
    coordinator = app.test_client()
    login(coordinator, "morocco", "coord@morocco.test")
    assert coordinator.get(PAGE.format(tenant="morocco")).status_code == 403
    other = _translator(app, make_user, "men")
    assert other.get(PAGE.format(tenant="morocco")).status_code in (302, 303, 404)
