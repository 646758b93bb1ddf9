"""The questionnaire builder: the questions of the application forms, of every field type.

Each question has a label, a help text and (choice types) choices per locale, who is asked, whether
an answer is required, who reads the answer, whether it is private (needs consent), its position,
and can be retired (no longer asked; the answers given stay and show). A question no application
answered can be deleted. Each save is one settings version; a new question is asked at once.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mentornet.core.errors import DomainError
from mentornet.core.i18n import current_locale, language_name, term
from mentornet.core.i18n import gettext_terms as _t
from mentornet.modules.admin.editing import (
    SettingsForm,
    answer_refusals,
    form_texts,
    in_form_order,
    keys_in_use,
    opened_form,
    rows_named_by_key,
    save_settings,
    submitted_form,
    with_added,
    without_key,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.models import localized
from mentornet.modules.tenants.schemas import AUDIENCES, question_types

# Blank choice rows the form for a new choice question offers (more are added on the main form).
NEW_CHOICE_ROWS = 6

Render = Callable[[SettingsForm, int], ResponseReturnValue]


def questionnaire() -> ResponseReturnValue:
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    questions, names = _edited_questions()
    save_settings(form, {"questionnaire": questions}, _named(questions, names))
    flash(_("The questions have been saved."), "success")
    return _back()


def add_question() -> ResponseReturnValue:
    form = submitted_form()
    new: dict[str, Any] = {
        "key": request.form.get("new.key", "").strip(),
        "type": request.form.get("new.type", ""),
        "choices": [],
    }
    names = {id(new): "new"}
    _read_settings(new, "new.{}".format, {})
    for row in range(NEW_CHOICE_ROWS):
        if (choice := _new_choice(f"new.choices.{row}")) is not None:
            new["choices"].append(choice)
            names[id(choice)] = f"new.choices.{row}"
    # A key used twice, a missing translation, choices for a text question: the schema refuses.
    questions = with_added("questionnaire", new)
    save_settings(form, {"questionnaire": questions}, _named(questions, names))
    flash(_("The question has been added. The application form asks it from now on."), "success")
    return _back()


def delete_question() -> ResponseReturnValue:
    form = submitted_form()
    key = request.form.get("delete", "")
    questions = without_key("questionnaire", key)
    if questions is None:
        flash(_("There is no such question."), "error")
        return _back()
    row = f"questionnaire.{key}"

    def in_row(form: SettingsForm, status: int) -> ResponseReturnValue:
        # A refusal of the whole list (answers use it) belongs next to the question deleted.
        form.errors = {row if path == "questionnaire" else path: found
                       for path, found in form.errors.items()}  # fmt: skip
        return _render(form, status)

    answer_refusals(form, in_row)
    if any(criterion.question == key for criterion in g.tenant.config.matching.questions):
        raise DomainError(
            _l("Matching weighs the answers to this question; it can be retired, not deleted."),
            field=row,
        )
    save_settings(form, {"questionnaire": questions}, in_row)
    flash(_("The question has been deleted."), "success")
    return _back()


def _back() -> ResponseReturnValue:
    return redirect(url_for("admin.questionnaire"), 303)


def _edited_questions() -> tuple[list[dict[str, Any]], dict[int, str]]:
    """The stored questions with the form's texts, settings, choices, retirements and order."""
    names: dict[int, str] = {}
    stored = copy.deepcopy(g.tenant.settings["questionnaire"])
    for question in stored:
        key = question["key"]
        _read_settings(question, f"{{}}.{key}".format, question)
        question["retired"] = f"retired.{key}" in request.form
        for choice in question["choices"]:
            name = f"choice.{key}.{choice['key']}"
            choice["label"] = form_texts(choice["label"], name, g.tenant.locales)
            choice["retired"] = f"choice_retired.{key}.{choice['key']}" in request.form
        question["choices"] = in_form_order(question["choices"], f"choice_position.{key}")
        if (added := _new_choice(f"new_choice.{key}")) is not None:
            question["choices"].append(added)
            names[id(added)] = f"questionnaire.{key}.new_choice"
    return in_form_order(stored, "position"), names


