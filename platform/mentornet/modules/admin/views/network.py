"""The network page: names and texts per locale, locales, time zone, cycle, features, retention,
branding. One form, saved as one settings version."""

from __future__ import annotations

import copy
import zoneinfo
from typing import Any

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mentornet.core.i18n import core_locales, language_name
from mentornet.core.i18n import lazy_gettext_terms as _lt
from mentornet.modules.admin.editing import (
    SettingsForm,
    opened_form,
    save_settings,
    submitted_form,
)
from mentornet.modules.admin.views import Route, Section

TEXTS = {
    "name": _l("Name of the network"),
    "tagline": _l("Tagline"),
    "about": _l("About the network"),
}
NUMBERS = {
    "cycle": {
        "expected_months": _lt("Expected length of a %(mentorship)s (months)"),
        "check_in_interval_days": _l("Days between check-ins"),
        "stalled_after_days": _l("A pair counts as stalled after this many days without news"),
        "proposal_expiry_days": _l("A proposal expires after this many days"),
    },
    "retention": {
        "rejected_applicant_months": _l("Keep rejected applicants for (months)"),
        "inactive_member_months": _l("Keep inactive members for (months)"),
        "closed_mentorship_years": _lt("Keep closed %(mentorships)s for (years)"),
    },
}
FEATURES = {
    "workshops": _l("Workshops"),
    "social_events": _l("Social events"),
    "check_ins": _l("Check-ins"),
}
COLOURS = {
    "primary_color": _l("Main colour (white text is written on it)"),
    "accent_color": _l("Accent colour"),
}


def network_settings() -> ResponseReturnValue:
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    save_settings(form, _changes(form), _render)
    flash(_("The network's settings have been saved."), "success")
    return redirect(url_for("admin.network_settings"))


def _changes(form: SettingsForm) -> dict[str, Any]:
    """The sections this page edits, from the form; everything else stays as stored."""
    values = request.form
    settings = g.tenant.settings
    locales = values.getlist("locales")
    changes: dict[str, Any] = {
        "locales": locales,
        "default_locale": values.get("default_locale", ""),
        "timezone": values.get("timezone", ""),
    }
    for key in TEXTS:
        texts = {loc: values.get(f"{key}.{loc}", "").strip() for loc in _shown_locales(form)}
        texts = {loc: text for loc, text in texts.items() if loc in locales}
        changes[key] = texts if key == "name" or any(texts.values()) else {}
    for section, names in NUMBERS.items():
        changes[section] = {**copy.deepcopy(settings[section])}
        for name in names:
            changes[section][name] = values.get(f"{section}.{name}", "").strip()
    changes["features"] = {name: f"features.{name}" in values for name in FEATURES}
    changes["branding"] = {
        **settings["branding"],
        **{name: values.get(f"branding.{name}", "").strip() for name in COLOURS},
    }
    return changes


def _shown_locales(form: SettingsForm) -> list[str]:
    """The network's locales, and any ticked on the form (their texts are asked for at once)."""
    ticked = form.values.getlist("locales") if hasattr(form.values, "getlist") else []
    wanted = set(g.tenant.locales) | set(ticked)
    return [loc for loc in core_locales() if loc in wanted]


def _current_values() -> dict[str, Any]:
    settings = g.tenant.settings
    current: dict[str, Any] = {
        "locales": list(settings["locales"]),
        "default_locale": settings["default_locale"],
        "timezone": settings["timezone"],
    }
    for key in TEXTS:
        current.update({f"{key}.{loc}": text for loc, text in settings.get(key, {}).items()})
    for section, names in NUMBERS.items():
        current.update({f"{section}.{name}": settings[section][name] for name in names})
    current.update({f"features.{name}": settings["features"][name] for name in FEATURES})
    current.update({f"branding.{name}": settings["branding"][name] for name in COLOURS})
    return current


def _labels() -> dict[str, Any]:
    labels: dict[str, Any] = {
        "locales": _("Languages of the network"),
        "default_locale": _("Default language"),
        "timezone": _("Time zone"),
        "reason": _("Why (optional)"),
    }
    for key, label in TEXTS.items():
        labels[key] = label
        for loc in core_locales():
            labels[f"{key}.{loc}"] = f"{label} ({language_name(loc)})"
    for section, names in NUMBERS.items():
        labels.update({f"{section}.{name}": label for name, label in names.items()})
    labels.update({f"features.{name}": label for name, label in FEATURES.items()})
    labels.update({f"branding.{name}": label for name, label in COLOURS.items()})
    return labels


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    submitted = bool(form.values)
    values = dict(_current_values())
    if submitted:
        values = {path: form.values.get(path, "") for path in values}
        values["locales"] = form.values.getlist("locales")  # type: ignore[attr-defined]
        values.update({f"features.{n}": f"features.{n}" in form.values for n in FEATURES})
        values.update({k: v for k, v in form.values.items() if "." in k})
    page = render_template(
        "admin/network.html",
        form=form,
        values=values,
        labels=_labels(),
        shown_locales=_shown_locales(form),
        all_locales=core_locales(),
        timezones=sorted(zoneinfo.available_timezones()),
        texts=TEXTS,
        numbers=NUMBERS,
        features=FEATURES,
        colours=COLOURS,
    )
    return page, status


SECTION = Section(_l("Network"), "network_settings", 10)
ROUTES = [Route("/network", "network_settings", network_settings, methods=("GET", "POST"))]
