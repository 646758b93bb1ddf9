"""The network's own words: what it calls a mentee, a mentor, a mentorship, a coordinator and
itself, per locale. Saved like every settings page (one version, validated by the pack schema)."""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mentornet.core.i18n import core_term, language_name
from mentornet.modules.admin.editing import (
    SettingsForm,
    opened_form,
    save_settings,
    submitted_form,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.schemas import TERMS

# Each term, as the page asks for it; the keys are TERMS of the pack schema, in that order.
TERM_LABELS = {
    "mentee": _l("A mentee (one)"),
    "mentees": _l("Mentees (several)"),
    "the_mentee": _l("The mentee (with the article)"),
    "the_mentees": _l("The mentees (with the article)"),
    "mentor": _l("A mentor (one)"),
    "mentors": _l("Mentors (several)"),
    "the_mentor": _l("The mentor (with the article)"),
    "the_mentors": _l("The mentors (with the article)"),
    "mentorship": _l("A mentorship"),
    "mentorships": _l("Mentorships (several)"),
    "the_mentorship": _l("The mentorship (with the article)"),
    "pair": _l("A pair (a mentee with a mentor)"),
    "pairs": _l("Pairs (several)"),
    "the_pair": _l("The pair (with the article)"),
    "coordinator": _l("A coordinator"),
    "coordinators": _l("Coordinators (several)"),
    "the_coordinator": _l("The coordinator (with the article)"),
    "the_coordinators": _l("The coordinators (with the article)"),
    "network": _l("The network"),
}


def terminology() -> ResponseReturnValue:
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    save_settings(form, {"terminology": _edited_terms()}, _render)
    flash(_("The network's words have been saved."), "success")
    return redirect(url_for("admin.terminology"), 303)


def _edited_terms() -> dict[str, dict[str, str]]:
    """The form's words. A term left empty in every language uses the standard word; a term
    filled in for some languages only keeps its empty ones, which the schema refuses by field."""
    edited: dict[str, dict[str, str]] = {}
    for key in TERM_LABELS:
        words = {
            loc: request.form.get(f"terminology.{key}.{loc}", "").strip()
            for loc in g.tenant.locales
        }
        if any(words.values()):
            edited[key] = words
    return edited


def _current_values() -> dict[str, str]:
    own = g.tenant.settings.get("terminology", {})
    return {
        f"terminology.{key}.{loc}": own.get(key, {}).get(loc, "")
        for key in TERMS
        for loc in g.tenant.locales
    }


def _standard_words() -> dict[str, dict[str, str]]:
    """The core word of each term in each of the network's languages (shown as the default)."""
    words: dict[str, dict[str, str]] = {key: {} for key in TERMS}
    for loc in g.tenant.locales:
        with force_locale(loc):
            for key in TERMS:
                words[key][loc] = core_term(key)
    return words


def _labels() -> dict[str, Any]:
    labels: dict[str, Any] = {"reason": _("Why (optional)")}
    for key, label in TERM_LABELS.items():
        labels[f"terminology.{key}"] = label
        for loc in g.tenant.locales:
            labels[f"terminology.{key}.{loc}"] = f"{label} ({language_name(loc)})"
    return labels


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    values = _current_values()
    if form.values:
        values = {path: form.values.get(path, "") for path in values}
    page = render_template(
        "admin/terminology.html",
        form=form,
        values=values,
        labels=_labels(),
        terms=TERM_LABELS,
        locales=g.tenant.locales,
        standard=_standard_words(),
    )
    return page, status


SECTION = Section(_l("Terminology"), "terminology", 15)
ROUTES = [Route("/terminology", "terminology", terminology, methods=("GET", "POST"))]
