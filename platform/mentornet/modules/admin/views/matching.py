"""The matching settings: mode, number of suggestions, veto window, weights and hard constraints.

One form, saved as one settings version (whole document validated, a stale form refused with 409).
Before saving, "Preview" shows for the longest-waiting mentees their best mentors under the stored
and under the typed settings, side by side; a preview saves nothing.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from mentornet.core.i18n import current_locale, term_forms
from mentornet.core.i18n import lazy_gettext_terms as _lt
from mentornet.extensions import db
from mentornet.modules.admin.editing import (
    SettingsForm,
    answer_refusals,
    opened_form,
    save_settings,
    submitted_form,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.matching import operations as matching
from mentornet.modules.profiles.operations import profile_names
from mentornet.modules.tenants.config import TenantConfig
from mentornet.modules.tenants.models import localized
from mentornet.modules.tenants.operations import validated_settings
from mentornet.modules.tenants.schemas import CEFR, CRITERIA, MATCHING_MODES, question_types

MODES = {  # the network's own words for mentors and mentees are filled in (term)
    "coordinator": _l("The %(coordinators)s propose the %(pairs)s"),
    "mentor_selects": _l("The %(mentors)s choose among the waiting %(mentees)s"),
    "mentee_requests": _l("The %(mentees)s ask a %(mentor)s to work with them"),
}
CRITERION_LABELS = {
    "occupation": lazy_pgettext("matching criterion", "Occupation"),
    "education": lazy_pgettext("matching criterion", "Education"),
    "goals": lazy_pgettext("matching criterion", "Goals"),
    "languages": lazy_pgettext("matching criterion", "Languages"),
    "distance": lazy_pgettext("matching criterion", "Distance"),
    "age_gap": lazy_pgettext("matching criterion", "Age gap"),
    "availability": lazy_pgettext("matching criterion", "Availability"),
}
NUMBERS = {
    "suggestions": _l("Number of suggestions shown"),
    "veto_window_days": _lt("Days a %(coordinator)s can stop a %(pair)s before it is sent"),
}
CONSTRAINT_NUMBERS = {
    "max_distance_km": _l("Largest distance (km, 0 = no limit)"),
    "max_age_gap": _l("Largest age gap (years, 0 = no limit)"),
}
PREFIX = "matching"


def matching_settings() -> ResponseReturnValue:
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    changes = {"matching": _edited(form)}
    if request.form.get("action") != "save":  # "preview", also the form's default button
        answer_refusals(form, _render)
        proposed = TenantConfig.from_document(validated_settings(g.tenant, changes)).matching
        previews = matching.preview_weights(db.session, g.tenant, proposed)
        return _render(form, 200, previews=previews)
    save_settings(form, changes, _render)
    flash(_("The matching settings have been saved."), "success")
    return redirect(url_for("admin.matching_settings"), 303)


def _edited(form: SettingsForm) -> dict[str, Any]:
    """The [matching] section from the form. Every choice question has a weight field; those at
    0 (or left empty) do not feed the score and are left out of [[matching.questions]]."""
    values = request.form
    section: dict[str, Any] = copy.deepcopy(g.tenant.settings[PREFIX])
    section["mode"] = values.get(f"{PREFIX}.mode", "")
    for name in NUMBERS:
        section[name] = values.get(f"{PREFIX}.{name}", "").strip()
    section["criteria"] = {
        name: {"weight": values.get(f"{PREFIX}.criteria.{name}.weight", "").strip()}
        for name in CRITERIA
    }
    section["questions"] = [
        {"question": key, "weight": weight} for key, weight in _typed_question_weights()
    ]
    constraints = section.setdefault("constraints", {})
    constraints["shared_language"] = f"{PREFIX}.constraints.shared_language" in values
    constraints["usable_language_level"] = values.get(
        f"{PREFIX}.constraints.usable_language_level", ""
    )
    for name in CONSTRAINT_NUMBERS:
        constraints[name] = values.get(f"{PREFIX}.constraints.{name}", "").strip()
    return section


def _matchable_questions() -> list[str]:
    """The keys of the questions matching may weigh: those weighed now (in their order), then
    every other choice question still asked."""
    weighed = [entry["question"] for entry in g.tenant.settings[PREFIX].get("questions", [])]
    types = question_types()
    others = [
        question["key"]
        for question in g.tenant.settings.get("questionnaire", [])
        if question["key"] not in weighed
        and not question.get("retired")
        and question.get("type") in types
        and types[question["type"]].matchable
    ]
    return weighed + others


def _typed_question_weights() -> list[tuple[str, str]]:
    """(key, typed weight) of the questions sent to the score: all but those typed as 0 or empty
    (a weight that is not a number goes on, so that the schema names it)."""
    typed = []
    for key in _matchable_questions():
        weight = request.form.get(_question_path(key), "").strip()
        try:
            if weight == "" or float(weight) == 0:
                continue
        except ValueError:
            pass
        typed.append((key, weight))
    return typed


def _question_path(key: str) -> str:
    return f"{PREFIX}.question_weights.{key}"


def _field_paths(form: SettingsForm) -> None:
    """A refusal names matching.questions[i]: move it to that question's own field."""
    order = [key for key, _weight in _typed_question_weights()]
    for path in list(form.errors):
        match = re.fullmatch(r"matching\.questions\[(\d+)\](?:\..*)?", path)
        if match and int(match.group(1)) < len(order):
            target = _question_path(order[int(match.group(1))])
            form.errors.setdefault(target, []).extend(form.errors.pop(path))