def _read_settings(
    question: dict[str, Any], field: Callable[[str], str], stored: Mapping[str, Any]
) -> None:
    """What a question's row sends, a new one's (`new.label.da`) or a stored one's (`label.job.da`)
    alike, `field` naming each part: texts per locale, who is asked, required, private, and who
    else reads the answer."""

    question["label"] = form_texts(stored.get("label", {}), field("label"), g.tenant.locales)
    question["help"] = form_texts(
        stored.get("help", {}), field("help"), g.tenant.locales, optional=True
    )
    question["audience"] = request.form.getlist(field("audience"))
    question["required"] = field("required") in request.form
    question["sensitive"] = field("sensitive") in request.form
    shared = request.form.getlist(field("visible_to"))
    # Staff read every answer; a value the page does not offer is left to the schema to refuse.
    question["visible_to"] = ["staff", *[viewer for viewer in shared if viewer != "staff"]]


def _new_choice(name: str) -> dict[str, Any] | None:
    """A choice typed in a blank row (`<name>.key`, `<name>.label.<locale>`); None if left blank."""
    key = request.form.get(f"{name}.key", "").strip()
    label = {loc: request.form.get(f"{name}.label.{loc}", "").strip() for loc in g.tenant.locales}
    if not key and not any(label.values()):
        return None
    return {"key": key, "label": label}


def _named(questions: list[dict[str, Any]], names: dict[int, str]) -> Render:
    return rows_named_by_key("questionnaire", questions, _render, names)


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    questions = g.tenant.settings["questionnaire"]
    types = question_types()
    page = render_template(
        "admin/questionnaire.html",
        form=form,
        questions=questions,
        answered=keys_in_use("question", {question["key"] for question in questions}),
        matched={criterion.question for criterion in g.tenant.config.matching.questions},
        types={key: kind.title for key, kind in types.items()},
        with_choices={key for key, kind in types.items() if kind.has_choices},
        audiences={"mentee": term("mentees"), "mentor": term("mentors")},
        audience_keys=AUDIENCES,
        viewers=_viewers(),
        new_choice_rows=range(NEW_CHOICE_ROWS),
        locales=g.tenant.locales,
        locale_names={loc: language_name(loc) for loc in g.tenant.locales},
        value=form.value,
        labels=_summary_labels(form, questions),
    )
    return page, status


def _summary_labels(form: SettingsForm, questions: list[dict[str, Any]]) -> dict[str, str]:
    """Each wrong field for the summary on top: the question it belongs to, then the field's path
    within it (`Hvilke brancher? · choices.it.label.da`)."""
    names = {question["key"]: localized(question["label"], current_locale(), g.tenant.default_locale)
             for question in questions}  # fmt: skip
    labels: dict[str, str] = {}
    for path in form.errors:
        head, _dot, rest = path.partition(".")
        if head == "new":
            labels[path] = f"{_('Add a question')} · {rest}" if rest else _("Add a question")
        elif head == "questionnaire" and (key := rest.partition(".")[0]) in names:
            within = rest.partition(".")[2]
            labels[path] = f"{names[key]} · {within}" if within else names[key]
    return labels


def _viewers() -> dict[str, str]:
    return {
        "mentor": _t("The %(mentor)s of the pair"),
        "mentee": _t("The %(mentee)s of the pair"),
        "cards": _("Members choosing a match, on the matching cards"),
    }


SECTION = Section(_l("Questionnaire"), "questionnaire", 30)
ROUTES = [
    Route("/questionnaire", "questionnaire", questionnaire, methods=("GET", "POST")),
    Route("/questionnaire/add", "add_question", add_question, methods=("POST",)),
    Route("/questionnaire/delete", "delete_question", delete_question, methods=("POST",)),
]
