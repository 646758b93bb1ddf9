"""One profile schema for every way a profile arrives: the HTML form, the JSON API, a CSV import.

The schema is built per network and role, because the network's questionnaire, goals and age
limits are part of what is valid. Field names are the same everywhere (a CSV column, a form field
and a JSON key are all called occupation_code); list fields accept a JSON array, repeated form
fields or a ";"-separated CSV cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from marshmallow import ValidationError, post_load, validate, validates_schema

from mentornet.core.schemas import (
    Boolean,
    Email,
    Integer,
    MultiValue,
    Schema,
    String,
    between,
    lazy_message,
)
from mentornet.modules.profiles.classifications import isced_fields, isced_levels
from mentornet.modules.profiles.fields import field_type
from mentornet.modules.profiles.fields.base import choice_of
from mentornet.modules.profiles.fields.classified import Occupation
from mentornet.modules.profiles.fields.cldr import (
    CEFR_LEVELS,
    LanguageSkills,
    language_codes,
    territory_codes,
)
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.tenants.config import TenantConfig

_l = lazy_message

AVAILABILITY = ("weekday_daytime", "weekday_evening", "weekend")
SENSITIVE_CORE_FIELDS = ("country_of_origin", "story")
MAX_CAPACITY = 5


def questions_for(config: TenantConfig, role: ProfileRole) -> list[Mapping[str, Any]]:
    return [q for q in config.asked_questions if role.value in q["audience"]]


def sensitive_keys(config: TenantConfig, role: ProfileRole) -> list[str]:
    """Core and questionnaire fields that are special-category data for this role."""
    own = [f"q_{q['key']}" for q in questions_for(config, role) if q["sensitive"]]
    return [*SENSITIVE_CORE_FIELDS, *own]


def profile_schema(
    config: TenantConfig,
    role: ProfileRole,
    *,
    account: str | None = None,
    partial: bool = False,
) -> Schema:
    """The schema for a profile of this network and role.

    account: None (editing an existing profile), "password" (the public application form, which
    creates a login) or "import" (CSV and API: the account gets a password-reset link instead).
    A mentee's application also gives her situation today (the intake outcome).
    """
    goal_keys = [goal.key for goal in config.offered_goals]
    intake = config.intake
    this_year = datetime.now(UTC).year
    min_age = intake.mentee_min_age if role is ProfileRole.MENTEE else intake.mentor_min_age
    max_age = intake.mentee_max_age if role is ProfileRole.MENTEE else 0
    oldest_year = this_year - (max_age or 100)
    questions = questions_for(config, role)
    sensitive = sensitive_keys(config, role)

    attrs: dict[str, Any] = {
        "birth_year": Integer(
            required=True,
            validate=validate.Range(
                min=oldest_year,
                max=this_year - min_age,
                error=_l("This network is for people aged {low} to {high}.").format(
                    low=min_age, high=max_age
                ),
            )
            if max_age
            else [
                validate.Range(
                    max=this_year - min_age,
                    error=_l("You must be at least {low} years old.").format(low=min_age),
                ),
                validate.Range(
                    min=oldest_year,
                    error=_l("Enter a year of birth from {year} on.").format(year=oldest_year),
                ),
            ],
        ),
        "country_of_origin": String(validate=choice_of(territory_codes())),
        "story": String(validate=validate.Length(max=5000)),
        "languages": LanguageSkills(
            required=True, validate=validate.Length(min=1, error=_l("Add at least one language."))
        ),
        "city": String(validate=validate.Length(max=120)),
        "occupation_code": Occupation(required=role is ProfileRole.MENTOR),
        "occupation_text": String(validate=validate.Length(max=200)),
        "education_level": String(validate=choice_of(list(isced_levels()))),
        "education_field": String(validate=choice_of(list(isced_fields()))),
        "goals": MultiValue(
            String(validate=choice_of(goal_keys)),
            required=True,
            validate=validate.Length(min=1, error=_l("Choose at least one goal.")),
        ),
        "availability": MultiValue(String(validate=choice_of(AVAILABILITY)), load_default=list),
        "consent_sensitive": Boolean(load_default=False),
    }
    if role is ProfileRole.MENTEE:
        attrs["target_occupation_code"] = Occupation()
        attrs["shared_with_mentor"] = MultiValue(
            String(validate=choice_of(sensitive)), load_default=list
        )
    else:
        attrs["capacity"] = Integer(load_default=1, validate=between(1, MAX_CAPACITY))
    for question in questions:
        attrs[f"q_{question['key']}"] = field_type(question["type"]).answer_field(
            question, goal_keys
        )
    if account is not None:
        attrs["email"] = Email(required=True, validate=validate.Length(max=254))
        attrs["name"] = String(required=True, validate=validate.Length(min=1, max=200))
        attrs["consent_privacy"] = Boolean(required=True)
        attrs["locale"] = String(validate=choice_of(config.locales))
        if role is ProfileRole.MENTEE:
            # Her situation when she applies: the intake outcome the follow-ups compare with.
            attrs["situation"] = String(
                required=True, validate=choice_of([s.value for s in Situation])
            )
    if account == "password":
        attrs["password"] = String(
            required=True,
            validate=validate.Length(min=10, max=200, error=_l("Use at least {min} characters.")),
        )
        attrs["password_confirm"] = String(required=True)

    attrs["_check"] = validates_schema(skip_on_field_errors=False)(_make_check(sensitive, account))
    attrs["_shape"] = post_load(_make_shape(questions, sensitive))
    schema_class = type(f"{role.value.title()}ProfileSchema", (Schema,), attrs)
    return schema_class(partial=partial)  # type: ignore[no-any-return]


def _make_check(sensitive: list[str], account: str | None) -> Any:
    def check(self: Schema, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, list[Any]] = {}
        if account is not None and "consent_privacy" in data and not data["consent_privacy"]:
            errors["consent_privacy"] = [_l("Please accept the privacy notice to apply.")]
        given = [key for key in sensitive if data.get(key) not in (None, "", [])]
        if given and not data.get("consent_sensitive"):
            errors["consent_sensitive"] = [
                _l(
                    "We can only store this personal information with your consent. Tick the box, or leave those fields empty."
                )
            ]
        if account == "password" and data.get("password") != data.get("password_confirm"):
            errors["password_confirm"] = [_l("The two passwords are not the same.")]
        if errors:
            raise ValidationError(errors)

    return check


def _make_shape(questions: list[Mapping[str, Any]], sensitive: list[str]) -> Any:
    def shape(self: Schema, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """Split flat input into account, profile, answers (by stable key) and consents."""
        answers = {
            q["key"]: _plain(data.pop(f"q_{q['key']}"))
            for q in questions
            if f"q_{q['key']}" in data
        }
        account = {
            key: data.pop(key) for key in ("email", "name", "password", "locale") if key in data
        }
        data.pop("password_confirm", None)
        consents = {
            "privacy": data.pop("consent_privacy", None),
            "sensitive": data.pop("consent_sensitive", False),
        }
        situation = data.pop("situation", None)
        return {
            "account": account,
            "situation": situation,
            "profile": data,
            "answers": answers,
            "consents": consents,
            "sensitive": sensitive,
        }

    return shape


def _plain(value: Any) -> Any:
    """Answers are stored as JSON: dates as ISO strings."""
    return value.isoformat() if hasattr(value, "isoformat") else value


# The answer fields live with their question types (profiles/fields); the profile's own fields
# use them too, and other modules import them from here.
__all__ = [
    "AVAILABILITY",
    "CEFR_LEVELS",
    "MAX_CAPACITY",
    "SENSITIVE_CORE_FIELDS",
    "LanguageSkills",
    "Occupation",
    "language_codes",
    "profile_schema",
    "questions_for",
    "sensitive_keys",
    "territory_codes",
]
