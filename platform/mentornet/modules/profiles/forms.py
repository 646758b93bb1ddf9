"""What the profile form shows: the core fields and the network's questionnaire, in order.

The schema (schemas.py) decides what is valid; this module only describes how each field is
presented and gathers the submitted values in the shape the schema reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel import Locale
from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from mentornet.modules.mentorships.cycle_models import Situation
from mentornet.modules.mentorships.labels import SITUATION_LABELS
from mentornet.modules.profiles.classifications import isced_fields, isced_levels, occupation_units
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import (
    AVAILABILITY,
    CEFR_LEVELS,
    MAX_CAPACITY,
    language_codes,
    questions_for,
    territory_codes,
)
from mentornet.modules.tenants.models import localized

LANGUAGE_ROWS = 4
AVAILABILITY_LABELS = {
    "weekday_daytime": _l("Weekdays, daytime"),
    "weekday_evening": _l("Weekday evenings"),
    "weekend": _l("Weekends"),
}
YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


@dataclass
class FieldSpec:
    """One field of the form: how to show it (kind), its label, help and choices."""

    name: str
    kind: str
    label: Any
    required: bool = False
    help: Any = None
    choices: list[tuple[str, Any]] = field(default_factory=list)
    sensitive: bool = False
    autocomplete: str | None = None
    section: str = "about"


def _country_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    return sorted(((code, names.get(code, code)) for code in territory_codes()), key=lambda c: c[1])


def _language_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).languages
    return sorted(((code, names.get(code, code)) for code in language_codes()), key=lambda c: c[1])


def _labels(
    groups: dict[str, Any], locale: str, length: int | None = None
) -> list[tuple[str, str]]:
    return [
        (code, f"{group.label(locale)}")
        for code, group in groups.items()
        if length is None or len(code) == length
    ]


def profile_fields(
    settings: dict[str, Any], role: ProfileRole, locale: str, *, account: str | None
) -> list[FieldSpec]:
    """Every field of the application or profile form, in display order."""
    fallback = settings["default_locale"]
    goal_choices = [(g["key"], localized(g["label"], locale, fallback)) for g in settings["goals"]]
    specs: list[FieldSpec] = []
    if account is not None:
        specs += [
            FieldSpec(
                "name", "text", _l("Your name"), True, autocomplete="name", section="account"
            ),
            FieldSpec(
                "email",
                "email",
                _l("E-mail address"),
                True,
                autocomplete="email",
                section="account",
            ),
        ]
    if account == "password":
        specs += [
            FieldSpec(
                "password",
                "password",
                _l("Choose a password"),
                True,
                _l("At least 10 characters."),
                autocomplete="new-password",
                section="account",
            ),
            FieldSpec(
                "password_confirm",
                "password",
                _l("Repeat the password"),
                True,
                autocomplete="new-password",
                section="account",
            ),
        ]
    mentor = role is ProfileRole.MENTOR
    if not mentor and account is not None:
        # Asked once, when she applies (the intake outcome); later answers come from follow-ups.
        specs.append(
            FieldSpec(
                "situation",
                "select",
                _l("What is your situation today?"),
                True,
                _l("Choose the one that fits best."),
                choices=[(s.value, SITUATION_LABELS[s.value]) for s in Situation],
                section="work",
            )
        )
    specs += [
        FieldSpec("birth_year", "number", _l("Year of birth"), True),
        FieldSpec("city", "text", _l("City or area where you live"), autocomplete="address-level2"),
        FieldSpec(
            "languages",
            "languages",
            _l("Languages you speak"),
            True,
            _l("Add each language with your level, from A1 (beginner) to C2 (fluent)."),
            choices=_language_choices(locale),
        ),
        FieldSpec(
            "occupation_code",
            "occupation",
            _l("Your profession") if mentor else _l("Your profession or last job"),
            mentor,
            _l("Start typing and choose from the list, or type the number of the occupation."),
            section="work",
        ),
        FieldSpec("occupation_text", "text", _l("Job title in your own words"), section="work"),
    ]
    if not mentor:
        specs.append(
            FieldSpec(
                "target_occupation_code",
                "occupation",
                _l("The profession you are aiming for"),
                help=_l("Leave empty if you are not sure yet."),
                section="work",
            )
        )
    specs += [
        FieldSpec(
            "education_level",
            "select",
            _l("Highest completed education"),
            choices=_labels(isced_levels(), locale),
            section="work",
        ),
        FieldSpec(
            "education_field",
            "select",
            _l("Field of education"),
            choices=_labels(isced_fields(), locale, 3),
            section="work",
        ),
        FieldSpec(
            "goals",
            "checkboxes",
            _l("Goals you can help with") if mentor else _l("What do you want to achieve?"),
            True,
            choices=goal_choices,
            section="goals",
        ),
        FieldSpec(
            "availability",
            "checkboxes",
            _l("When can you meet?"),
            choices=[(key, AVAILABILITY_LABELS[key]) for key in AVAILABILITY],
            section="goals",
        ),
    ]
    if mentor:
        specs.append(
            FieldSpec(
                "capacity",
                "select",
                _l("How many mentees can you have at the same time?"),
                choices=[(str(n), str(n)) for n in range(1, MAX_CAPACITY + 1)],
                section="goals",
            )
        )
    specs += [
        _question_spec(q, locale, fallback, goal_choices) for q in questions_for(settings, role)
    ]
    specs += [
        FieldSpec(
            "country_of_origin",
            "select",
            _l("Country of origin"),
            choices=_country_choices(locale),
            sensitive=True,
            section="private",
        ),
        FieldSpec(
            "story",
            "textarea",
            _l("Your story"),
            sensitive=True,
            section="private",
            help=_l(
                "Tell us about your background and what brings you here. Only staff read it unless you choose otherwise."
            ),
        ),
    ]
    return specs


def _question_spec(
    question: dict[str, Any], locale: str, fallback: str, goal_choices: list[tuple[str, str]]
) -> FieldSpec:
    kinds = {
        "text": "text", "long_text": "textarea", "single_choice": "radios",
        "multiple_choice": "checkboxes", "number": "number", "date": "date", "yes_no": "yes_no",
        "country": "select", "languages": "languages", "occupation": "occupation",
        "education": "select", "goals": "checkboxes",
    }  # fmt: skip
    choices: list[tuple[str, Any]] = [
        (c["key"], localized(c["label"], locale, fallback)) for c in question["choices"]
    ]
    if question["type"] == "country":
        choices = _country_choices(locale)
    elif question["type"] == "education":
        choices = _labels(isced_fields(), locale, 3)
    elif question["type"] == "goals":
        choices = goal_choices
    elif question["type"] == "yes_no":
        choices = list(YES_NO)
    elif question["type"] == "languages":
        choices = _language_choices(locale)
    return FieldSpec(
        f"q_{question['key']}",
        kinds[question["type"]],
        localized(question["label"], locale, fallback),
        bool(question["required"]),
        localized(question["help"], locale, fallback) if question["help"] else None,
        choices,
        sensitive=bool(question["sensitive"]),
        section="private" if question["sensitive"] else "questions",
    )


def consent_fields(
    settings: dict[str, Any], locale: str, *, account: str | None
) -> list[FieldSpec]:
    specs = [
        FieldSpec(
            "consent_sensitive",
            "checkbox",
            _l(
                "I agree that my country of origin, my story and the other private answers above are stored, for matching and follow-up by the network's staff."
            ),
            section="consent",
        )
    ]
    if account is not None:
        specs.insert(
            0,
            FieldSpec(
                "consent_privacy",
                "checkbox",
                _l("I have read the privacy notice and want to apply."),
                True,
                section="consent",
            ),
        )
    return specs


def occupation_options(locale: str) -> list[tuple[str, str]]:
    """The datalist for the occupation fields: "code title" in the reader's language."""
    return [(group.code, f"{group.code} {group.label(locale)}") for group in occupation_units()]