def _current_values() -> dict[str, Any]:
    stored = g.tenant.settings[PREFIX]
    values: dict[str, Any] = {f"{PREFIX}.mode": stored["mode"]}
    values.update({f"{PREFIX}.{name}": stored[name] for name in NUMBERS})
    values.update(
        {
            f"{PREFIX}.criteria.{name}.weight": _number(
                stored["criteria"].get(name, {}).get("weight", 0)
            )
            for name in CRITERIA
        }
    )
    weights = {entry["question"]: entry["weight"] for entry in stored.get("questions", [])}
    for key in _matchable_questions():
        values[_question_path(key)] = _number(weights.get(key, 0))
    constraints = stored["constraints"]
    values[f"{PREFIX}.constraints.shared_language"] = constraints["shared_language"]
    values[f"{PREFIX}.constraints.usable_language_level"] = constraints["usable_language_level"]
    values.update(
        {f"{PREFIX}.constraints.{name}": constraints[name] for name in CONSTRAINT_NUMBERS}
    )
    return values


def _number(weight: float) -> float | int:
    """A stored weight as typed: 20, not 20.0."""
    return int(weight) if float(weight).is_integer() else weight


def _question_labels(locale: str) -> dict[str, str]:
    """The label of each question matching may weigh, by its weight field's path."""
    asked = {q["key"]: q for q in g.tenant.settings.get("questionnaire", [])}
    labels = {}
    for key in _matchable_questions():
        texts = asked.get(key, {}).get("label") or {}
        labels[_question_path(key)] = localized(texts, locale, g.tenant.default_locale) or key
    return labels


def _labels(question_labels: dict[str, str]) -> dict[str, Any]:
    labels: dict[str, Any] = {
        f"{PREFIX}.mode": _("How pairs are made"),
        "reason": _("Why (optional)"),
    }
    labels.update({f"{PREFIX}.{name}": label for name, label in NUMBERS.items()})
    labels.update({f"{PREFIX}.criteria.{name}.weight": CRITERION_LABELS[name] for name in CRITERIA})
    labels.update(question_labels)
    labels[f"{PREFIX}.constraints.shared_language"] = _("A pair must share a language")
    labels[f"{PREFIX}.constraints.usable_language_level"] = _(
        "Lowest level at which a language counts as shared"
    )
    labels.update(
        {f"{PREFIX}.constraints.{name}": label for name, label in CONSTRAINT_NUMBERS.items()}
    )
    return labels


def _mode_label(mode: str) -> str:
    return str(MODES[mode]) % term_forms()


def _render(
    form: SettingsForm, status: int, previews: list[matching.WeightsPreview] | None = None
) -> ResponseReturnValue:
    values = _current_values()
    _field_paths(form)
    if form.values:
        values = {path: form.values.get(path, "") for path in values}
        shared = f"{PREFIX}.constraints.shared_language"
        values[shared] = shared in form.values
    question_labels = _question_labels(current_locale())
    ids: set[int] = set()
    for preview in previews or []:
        ids.add(preview.mentee.id)
        ids.update(m.profile_id for m in preview.current + preview.proposed)
    page = render_template(
        "admin/matching.html",
        form=form,
        values=values,
        labels=_labels(question_labels),
        modes={mode: _mode_label(mode) for mode in MATCHING_MODES},
        criteria=CRITERIA,
        numbers=NUMBERS,
        constraint_numbers=CONSTRAINT_NUMBERS,
        question_labels=question_labels,
        levels=CEFR,
        previews=previews,
        names=profile_names(db.session, ids) if ids else {},
        preview_size=(matching.PREVIEW_MENTEES, matching.PREVIEW_SUGGESTIONS),
    )
    return page, status


SECTION = Section(_l("Matching"), "matching_settings", 30)
ROUTES = [Route("/matching", "matching_settings", matching_settings, methods=("GET", "POST"))]
