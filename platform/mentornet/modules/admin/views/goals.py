"""The goals catalogue: add, rename per locale, reorder, say what a goal counts as, retire, and
delete a goal that no record uses. Each save is one settings version."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from mentornet.core.i18n import language_name
from mentornet.modules.admin.editing import (
    SettingsForm,
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

OUTCOMES = {
    "none": lazy_pgettext("goal outcome", "Nothing in particular"),
    "job": lazy_pgettext("goal outcome", "A job"),
    "education": lazy_pgettext("goal outcome", "An education"),
    "business": lazy_pgettext("goal outcome", "A business of her own"),
    "network": lazy_pgettext("goal outcome", "A network"),
}


def goals_catalogue() -> ResponseReturnValue:
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    goals = _edited_goals()
    save_settings(form, {"goals": goals}, _named(goals))
    flash(_("The goals have been saved."), "success")
    return _back()


def add_goal() -> ResponseReturnValue:
    form = submitted_form()
    key = request.form.get("new.key", "").strip()
    new = {
        "key": key,
        "label": {
            loc: request.form.get(f"new.label.{loc}", "").strip() for loc in g.tenant.locales
        },
        "outcome": request.form.get("new.outcome", "none"),
    }
    goals = with_added("goals", new)
    save_settings(form, {"goals": goals}, _named(goals, new))
    flash(_("The goal has been added."), "success")
    return _back()


def delete_goal() -> ResponseReturnValue:
    form = submitted_form()
    goals = without_key("goals", request.form.get("delete", ""))
    if goals is None:
        flash(_("There is no such goal."), "error")
        return _back()
    save_settings(form, {"goals": goals}, _render)
    flash(_("The goal has been deleted."), "success")
    return _back()


def _back() -> ResponseReturnValue:
    return redirect(url_for("admin.goals_catalogue"), 303)


def _edited_goals() -> list[dict[str, Any]]:
    """The stored goals with the form's names, outcomes, retirements and order."""
    stored = copy.deepcopy(g.tenant.settings["goals"])
    for goal in stored:
        key = goal["key"]
        goal["label"] = form_texts(goal["label"], f"label.{key}", g.tenant.locales)
        if f"outcome.{key}" in request.form:
            goal["outcome"] = request.form[f"outcome.{key}"]
        goal["retired"] = f"retired.{key}" in request.form
    return in_form_order(stored, "position")


def _named(
    goals: list[dict[str, Any]], new: dict[str, Any] | None = None
) -> Callable[[SettingsForm, int], ResponseReturnValue]:
    return rows_named_by_key("goals", goals, _render, {id(new): "new"} if new else {})


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    goals = g.tenant.settings["goals"]
    page = render_template(
        "admin/goals.html",
        form=form,
        goals=goals,
        in_use=keys_in_use("goal", {goal["key"] for goal in goals}),
        outcomes=OUTCOMES,
        locales=g.tenant.locales,
        locale_names={loc: language_name(loc) for loc in g.tenant.locales},
        value=form.value,
    )
    return page, status


SECTION = Section(_l("Goals"), "goals_catalogue", 20)
ROUTES = [
    Route("/goals", "goals_catalogue", goals_catalogue, methods=("GET", "POST")),
    Route("/goals/add", "add_goal", add_goal, methods=("POST",)),
    Route("/goals/delete", "delete_goal", delete_goal, methods=("POST",)),
]