def read_form(specs: list[FieldSpec], form: MultiDict[str, str] | None = None) -> dict[str, Any]:
    """The submitted values in the shape the schema reads; empty fields are left out."""
    form = form if form is not None else request.form
    values: dict[str, Any] = {}
    for spec in specs:
        if spec.kind == "languages":
            codes = form.getlist(f"{spec.name}-code")
            levels = form.getlist(f"{spec.name}-level")
            entries = [f"{c}:{lv}" for c, lv in zip(codes, levels, strict=False) if c or lv]
            if entries:
                values[spec.name] = entries
        elif spec.kind == "checkboxes":
            chosen = form.getlist(spec.name)
            if chosen or spec.name in form:
                values[spec.name] = chosen
        elif spec.kind == "checkbox":
            values[spec.name] = spec.name in form
        elif (raw := form.get(spec.name, "").strip()) != "":
            values[spec.name] = raw
    return values


def form_values(profile: Any, specs: list[FieldSpec]) -> dict[str, Any]:
    """An existing profile as form values, for the edit form."""
    values: dict[str, Any] = {}
    for spec in specs:
        if spec.name.startswith("q_"):
            value = profile.answers.get(spec.name[2:])
        else:
            value = getattr(profile, spec.name, None)
        if spec.kind == "languages" and value:
            value = [f"{s['code']}:{s['level']}" for s in value]
        if spec.kind == "yes_no" and isinstance(value, bool):
            value = "yes" if value else "no"
        if value not in (None, "", []):
            values[spec.name] = value if isinstance(value, list) else str(value)
    return values


__all__ = ["CEFR_LEVELS", "LANGUAGE_ROWS"]
