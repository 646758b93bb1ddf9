"""The words page: the network's own terms per locale, saved as a settings version."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session
from mentornet.modules.tenants.schemas import TERMS

from helpers import UserFactory, csrf_token, login

PAGE = "/{tenant}/admin/terminology"


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> None:
    make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,))
    login(client, tenant, f"admin@{tenant}.test")


def _state(app: Flask, tenant: str = "denmark") -> tuple[int, dict[str, Any], int]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        count = session.scalar(sa.select(sa.func.count()).select_from(TenantSettingsVersion))
        return row.settings_version, row.settings, count or 0


def _form(app: Flask, tenant: str = "denmark", **changes: str) -> dict[str, Any]:
    version, settings, _count = _state(app, tenant)
    form: dict[str, Any] = {"version": str(version)}
    for key, words in settings["terminology"].items():
        form.update({f"terminology.{key}.{loc}": word for loc, word in words.items()})
    form.update(changes)
    return form


def _post(client: FlaskClient, tenant: str, data: dict[str, Any]) -> Any:
    page = PAGE.format(tenant=tenant)
    return client.post(page, data={**data, "csrf_token": csrf_token(client, page)})


def test_every_term_is_asked_for_in_every_language_with_the_standard_word(
    client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    page = client.get("/morocco/admin/terminology?lang=fr").get_data(as_text=True)
    for key in TERMS:
        for loc in ("ar", "fr", "en"):
            assert f'name="terminology.{key}.{loc}"' in page
    assert 'value="marraine"' in page and 'value="مرشدة"' in page
    assert "Terminologie" in page  # the page is in the admin's language


def test_saved_words_are_a_version_and_reach_the_pages_on_the_next_request(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    assert "Lærlinge" not in client.get("/denmark/staff/").get_data(as_text=True)
    before = _state(app)
    form = _form(
        app,
        **{
            "terminology.mentees.da": "lærlinge",
            "terminology.mentees.en": "apprentices",
            "reason": "vores egne ord",
        },
    )
    response = _post(client, "denmark", form)
    assert response.status_code == 303
    version, settings, count = _state(app)
    assert settings["terminology"]["mentees"] == {"da": "lærlinge", "en": "apprentices"}
    assert (version, count) == (before[0] + 1, before[2] + 1)
    with app.app_context(), tenant_session("denmark") as (session, _row):
        latest = session.scalars(
            sa.select(TenantSettingsVersion).where(TenantSettingsVersion.version == version)
        ).one()
        assert latest.reason == "vores egne ord" and latest.changed_by == "admin@denmark.test"
    assert "Lærlinge" in client.get("/denmark/staff/?lang=da").get_data(as_text=True)
    assert "Apprentices" in client.get("/denmark/staff/?lang=en").get_data(as_text=True)
    assert "mentees" not in _state(app, "morocco")[1]["terminology"] or (
        _state(app, "morocco")[1]["terminology"]["mentees"]["fr"] == "filleules"
    )


def test_emptying_a_word_everywhere_brings_back_the_standard_word(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    form = _form(
        app,
        "morocco",
        **{"terminology.coordinator.ar": "", "terminology.coordinator.fr": "",
           "terminology.coordinator.en": ""},
    )  # fmt: skip
    assert _post(client, "morocco", form).status_code == 303
    terms = _state(app, "morocco")[1]["terminology"]
    assert "coordinator" not in terms and terms["mentor"]["fr"] == "marraine"


def test_a_word_missing_in_one_language_is_refused_by_its_field_and_nothing_is_saved(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    before = _state(app, "morocco")
    form = _form(app, "morocco", **{"terminology.mentor.fr": "", "terminology.mentee.fr": "x\x07"})
    page = client.get("/morocco/admin/terminology?lang=fr")  # the admin reads French
    response = _post(client, "morocco", form)
    html = response.get_data(as_text=True)
    assert page.status_code == 200 and response.status_code == 422
    assert 'id="error-terminology-mentor-fr-1">' in html
    assert 'id="error-terminology-mentee-fr-1">' in html
    assert "Ce texte est vide" in html
    assert _state(app, "morocco") == before


def test_a_save_from_an_older_version_is_refused(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    stale = _form(app, **{"terminology.network.da": "kredsen", "terminology.network.en": "circle"})
    fresh = _form(app, **{"terminology.mentor.da": "guide", "terminology.mentor.en": "guide"})
    assert _post(client, "denmark", fresh).status_code == 303
    saved = _state(app)
    response = _post(client, "denmark", stale)
    assert response.status_code == 409
    assert "terminology.mentor" in response.get_data(as_text=True)
    assert _state(app) == saved


def test_coordinators_get_403_and_another_networks_admin_cannot_change_the_words(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@denmark.test")
    assert client.get("/denmark/admin/terminology").status_code == 403
    other = app.test_client()
    _admin(other, make_user, "morocco")
    before = _state(app)
    assert other.get("/denmark/admin/terminology").status_code == 302
    response = other.post(
        "/denmark/admin/terminology",
        data={
            "version": str(before[0]),
            "terminology.mentor.da": "x",
            "terminology.mentor.en": "x",
        },
    )
    assert response.status_code in (302, 400, 403)
    assert _state(app) == before


def test_the_arabic_page_is_right_to_left(client: FlaskClient, make_user: UserFactory) -> None:
    _admin(client, make_user, "men")
    response = client.get("/men/admin/terminology?lang=ar")
    assert response.status_code == 200 and 'dir="rtl"' in response.get_data(as_text=True)
