"""The matching settings page: saved as a version like every settings page, and a preview of the
suggestions under the typed weights that saves nothing."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale, gettext, ngettext
from markupsafe import escape

from mentornet.modules.accounts.models import Role
from mentornet.modules.matching.operations import suggestions_for
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session

from helpers import Database, ProfileFactory, UserFactory, csrf_token, login, table_digests

PAGE = "/denmark/admin/matching"
UNTOUCHED = {"audit_entries", "login_sessions"}


def _translated(app: Flask, text: str) -> str:
    with app.test_request_context("/denmark/"), force_locale("da"):
        return str(escape(gettext(text)))


def _plural(app: Flask, singular: str, plural: str, number: int) -> str:
    with app.test_request_context("/denmark/"), force_locale("da"):
        return str(escape(ngettext(singular, plural, number)))


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> None:
    make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,))
    assert login(client, tenant, f"admin@{tenant}.test").status_code == 302


def _state(app: Flask, tenant: str = "denmark") -> tuple[int, dict[str, Any], int]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        count = session.scalar(sa.select(sa.func.count()).select_from(TenantSettingsVersion))
        return row.settings_version, row.settings, count or 0


def _form(app: Flask, tenant: str = "denmark", **changes: str) -> dict[str, Any]:
    """The page's form as stored, with `changes` typed over it."""
    version, settings, _count = _state(app, tenant)
    matching = settings["matching"]
    form: dict[str, Any] = {
        "version": str(version),
        "matching.mode": matching["mode"],
        "matching.suggestions": str(matching["suggestions"]),
        "matching.veto_window_days": str(matching["veto_window_days"]),
        "matching.constraints.usable_language_level": matching["constraints"][
            "usable_language_level"
        ],
        "matching.constraints.max_distance_km": str(matching["constraints"]["max_distance_km"]),
        "matching.constraints.max_age_gap": str(matching["constraints"]["max_age_gap"]),
    }
    if matching["constraints"]["shared_language"]:
        form["matching.constraints.shared_language"] = "1"
    for name, criterion in matching["criteria"].items():
        form[f"matching.criteria.{name}.weight"] = str(criterion["weight"])
    for question in matching["questions"]:
        form[f"matching.question_weights.{question['question']}"] = str(question["weight"])
    form.update(changes)
    return form


def _post(client: FlaskClient, data: dict[str, Any], tenant: str = "denmark") -> Any:
    token = csrf_token(client, f"/{tenant}/admin/matching")
    return client.post(f"/{tenant}/admin/matching", data={**data, "csrf_token": token})


def _people(make_profile: ProfileFactory) -> dict[str, int]:
    """A waiting nurse who wants a job; a nurse mentor who helps with education, a electrician mentor
    who helps with finding a job; and a Moroccan pair that must never show."""
    approved = ProfileStatus.APPROVED
    mentee = make_profile(
        "denmark", "mentee", approved, email="amal@example.org", name="Amal Waiting",
        occupation_code="2221", goals=["job"],
    )  # fmt: skip
    nurse = make_profile(
        "denmark", "mentor", approved, email="nora@example.org", name="Nora Nurse",
        occupation_code="2221", goals=["education"],
    )  # fmt: skip
    teacher = make_profile(
        "denmark", "mentor", approved, email="tom@example.org", name="Tom Electrician",
        occupation_code="7411", goals=["job"],
    )  # fmt: skip
    make_profile("morocco", "mentee", approved, email="salma@example.org", name="Salma Foreign")
    make_profile("morocco", "mentor", approved, email="karim@example.org", name="Karim Foreign")
    return {"mentee": mentee.id, "nurse": nurse.id, "teacher": teacher.id}


def _suggested(app: Flask, mentee_id: int) -> list[int]:
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        mentee = session.get(Profile, mentee_id)
        assert mentee is not None
        return [s.profile.id for s in suggestions_for(session, tenant, mentee, k=5)]


GOALS_ONLY = {
    **{f"matching.criteria.{name}.weight": "0" for name in ("occupation", "education")},
    **{f"matching.criteria.{name}.weight": "0" for name in ("languages", "distance")},
    "matching.criteria.availability.weight": "0",
    "matching.criteria.goals.weight": "100",
    "matching.question_weights.sectors": "0",
    "matching.question_weights.meeting_format": "0",
}


def test_the_preview_shows_both_rankings_and_saves_nothing(
    app: Flask,
    database: Database,
    client: FlaskClient,
    make_user: UserFactory,
    make_profile: ProfileFactory,
) -> None:
    _admin(client, make_user)
    people = _people(make_profile)
    before_suggestions = _suggested(app, people["mentee"])
    assert before_suggestions[:2] == [people["nurse"], people["teacher"]]
    before = table_digests(database, UNTOUCHED)
    state = _state(app)
    response = _post(client, _form(app, action="preview", **GOALS_ONLY))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _translated(app, "Preview: nothing has been saved yet") in page
    assert "Amal Waiting" in page and "Nora Nurse" in page and "Tom Electrician" in page
    assert "Foreign" not in page
    # What was typed stays in the form, to be saved as it is.
    assert (
        'name="matching.criteria.goals.weight" type="number" inputmode="decimal" step="any" value="100"'
        in page
    )
    # Under goals alone the electrician moves up to the first place and the nurse down.
    assert _plural(app, "up %(num)d place", "up %(num)d places", 1) in page
    assert _plural(app, "down %(num)d place", "down %(num)d places", 1) in page
    assert table_digests(database, UNTOUCHED) == before and _state(app) == state


