"""The network, goals and history pages: validated, versioned, never losing another admin's change."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, csrf_token, login


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> None:
    make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,))
    login(client, tenant, f"admin@{tenant}.test")


def _state(app: Flask, tenant: str = "denmark") -> tuple[int, dict[str, Any], int]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        count = session.scalar(sa.select(sa.func.count()).select_from(TenantSettingsVersion))
        return row.settings_version, row.settings, count or 0


def _network_form(app: Flask, **changes: str) -> dict[str, Any]:
    version, settings, _count = _state(app)
    form: dict[str, Any] = {"version": str(version), "locales": settings["locales"]}
    form["default_locale"] = settings["default_locale"]
    form["timezone"] = settings["timezone"]
    for key in ("name", "tagline", "about"):
        form.update({f"{key}.{loc}": text for loc, text in settings[key].items()})
    for section in ("cycle", "retention", "branding"):
        form.update({f"{section}.{k}": str(v) for k, v in settings[section].items()})
    form.update({f"features.{k}": "1" for k, on in settings["features"].items() if on})
    form.update(changes)
    return form


def _post(client: FlaskClient, page: str, data: dict[str, Any], action: str | None = None) -> Any:
    token = csrf_token(client, page)
    return client.post(action or page, data={**data, "csrf_token": token})


def test_network_settings_are_saved_as_a_version(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    form = _network_form(app, **{"cycle.stalled_after_days": "21", "reason": "kortere"})
    response = _post(client, "/denmark/admin/network", form)
    assert response.status_code == 302
    version, settings, count = _state(app)
    assert settings["cycle"]["stalled_after_days"] == 21 and count == before[2] + 1
    assert version == before[0] + 1
    assert _state(app, "morocco")[1]["cycle"]["stalled_after_days"] == 45


def test_bad_input_names_the_field_in_danish_and_saves_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    form = _network_form(
        app,
        **{"cycle.expected_months": "0", "branding.primary_color": "#f0e68c", "name.da": ""},
    )
    response = _post(client, "/denmark/admin/network", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "1 til 36" in page  # in the admin's language
    assert 'aria-describedby="error-cycle-expected_months-1"' in page
    assert 'id="error-cycle-expected_months-1">' in page  # the message sits by its field
    assert 'id="error-name-da-1">' in page
    assert ":1" in page  # the contrast ratio is in the message
    assert _state(app) == before


def test_a_pale_colour_is_refused_with_its_contrast_ratio(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    form = _network_form(app, **{"branding.primary_color": "#ffff00"})
    page = _post(client, "/denmark/admin/network", form).get_data(as_text=True)
    assert "1,0:1" in page and "4,5:1" in page
    assert _state(app) == before


def test_a_save_from_an_older_version_is_refused_and_shows_the_other_change(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    stale = _network_form(app, **{"cycle.check_in_interval_days": "10"})
    first = _network_form(app, **{"cycle.stalled_after_days": "21"})
    assert _post(client, "/denmark/admin/network", first).status_code == 302
    saved = _state(app)
    response = _post(client, "/denmark/admin/network", stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "cycle.stalled_after_days" in page and "21" in page
    assert _state(app) == saved


def _goal_form(app: Flask, **changes: str) -> dict[str, Any]:
    version, settings, _count = _state(app)
    form: dict[str, Any] = {"version": str(version), "edit": "1"}
    for i, goal in enumerate(settings["goals"]):
        key = goal["key"]
        form.update({f"label.{key}.{loc}": text for loc, text in goal["label"].items()})
        form[f"outcome.{key}"] = goal["outcome"]
        form[f"position.{key}"] = str(i + 1)
        if goal["retired"]:
            form[f"retired.{key}"] = "1"
    form.update(changes)
    return form


def test_the_danish_admin_adds_renames_reorders_and_retires_goals(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    _admin(client, make_user)
    make_profile("denmark", "mentee", goals=["recognition"])
    version = _state(app)[0]
    added = _post(
        client,
        "/denmark/admin/goals",
        {
            "version": str(version),
            "new.key": "mentor_network",
            "new.label.da": "Mødes med andre",
            "new.label.en": "Meet others",
            "new.outcome": "network",
        },
        action="/denmark/admin/goals/add",
    )
    assert added.status_code == 303
    assert _state(app)[1]["goals"][-1]["key"] == "mentor_network"
    form = _goal_form(
        app,
        **{
            "label.job.da": "Finde arbejde",
            "position.mentor_network": "0",
            "retired.recognition": "1",
        },
    )
    assert _post(client, "/denmark/admin/goals", form).status_code == 303
    goals = _state(app)[1]["goals"]
    assert goals[0]["key"] == "mentor_network"
    assert next(g for g in goals if g["key"] == "job")["label"]["da"] == "Finde arbejde"
    assert next(g for g in goals if g["key"] == "recognition")["retired"] is True
    page = client.get("/denmark/admin/goals").get_data(as_text=True)
    assert "Finde arbejde" in page
    assert '<input type="checkbox" name="retired.recognition" value="1" checked>' in page
    assert 'id="position-mentor_network" name="position.mentor_network"' in page


def test_a_used_goal_cannot_be_deleted_an_unused_one_can(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    _admin(client, make_user)
    make_profile("denmark", "mentee", goals=["recognition"])
    before = _state(app)
    refused = _post(
        client,
        "/denmark/admin/goals",
        {**_goal_form(app), "delete": "recognition"},
        action="/denmark/admin/goals/delete",
    )
    assert refused.status_code == 422 and "recognition" in refused.get_data(as_text=True)
    assert _state(app) == before
    deleted = _post(
        client,
        "/denmark/admin/goals",
        {**_goal_form(app), "delete": "career"},
        action="/denmark/admin/goals/delete",
    )
    assert deleted.status_code == 303
    assert "career" not in {g["key"] for g in _state(app)[1]["goals"]}


def test_bad_goal_names_are_refused_by_their_field(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    response = _post(client, "/denmark/admin/goals", _goal_form(app, **{"label.job.da": ""}))
    assert response.status_code == 422
    assert 'id="error-goals-job-label-da-1"' in response.get_data(as_text=True)
    assert _state(app) == before
    new = {
        "version": str(before[0]),
        "new.key": "Bad Key",
        "new.label.da": "x",
        "new.label.en": "x",
    }
    response = _post(client, "/denmark/admin/goals", new, action="/denmark/admin/goals/add")
    assert response.status_code == 422
    assert 'id="error-new-key-1"' in response.get_data(as_text=True)
    assert _state(app) == before


def test_history_shows_the_diff_and_a_version_can_be_restored(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    original = _state(app)
    form = _network_form(app, **{"cycle.stalled_after_days": "21", "reason": "kortere frist"})
    _post(client, "/denmark/admin/network", form)
    page = client.get("/denmark/admin/history").get_data(as_text=True)
    assert "cycle.stalled_after_days" in page and "kortere frist" in page
    with app.app_context(), tenant_session("denmark") as (session, _):
        old_id = session.scalars(
            sa.select(TenantSettingsVersion.id).where(TenantSettingsVersion.version == original[0])
        ).one()
    stale = _post(
        client,
        "/denmark/admin/history",
        {"version": str(original[0])},
        action=f"/denmark/admin/history/{old_id}/restore",
    )
    assert stale.status_code == 409
    current = _state(app)
    restored = _post(
        client,
        "/denmark/admin/history",
        {"version": str(current[0])},
        action=f"/denmark/admin/history/{old_id}/restore",
    )
    assert restored.status_code == 303
    version, settings, _count = _state(app)
    assert version == current[0] + 1 and settings["cycle"]["stalled_after_days"] == 42
    with app.app_context(), tenant_session("denmark") as (session, _):
        latest = session.scalars(
            sa.select(TenantSettingsVersion).order_by(TenantSettingsVersion.version.desc())
        ).first()
        assert latest is not None and latest.reason == f"restored version {original[0]}"


def test_coordinators_and_translators_are_refused_every_settings_page(
    app: Flask, make_user: UserFactory
) -> None:
    for role in (Role.COORDINATOR, Role.TRANSLATOR):
        client = app.test_client()
        make_user("denmark", email=f"{role.value}@denmark.test", roles=(role,))
        login(client, "denmark", f"{role.value}@denmark.test")
        for page in ("network", "goals", "history"):
            assert client.get(f"/denmark/admin/{page}").status_code == 403


def test_another_networks_admin_cannot_reach_these_pages(
    client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    assert client.get("/denmark/admin/network").status_code == 302


def test_the_arabic_pages_are_right_to_left(client: FlaskClient, make_user: UserFactory) -> None:
    _admin(client, make_user, "morocco")
    for page in ("network", "goals", "history"):
        response = client.get(f"/morocco/admin/{page}?lang=ar")
        assert response.status_code == 200
        assert 'dir="rtl"' in response.get_data(as_text=True)


def test_a_changed_colour_reaches_the_theme_on_the_next_request(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    _post(
        client,
        "/denmark/admin/network",
        _network_form(app, **{"branding.primary_color": "#123456"}),
    )
    version = _state(app)[0]
    page = client.get("/denmark/").get_data(as_text=True)
    assert f"theme.css?v={version}" in page
    assert "#123456" in client.get(f"/denmark/theme.css?v={version}").get_data(as_text=True)
