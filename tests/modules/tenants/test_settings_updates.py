"""update_tenant_settings: one way to change a network's settings, validated, versioned, safe.

Every change goes through the schema of tenant.toml, becomes a version authored by a person, and
never removes a goal or question key that records still use (those can be retired instead).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from mentornet.core.errors import DomainError
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import (
    InvalidSettingsError,
    SettingsChangedMeanwhileError,
    tenant_session,
    update_tenant_settings,
)

from helpers import ProfileFactory, UserFactory


def _update(
    app: Flask, admin_id: int, section: str, change: Any, tenant: str = "denmark"
) -> TenantSettingsVersion:
    with app.test_request_context(f"/{tenant}/"), tenant_session(tenant) as (session, row):
        actor = session.get(User, admin_id)
        assert actor is not None
        data = change(copy.deepcopy(row.settings[section])) if callable(change) else change
        version = update_tenant_settings(
            session, row, section, data, actor=actor, reason="test change"
        )
        session.commit()
        return version


def _versions(app: Flask, tenant: str = "denmark") -> list[tuple[int, int | None]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        rows = session.execute(
            sa.select(TenantSettingsVersion.version, TenantSettingsVersion.author_id).order_by(
                TenantSettingsVersion.version
            )
        )
        return [(v, a) for v, a in rows]


def _admin(make_user: UserFactory, tenant: str = "denmark") -> int:
    return make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,)).id


def _set(key: str, value: Any) -> Any:
    def change(section: dict[str, Any]) -> dict[str, Any]:
        return {**section, key: value}

    return change


def test_a_change_is_validated_and_kept_as_a_version_by_its_author(
    app: Flask, make_user: UserFactory
) -> None:
    admin = _admin(make_user)
    before = _versions(app)
    _update(app, admin, "cycle", _set("stalled_after_days", 21))
    assert _versions(app) == [*before, (before[-1][0] + 1, admin)]
    with app.app_context(), tenant_session("denmark") as (_, tenant):
        assert tenant.config.cycle.stalled_after_days == 21
    with app.app_context(), tenant_session("morocco") as (_, other):
        assert other.config.cycle.stalled_after_days == 45  # another network is untouched


def test_a_refused_change_names_the_field_and_changes_nothing(
    app: Flask, make_user: UserFactory
) -> None:
    admin = _admin(make_user)
    before = _versions(app)
    with pytest.raises(InvalidSettingsError) as refused:
        _update(app, admin, "cycle", _set("stalled_after_days", 0))
    assert list(refused.value.errors) == ["cycle.stalled_after_days"]
    with pytest.raises(InvalidSettingsError) as unknown:
        _update(app, admin, "cycle", _set("stalled", 3))
    assert list(unknown.value.errors) == ["cycle.stalled"]
    with pytest.raises(DomainError):
        _update(app, admin, "slug", "copenhagen")
    assert _versions(app) == before
    with app.app_context(), tenant_session("denmark") as (_, tenant):
        assert tenant.config.cycle.stalled_after_days == 42


def _without_goal(key: str) -> Any:
    return lambda goals: [goal for goal in goals if goal["key"] != key]


def _retire_goal(key: str) -> Any:
    return lambda goals: [
        {**goal, "retired": goal["key"] == key or goal["retired"]} for goal in goals
    ]


def test_a_goal_that_profiles_use_can_be_retired_but_not_removed(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    admin = _admin(make_user)
    make_profile("denmark", "mentee", goals=["recognition"])
    before = _versions(app)
    with pytest.raises(DomainError) as refused:
        _update(app, admin, "goals", _without_goal("recognition"))
    assert refused.value.field == "goals" and "recognition" in str(refused.value)
    assert _versions(app) == before
    _update(app, admin, "goals", _retire_goal("recognition"))
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (_, tenant):
        assert "recognition" not in {goal.key for goal in tenant.config.offered_goals}
        assert "recognition" in tenant.goal_labels("da")  # old records still show its name
    _update(app, admin, "goals", _without_goal("career"))  # a goal nobody uses can go
    with app.app_context(), tenant_session("denmark") as (_, tenant):
        assert "career" not in tenant.config.goal_keys


def test_a_retired_goal_is_no_longer_offered_on_the_application(
    app: Flask, make_user: UserFactory
) -> None:
    admin = _admin(make_user)
    page = app.test_client().get("/denmark/apply/mentee").get_data(as_text=True)
    assert 'value="recognition"' in page
    _update(app, admin, "goals", _retire_goal("recognition"))
    page = app.test_client().get("/denmark/apply/mentee").get_data(as_text=True)
    assert 'value="recognition"' not in page and 'value="job"' in page


def test_an_answered_question_cannot_be_removed(
    app: Flask, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    admin = _admin(make_user)
    make_profile("denmark", "mentee")  # answers the network's questions, years_in_denmark too
    with pytest.raises(DomainError) as refused:
        _update(
            app,
            admin,
            "questionnaire",
            lambda questions: [q for q in questions if q["key"] != "years_in_denmark"],
        )
    assert refused.value.field == "questionnaire" and "years_in_denmark" in str(refused.value)


def test_a_save_made_from_an_older_version_is_refused_and_shows_the_other_change(
    app: Flask, make_user: UserFactory
) -> None:
    first = _admin(make_user)
    second = make_user("denmark", email="second-admin@denmark.test", roles=(Role.ADMIN,)).id
    opened = _versions(app)[-1][0]  # both admins open the cycle form at this version
    _update(app, first, "cycle", _set("stalled_after_days", 21))
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        actor = session.get(User, second)
        assert actor is not None
        data = {**tenant.settings["cycle"], "check_in_interval_days": 10}
        with pytest.raises(SettingsChangedMeanwhileError) as refused:
            update_tenant_settings(
                session, tenant, "cycle", data, actor=actor, reason="", expected_version=opened
            )
        assert [(v.version, v.author_id) for v in refused.value.theirs] == [(opened + 1, first)]
    assert _versions(app)[-1] == (opened + 1, first)
    with app.app_context(), tenant_session("denmark") as (_, tenant):
        assert tenant.config.cycle.stalled_after_days == 21  # the first change is not overwritten
        assert tenant.config.cycle.check_in_interval_days != 10