def test_the_preview_is_what_the_suggestions_become_once_saved(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    """The same scorer: the proposed column is exactly the suggestions after the save."""
    from mentornet.modules.matching.operations import preview_weights
    from mentornet.modules.tenants.config import TenantConfig
    from mentornet.modules.tenants.operations import validated_settings

    _admin(client, make_user)
    people = _people(make_profile)
    current = _suggested(app, people["mentee"])
    form = _form(app, **GOALS_ONLY)
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, tenant):
        changed = {**tenant.settings["matching"]}
        changed["criteria"] = {
            name: {"weight": float(form[f"matching.criteria.{name}.weight"])}
            for name in tenant.settings["matching"]["criteria"]
        }
        changed["questions"] = [{**q, "weight": 0} for q in changed["questions"]]
        proposed = TenantConfig.from_document(
            validated_settings(tenant, {"matching": changed})
        ).matching
        [preview] = preview_weights(session, tenant, proposed)
        assert preview.mentee.id == people["mentee"]
        session.rollback()
    assert [m.profile_id for m in preview.current] == current
    response = _post(client, _form(app, action="save", **GOALS_ONLY))
    assert response.status_code == 303
    after = _suggested(app, people["mentee"])
    assert [m.profile_id for m in preview.proposed] == after
    assert after[0] == people["teacher"]  # only the teacher offers the goal she has
    assert preview.changed
    first = preview.proposed[0]
    assert first.rank == 1 and first.other_rank == 2


def test_settings_are_saved_as_a_version_and_other_networks_keep_theirs(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    version, _settings, count = _state(app)
    moroccan = _state(app, "morocco")
    form = _form(
        app,
        action="save",
        reason="sprog først",
        **{"matching.criteria.languages.weight": "40", "matching.constraints.max_distance_km": "0"},
    )
    del form["matching.constraints.shared_language"]
    response = _post(client, form)
    assert response.status_code == 303
    new_version, settings, new_count = _state(app)
    assert (new_version, new_count) == (version + 1, count + 1)
    assert settings["matching"]["criteria"]["languages"]["weight"] == 40
    assert settings["matching"]["constraints"]["max_distance_km"] == 0
    assert settings["matching"]["constraints"]["shared_language"] is False
    assert _state(app, "morocco") == moroccan
    page = client.get(PAGE).get_data(as_text=True)
    assert _translated(app, "The matching settings have been saved.") in page


def test_bad_input_is_refused_by_its_field_for_preview_and_save(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = table_digests(database, UNTOUCHED)
    state = _state(app)
    bad = {
        "matching.criteria.goals.weight": "x",
        "matching.question_weights.sectors": "200",
        "matching.mode": "lottery",
        "matching.constraints.usable_language_level": "D9",
        "matching.suggestions": "\x00",
    }
    for action in ("preview", "save"):
        response = _post(client, _form(app, action=action, **bad))
        page = response.get_data(as_text=True)
        assert response.status_code == 422, action
        assert 'id="error-matching-criteria-goals-weight-1"' in page
        assert 'id="error-matching-question_weights-sectors-1"' in page
        assert 'id="error-matching-mode-1"' in page
        assert 'id="error-matching-constraints-usable_language_level-1"' in page
        assert 'id="error-matching-suggestions-1"' in page
        assert _translated(app, "Enter a number.") in page
        assert _translated(app, "Preview: nothing has been saved yet") not in page
    assert table_digests(database, UNTOUCHED) == before and _state(app) == state


def test_a_stale_form_is_refused_with_the_change_made_meanwhile(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    old = _form(app, action="save", **{"matching.criteria.goals.weight": "50"})
    assert (
        _post(client, _form(app, action="save", **{"matching.suggestions": "7"})).status_code == 303
    )
    state = _state(app)
    response = _post(client, old)
    assert response.status_code == 409
    assert _state(app) == state
    assert _state(app)[1]["matching"]["criteria"]["goals"]["weight"] != 50


def test_a_coordinator_is_refused(
    app: Flask, database: Database, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@denmark.test")
    assert client.get(PAGE).status_code == 403
    token = csrf_token(client, "/denmark/me/")
    before = table_digests(database, UNTOUCHED)
    for action in ("preview", "save"):
        response = client.post(PAGE, data={**_form(app, action=action), "csrf_token": token})
        assert response.status_code == 403
    assert table_digests(database, UNTOUCHED) == before


def test_an_empty_waiting_list_says_so(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    _admin(client, make_user)
    make_profile("morocco", "mentee", ProfileStatus.APPROVED, email="salma@example.org")
    response = _post(client, _form(app, action="preview"))
    assert response.status_code == 200
    assert _translated(app, "Nobody is waiting for a match, so there is nothing to compare.") in (
        response.get_data(as_text=True)
    )


def test_the_admin_chooses_which_choice_questions_feed_the_score(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    """Morocco weighs support areas and sectors: the business stage (a choice question not
    weighed yet) gets a weight, and the sectors set to 0 leave the score."""
    _admin(client, make_user, "morocco")
    page = client.get("/morocco/admin/matching").get_data(as_text=True)
    assert 'name="matching.question_weights.business_stage"' in page
    assert 'name="matching.question_weights.mentor_experience"' not in page  # free text
    changes = {
        "matching.question_weights.business_stage": "15",
        "matching.question_weights.business_sectors": "0",
    }
    response = _post(client, _form(app, "morocco", action="save", **changes), tenant="morocco")
    assert response.status_code == 303
    _version, settings, _count = _state(app, "morocco")
    weights = {q["question"]: q["weight"] for q in settings["matching"]["questions"]}
    assert weights == {"support_areas": weights["support_areas"], "business_stage": 15}
    _version, denmark, _count = _state(app)
    assert [q["question"] for q in denmark["matching"]["questions"]] == [
        "sectors",
        "meeting_format",
    ]
