"""What the profile form shows: the core fields and the network's questionnaire, in order.

The schema (schemas.py) decides what is valid; this module only describes how each field is
presented and gathers the submitted values in the shape the schema reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from mentornet.core.i18n import lazy_gettext_terms as _lt
from mentornet.modules.profiles.classifications import isced_fields, isced_levels, occupation_units
from mentornet.modules.profiles.fields import Question, Reader, field_type
from mentornet.modules.profiles.fields.classified import group_choices
from mentornet.modules.profiles.fields.cldr import CEFR_LEVELS, country_choices, language_choices
from mentornet.modules.profiles.fields.widgets import WIDGETS, Widget
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import AVAILABILITY, MAX_CAPACITY, questions_for
from mentornet.modules.profiles.situations import SITUATION_LABELS, Situation
from mentornet.modules.tenants.config import TenantConfig

LANGUAGE_ROWS = 4
AVAILABILITY_LABELS = {
    "weekday_daytime": _l("Weekdays, daytime"),
    "weekday_evening": _l("Weekday evenings"),
    "weekend": _l("Weekends"),
}


@dataclass
class FieldSpec:
    """One field of the form: its widget (kind), its label, help and choices."""

    name: str
    kind: str
    label: Any
    required: bool = False
    help: Any = None
    choices: list[tuple[str, Any]] = field(default_factory=list)
    sensitive: bool = False
    autocomplete: str | None = None
    section: str = "about"

    @property
    def widget(self) -> Widget:
        """The control (profiles/fields/widgets.py): which macro draws it, how it is read."""
        return WIDGETS[self.kind]


def profile_fields(
    config: TenantConfig, role: ProfileRole, locale: str, *, account: str | None
) -> list[FieldSpec]:
    """Every field of the application or profile form, in display order."""
    reader = Reader.of(config, locale)
    mentor = role is ProfileRole.MENTOR
    return [
        *_account_fields(account),
        *_intake_fields(mentor, account),
        *_about_fields(locale),
        *_work_fields(mentor, locale),
        *_goal_fields(mentor, reader),
        *(_question_spec(question, reader) for question in questions_for(config, role)),
        *_private_fields(locale),
    ]


def _account_fields(account: str | None) -> list[FieldSpec]:
    """Name and e-mail when the form creates an account; a password when she chooses one."""
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
    return specs


def _intake_fields(mentor: bool, account: str | None) -> list[FieldSpec]:
    if mentor or account is None:
        return []
    # Asked once, when she applies (the intake outcome); later answers come from follow-ups.
    return [
        FieldSpec(
            "situation",
            "select",
            _l("What is your situation today?"),
            True,
            _l("Choose the one that fits best."),
            choices=[(s.value, SITUATION_LABELS[s.value]) for s in Situation],
            section="work",
        )
    ]


def _about_fields(locale: str) -> list[FieldSpec]:
    return [
        FieldSpec("birth_year", "number", _l("Year of birth"), True),
        FieldSpec("city", "text", _l("City or area where you live"), autocomplete="address-level2"),
        FieldSpec(
            "languages",
            "languages",
            _l("Languages you speak"),
            True,
            _l("Add each language with your level, from A1 (beginner) to C2 (fluent)."),
            choices=language_choices(locale),
        ),
    ]


def _work_fields(mentor: bool, locale: str) -> list[FieldSpec]:
    """Her profession (and, for a mentee, the one she aims for) and her education."""
    specs = [
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
    return [
        *specs,
        FieldSpec(
            "education_level",
            "select",
            _l("Highest completed education"),
            choices=group_choices(isced_levels(), locale),
            section="work",
        ),
        FieldSpec(
            "education_field",
            "select",
            _l("Field of education"),
            choices=group_choices(isced_fields(), locale, 3),
            section="work",
        ),
    ]


def _goal_fields(mentor: bool, reader: Reader) -> list[FieldSpec]:
    """The network's goals, when she can meet and, for a mentor, how many mentees at a time."""
    specs = [
        FieldSpec(
            "goals",
            "checkboxes",
            _l("Goals you can help with") if mentor else _l("What do you want to achieve?"),
            True,
            choices=reader.goal_choices(),
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
                _lt("How many %(mentees)s can you have at the same time?"),
                choices=[(str(n), str(n)) for n in range(1, MAX_CAPACITY + 1)],
                section="goals",
            )
        )
    return specs


def _private_fields(locale: str) -> list[FieldSpec]:
    """Special-category data: stored only with her consent."""
    return [
        FieldSpec(
            "country_of_origin",
            "select",
            _l("Country of origin"),
            choices=country_choices(locale),
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


def _question_spec(question: Question, reader: Reader) -> FieldSpec:
    """A questionnaire question as a form field: its type gives the widget and the choices."""
    kind = field_type(question["type"])
    return FieldSpec(
        f"q_{question['key']}",
        kind.widget.name,
        reader.text(question["label"]),
        bool(question["required"]),
        reader.text(question["help"]) if question["help"] else None,
        kind.choices(question, reader),
        sensitive=bool(question["sensitive"]),
        section="private" if question["sensitive"] else "questions",
    )


def consent_fields(locale: str, *, account: str | None) -> list[FieldSpec]:
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
        if (value := spec.widget.read(form, spec.name)) is not None:
            values[spec.name] = value
    return values


def form_values(profile: Any, specs: list[FieldSpec]) -> dict[str, Any]:
    """An existing profile as form values, for the edit form."""
    values: dict[str, Any] = {}
    for spec in specs:
        if spec.name.startswith("q_"):
            value = profile.answers.get(spec.name[2:])
        else:
            value = getattr(profile, spec.name, None)
        value = spec.widget.form_value(value)
        if value not in (None, "", []):
            values[spec.name] = value if isinstance(value, list) else str(value)
    return values


__all__ = ["CEFR_LEVELS", "LANGUAGE_ROWS"]
