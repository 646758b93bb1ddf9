"""The questionnaire builder: questions of every field type, asked at once, never losing an answer."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.profiles.fields import FIELD_TYPES
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session

from helpers import ProfileFactory, UserFactory, csrf_token, login

PAGE = "/denmark/admin/questionnaire"


def _admin(client: FlaskClient, make_user: UserFactory, tenant: str = "denmark") -> None:
    make_user(tenant, email=f"admin@{tenant}.test", roles=(Role.ADMIN,))
    login(client, tenant, f"admin@{tenant}.test")


def _state(app: Flask, tenant: str = "denmark") -> tuple[int, dict[str, Any], int]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        count = session.scalar(sa.select(sa.func.count()).select_from(TenantSettingsVersion))
        return row.settings_version, row.settings, count or 0


def _questions(app: Flask, tenant: str = "denmark") -> dict[str, dict[str, Any]]:
    return {q["key"]: q for q in _state(app, tenant)[1]["questionnaire"]}


def _post(client: FlaskClient, data: dict[str, Any], action: str = PAGE) -> Any:
    token = csrf_token(client, PAGE.replace("denmark", action.split("/")[1]))
    return client.post(action, data={**data, "csrf_token": token})


def _edit_form(app: Flask, **changes: Any) -> dict[str, Any]:
    """The main form as the page sends it, unchanged unless `changes` say otherwise."""
    version, settings, _count = _state(app)
    form: dict[str, Any] = {"version": str(version), "edit": "1"}
    for i, question in enumerate(settings["questionnaire"]):
        key = question["key"]
        form.update({f"label.{key}.{loc}": text for loc, text in question["label"].items()})
        form.update({f"help.{key}.{loc}": text for loc, text in question["help"].items()})
        form[f"audience.{key}"] = list(question["audience"])
        form[f"visible_to.{key}"] = [v for v in question["visible_to"] if v != "staff"]
        form[f"position.{key}"] = str(i + 1)
        for flag in ("required", "sensitive", "retired"):
            if question[flag]:
                form[f"{flag}.{key}"] = "1"
        for j, choice in enumerate(question["choices"]):
            name = f"{key}.{choice['key']}"
            form.update({f"choice.{name}.{loc}": text for loc, text in choice["label"].items()})
            form[f"choice_position.{name}"] = str(j + 1)
            if choice.get("retired"):
                form[f"choice_retired.{name}"] = "1"
    form.update(changes)
    return form


def _new_question(app: Flask, **changes: Any) -> dict[str, Any]:
    form: dict[str, Any] = {
        "version": str(_state(app)[0]),
        "new.key": "children",
        "new.type": "single_choice",
        "new.label.da": "Har du børn?",
        "new.label.en": "Do you have children?",
        "new.audience": ["mentee"],
        "new.visible_to": ["mentor"],
        "new.choices.0.key": "none",
        "new.choices.0.label.da": "Nej",
        "new.choices.0.label.en": "No",
        "new.choices.1.key": "some",
        "new.choices.1.label.da": "Ja",
        "new.choices.1.label.en": "Yes",
        "reason": "nyt spørgsmål",
    }
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def test_a_new_question_is_asked_on_the_next_application_of_that_network_only(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    morocco = _state(app, "morocco")
    response = _post(client, _new_question(app), action=f"{PAGE}/add")
    assert response.status_code == 303
    version, settings, count = _state(app)
    assert (version, count) == (before[0] + 1, before[2] + 1)
    added = settings["questionnaire"][-1]
    assert added["key"] == "children" and added["audience"] == ["mentee"]
    assert added["visible_to"] == ["staff", "mentor"]
    assert [c["key"] for c in added["choices"]] == ["none", "some"]
    with app.app_context(), tenant_session("denmark") as (session, _row):
        latest = session.scalars(
            sa.select(TenantSettingsVersion).where(TenantSettingsVersion.version == version)
        ).one()
        assert latest.reason == "nyt spørgsmål" and latest.changed_by == "admin@denmark.test"
    history = client.get("/denmark/admin/history").get_data(as_text=True)
    assert "questionnaire.children" in history and "nyt spørgsmål" in history

    anonymous = app.test_client()
    mentee_form = anonymous.get("/denmark/apply/mentee?lang=da").get_data(as_text=True)
    assert 'name="q_children"' in mentee_form and "Har du børn?" in mentee_form
    assert 'name="q_children"' not in anonymous.get("/denmark/apply/mentor").get_data(as_text=True)
    assert "q_children" not in anonymous.get("/morocco/apply/mentee").get_data(as_text=True)
    assert _state(app, "morocco") == morocco


def test_every_field_type_can_be_added(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    page = client.get(PAGE).get_data(as_text=True)
    for kind, field_type in FIELD_TYPES.items():
        assert f'<option value="{kind}"' in page
        with app.test_request_context("/denmark/?lang=da"):
            assert str(field_type.title) != ""
        choices = {} if field_type.has_choices else {"new.choices.0.key": None,
                   "new.choices.0.label.da": None, "new.choices.0.label.en": None,
                   "new.choices.1.key": None, "new.choices.1.label.da": None,
                   "new.choices.1.label.en": None}  # fmt: skip
        form = _new_question(app, **{"new.key": f"q_{kind}", "new.type": kind, **choices})
        assert _post(client, form, action=f"{PAGE}/add").status_code == 303, kind
    assert {f"q_{kind}" for kind in FIELD_TYPES} <= set(_questions(app))
    mentee_form = app.test_client().get("/denmark/apply/mentee").get_data(as_text=True)
    for kind in FIELD_TYPES:
        assert f"q_q_{kind}" in mentee_form, kind


def test_the_admin_renames_reorders_shares_and_edits_choices(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    form = _edit_form(
        app,
        **{
            "label.sectors.da": "Hvilke brancher?",
            "help.years_in_denmark.da": "",
            "help.years_in_denmark.en": "",
            "position.mentor_motivation": "0",
            "audience.years_in_denmark": ["mentee", "mentor"],
            "visible_to.meeting_format": ["mentor", "mentee", "cards"],
            "required.years_in_denmark": "1",
            "choice.sectors.it.da": "Informationsteknologi",
            "choice_position.sectors.trades": "0",
            "choice_retired.sectors.hospitality": "1",
            "new_choice.sectors.key": "green",
            "new_choice.sectors.label.da": "Grøn omstilling",
            "new_choice.sectors.label.en": "Green transition",
            "reason": "opdateret",
        },
    )
    assert _post(client, form).status_code == 303
    questions = _questions(app)
    assert next(iter(questions)) == "mentor_motivation"
    assert questions["sectors"]["label"]["da"] == "Hvilke brancher?"
    assert questions["years_in_denmark"]["help"] == {}
    assert questions["years_in_denmark"]["required"] is True
    assert questions["years_in_denmark"]["audience"] == ["mentee", "mentor"]
    assert questions["meeting_format"]["visible_to"] == ["staff", "mentor", "mentee", "cards"]
    choices = {c["key"]: c for c in questions["sectors"]["choices"]}
    assert next(iter(choices)) == "trades" and list(choices)[-1] == "green"
    assert choices["it"]["label"]["da"] == "Informationsteknologi"
    assert choices["hospitality"]["retired"] is True
    mentee_form = app.test_client().get("/denmark/apply/mentee?lang=da").get_data(as_text=True)
    assert "Grøn omstilling" in mentee_form and "Informationsteknologi" in mentee_form
    assert 'value="hospitality"' not in mentee_form  # a retired choice is no longer offered
    page = client.get(PAGE).get_data(as_text=True)
    assert "Hvilke brancher?" in page and "Grøn omstilling" in page


def test_a_retired_question_is_no_longer_asked_but_its_answers_still_show(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    _admin(client, make_user)
    profile = make_profile("denmark", "mentee", q_years_in_denmark="7")
    form = _edit_form(
        app, **{"retired.years_in_denmark": "1", "choice_retired.sectors.health": "1"}
    )
    assert _post(client, form).status_code == 303
    assert _questions(app)["years_in_denmark"]["retired"] is True
    mentee_form = app.test_client().get("/denmark/apply/mentee").get_data(as_text=True)
    assert "q_years_in_denmark" not in mentee_form
    make_user("denmark", email="coordinator@denmark.test", roles=(Role.COORDINATOR,))
    staff = app.test_client()
    login(staff, "denmark", "coordinator@denmark.test")
    page = staff.get(f"/denmark/staff/applicants/{profile.id}?lang=da").get_data(as_text=True)
    assert "Hvor mange år har du boet i Danmark?" in page and "7" in page
    assert "Sundhed og omsorg" in page  # her retired choice still reads by its label


def test_bad_input_is_refused_by_field_in_danish_and_saves_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    form = _edit_form(
        app,
        **{
            "label.sectors.da": "",
            "sensitive.mentor_motivation": "1",  # it is required: a private question cannot be
            "visible_to.meeting_format": ["everyone"],
            "choice.sectors.it.en": "IT\x07",
            "new_choice.meeting_format.key": "Bad Key",
            "new_choice.meeting_format.label.da": "Hybrid",
        },
    )
    response = _post(client, form)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="error-questionnaire-sectors-label-da-1"' in page
    assert 'aria-describedby="error-questionnaire-sectors-label-da-1"' in page
    assert 'id="error-questionnaire-mentor_motivation-required-1"' in page
    assert 'id="error-questionnaire-meeting_format-visible_to' in page
    assert 'id="error-questionnaire-sectors-choices-it-label-en-1"' in page
    assert 'id="error-questionnaire-meeting_format-new_choice-key-1"' in page
    assert "Teksten er tom." in page  # in the admin's language
    assert "<li>Hvilke brancher er relevante for dig? · label.da: Teksten er tom.</li>" in page
    assert "Et privat (følsomt) spørgsmål kan ikke være obligatorisk." in page
    assert "Nothing was saved" not in page
    assert _state(app) == before


def test_a_wrong_new_question_is_refused_by_field_and_saves_nothing(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    before = _state(app)
    wrong: list[tuple[dict[str, Any], str]] = [
        ({"new.key": "sectors"}, "new-key"),  # used twice
        ({"new.key": "email"}, "new-key"),  # every profile has it
        ({"new.key": "Har børn"}, "new-key"),  # not a key
        ({"new.type": "colour", "new.key": ""}, "new-type"),
        ({"new.type": "colour"}, "new-type"),
        ({"new.label.en": ""}, "new-label"),
        ({"new.type": "text"}, "new-choices"),  # a text question has no choices
        ({"new.choices.1.label.en": ""}, "new-choices-1-label"),
        ({"new.audience": None}, "new-audience"),
        ({"new.sensitive": "1", "new.required": "1"}, "new-required"),
    ]
    for changes, error in wrong:
        response = _post(client, _new_question(app, **changes), action=f"{PAGE}/add")
        assert response.status_code == 422, changes
        assert f'id="error-{error}' in response.get_data(as_text=True), changes
    no_choices = {f"new.choices.{i}.{part}": None for i in (0, 1)
                  for part in ("key", "label.da", "label.en")}  # fmt: skip
    response = _post(client, _new_question(app, **no_choices), action=f"{PAGE}/add")
    assert response.status_code == 422
    assert _state(app) == before


def test_an_answered_question_cannot_be_deleted_an_unanswered_one_can(
    app: Flask, client: FlaskClient, make_user: UserFactory, make_profile: ProfileFactory
) -> None:
    _admin(client, make_user)
    make_profile("denmark", "mentee")  # answers years_in_denmark
    page = client.get(PAGE).get_data(as_text=True)
    assert 'name="delete" value="years_in_denmark"' not in page
    assert 'name="delete" value="mentor_motivation"' in page
    before = _state(app)
    for key in ("years_in_denmark", "sectors"):  # answered; weighed by matching
        refused = _post(client, {**_edit_form(app), "delete": key}, action=f"{PAGE}/delete")
        page = refused.get_data(as_text=True)
        assert refused.status_code == 422
        assert f'id="error-questionnaire-{key}-1"' in page, key
        assert _state(app) == before
    assert "years_in_denmark" in page
    deleted = _post(
        client, {**_edit_form(app), "delete": "mentor_motivation"}, action=f"{PAGE}/delete"
    )
    assert deleted.status_code == 303
    assert "mentor_motivation" not in _questions(app)
    assert _state(app)[0] == before[0] + 1


def test_a_save_from_an_older_version_is_refused(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user)
    stale = _edit_form(app, **{"label.sectors.en": "Sectors?"})
    stale_new = _new_question(app)
    assert _post(client, _edit_form(app, **{"label.sectors.da": "Brancher?"})).status_code == 303
    saved = _state(app)
    response = _post(client, stale)
    assert response.status_code == 409
    assert "questionnaire" in response.get_data(as_text=True)
    assert _post(client, stale_new, action=f"{PAGE}/add").status_code == 409
    stale_delete = {**stale, "delete": "mentor_motivation"}
    assert _post(client, stale_delete, action=f"{PAGE}/delete").status_code == 409
    assert _state(app) == saved


def test_coordinators_and_translators_are_refused(app: Flask, make_user: UserFactory) -> None:
    before = _state(app)
    for role in (Role.COORDINATOR, Role.TRANSLATOR):
        client = app.test_client()
        make_user("denmark", email=f"{role.value}@denmark.test", roles=(role,))
        login(client, "denmark", f"{role.value}@denmark.test")
        assert client.get(PAGE).status_code == 403
        token = csrf_token(client, "/denmark/")  # the logout form of every page has one
        for action in (PAGE, f"{PAGE}/add", f"{PAGE}/delete"):
            data = {**_new_question(app), "delete": "mentor_motivation", "csrf_token": token}
            assert client.post(action, data=data).status_code == 403
    assert _state(app) == before


def test_another_networks_admin_is_refused(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    before = _state(app)
    assert client.get(PAGE).status_code == 302
    # With a valid Danish form token: still a stranger there, sent to the Danish login.
    token = csrf_token(client, "/denmark/apply/mentee")
    for action in (PAGE, f"{PAGE}/add", f"{PAGE}/delete"):
        data = {**_new_question(app), "delete": "mentor_motivation", "csrf_token": token}
        response = client.post(action, data=data)
        assert response.status_code == 302 and "/denmark/login" in response.location
    assert _state(app) == before


def test_the_arabic_page_is_right_to_left_and_translated(
    client: FlaskClient, make_user: UserFactory
) -> None:
    _admin(client, make_user, "morocco")
    response = client.get("/morocco/admin/questionnaire?lang=ar")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'dir="rtl"' in page and 'name="label.business_stage.ar"' in page
    assert "Add a question" not in page
