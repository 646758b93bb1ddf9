"""The goals catalogue: add, rename per locale, reorder, say what a goal counts as, retire, and
delete a goal that no record uses. Each save is one settings version."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from mentornet.core.i18n import language_name
from mentornet.extensions import db
from mentornet.modules.admin.editing import (
    SettingsForm,
    opened_form,
    save_settings,
    submitted_form,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.signals import settings_keys_in_use

OUTCOMES = {
    "none": lazy_pgettext("goal outcome", "Nothing in particular"),
    "job": lazy_pgettext("goal outcome", "A job"),
    "education": lazy_pgettext("goal outcome", "An education"),
    "business": lazy_pgettext("goal outcome", "A business of her own"),
    "network": lazy_pgettext("goal outcome", "A network"),
}
_ROW = re.compile(r"^goals\[(\d+)\]")


def goals_catalogue() -> ResponseReturnValue:
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    goals = _edited_goals()
    save_settings(form, {"goals": goals}, _rows_named_by_key(goals, _render))
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
    goals = [*copy.deepcopy(g.tenant.settings["goals"]), new]
    # A key used twice is refused by the schema, like every other mistake.
    save_settings(form, {"goals": goals}, _rows_named_by_key(goals, _render, new_key=key))
    flash(_("The goal has been added."), "success")
    return _back()


def delete_goal() -> ResponseReturnValue:
    form = submitted_form()
    key = request.form.get("delete", "")
    goals = [goal for goal in g.tenant.settings["goals"] if goal["key"] != key]
    if len(goals) == len(g.tenant.settings["goals"]):
        flash(_("There is no such goal."), "error")
        return _back()
    save_settings(form, {"goals": copy.deepcopy(goals)}, _render)
    flash(_("The goal has been deleted."), "success")
    return _back()


def _back() -> ResponseReturnValue:
    return redirect(url_for("admin.goals_catalogue"), 303)


def _edited_goals() -> list[dict[str, Any]]:
    """The stored goals with the form's names, outcomes, retirements and order."""
    values = request.form
    stored = copy.deepcopy(g.tenant.settings["goals"])
    for goal in stored:
        key = goal["key"]
        for loc in list(goal["label"]) + [x for x in g.tenant.locales if x not in goal["label"]]:
            if f"label.{key}.{loc}" in values:
                goal["label"][loc] = values[f"label.{key}.{loc}"].strip()
        if f"outcome.{key}" in values:
            goal["outcome"] = values[f"outcome.{key}"]
        goal["retired"] = f"retired.{key}" in values

    def position(item: tuple[int, dict[str, Any]]) -> tuple[int, int]:
        index, goal = item
        raw = values.get(f"position.{goal['key']}", "").strip()
        return (int(raw) if raw.isascii() and raw.lstrip("-").isdigit() else index + 1, index)

    return [goal for _index, goal in sorted(enumerate(stored), key=position)]


def _rows_named_by_key(
    goals: list[dict[str, Any]],
    render: Callable[[SettingsForm, int], ResponseReturnValue],
    new_key: str | None = None,
) -> Callable[[SettingsForm, int], ResponseReturnValue]:
    """Show the schema's `goals[3].label.da` by the goal's row (`goals.job.label.da`)."""

    def respond(form: SettingsForm, status: int) -> ResponseReturnValue:
        renamed: dict[str, list[str]] = {}
        for path, messages in form.errors.items():
            match = _ROW.match(path)
            if match and int(match.group(1)) < len(goals):
                key = goals[int(match.group(1))]["key"]
                row = "new" if key == new_key else f"goals.{key}"
                path = row + path[match.end() :]
            renamed.setdefault(path, []).extend(messages)
        form.errors = renamed
        return render(form, status)

    return respond


def _in_use(keys: set[str]) -> dict[str, int]:
    used: dict[str, int] = {}
    for _receiver, counts in settings_keys_in_use.send(db.session, kind="goal", keys=keys):
        for key, count in (counts or {}).items():
            used[key] = used.get(key, 0) + count
    return used


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    goals = g.tenant.settings["goals"]
    page = render_template(
        "admin/goals.html",
        form=form,
        goals=goals,
        in_use=_in_use({goal["key"] for goal in goals}),
        outcomes=OUTCOMES,
        locales=g.tenant.locales,
        locale_names={loc: language_name(loc) for loc in g.tenant.locales},
        value=lambda name, default: form.values.get(name, default) if form.values else default,
    )
    return page, status


SECTION = Section(_l("Goals"), "goals_catalogue", 20)
ROUTES = [
    Route("/goals", "goals_catalogue", goals_catalogue, methods=("GET", "POST")),
    Route("/goals/add", "add_goal", add_goal, methods=("POST",)),
    Route("/goals/delete", "delete_goal", delete_goal, methods=("POST",)),
]
