"""One profile schema for every way a profile arrives: the HTML form, the JSON API, a CSV import.

The schema is built per network and role, because the network's questionnaire, goals and age
limits are part of what is valid. Field names are the same everywhere (a CSV column, a form field
and a JSON key are all called occupation_code); list fields accept a JSON array, repeated form
fields or a ";"-separated CSV cell.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from typing import Any

from babel import Locale
from marshmallow import ValidationError, fields, post_load, validate, validates_schema

from mentornet.core.schemas import (
    Boolean,
    Date,
    Email,
    Integer,
    MultiValue,
    Schema,
    String,
    between,
    lazy_message,
    one_of,
)
from mentornet.modules.mentorships.cycle_models import Situation
from mentornet.modules.profiles.classifications import fold, isced_fields, isced_levels, isco
from mentornet.modules.profiles.models import ProfileRole

_l = lazy_message

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")
AVAILABILITY = ("weekday_daytime", "weekday_evening", "weekend")
SENSITIVE_CORE_FIELDS = ("country_of_origin", "story")
MAX_CAPACITY = 5


@cache
def territory_codes() -> frozenset[str]:
    """ISO 3166 alpha-2 codes known to CLDR (not the numeric regions)."""
    codes = (str(code) for code in Locale("en").territories)
    return frozenset(code for code in codes if re.fullmatch(r"[A-Z]{2}", code))


@cache
def language_codes() -> frozenset[str]:
    """ISO 639-1 language codes known to CLDR."""
    codes = (str(code) for code in Locale("en").languages)
    return frozenset(code for code in codes if re.fullmatch(r"[a-z]{2}", code))


class Occupation(String):
    """An ISCO-08 unit group: its code, "code title", or its exact title in any language."""

    default_error_messages = {
        **String.default_error_messages,
        "unknown": _l("Choose an occupation from the list."),
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = str(super()._deserialize(value, attr, data, **kwargs)).strip()
        groups = isco()
        if match := re.match(r"^(\d{4})\b", text):
            if match.group(1) in groups:
                return match.group(1)
            raise self.make_error("unknown")
        wanted = fold(text)
        for code, group in groups.items():
            if len(code) == 4 and any(fold(label) == wanted for label in group.labels.values()):
                return code
        raise self.make_error("unknown")


class LanguageSkills(MultiValue):
    """Languages with a CEFR level: "ar:C2" strings (form, CSV) or {code, level} objects (JSON)."""

    default_error_messages = {
        **MultiValue.default_error_messages,
        "entry": _l("Give each language with a level, for example ar:C2."),
        "twice": _l("A language is listed twice."),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(fields.Raw(), **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        entries = super()._deserialize(value, attr, data, **kwargs)
        skills = [self._entry(entry) for entry in entries]
        if len({skill["code"] for skill in skills}) != len(skills):
            raise self.make_error("twice")
        return skills

    def _entry(self, entry: Any) -> dict[str, str]:
        if isinstance(entry, dict):
            code, level = str(entry.get("code", "")), str(entry.get("level", ""))
        else:
            code, _, level = str(entry).partition(":")
        code, level = code.strip().lower(), level.strip().upper()
        if code not in language_codes() or level not in CEFR_LEVELS:
            raise self.make_error("entry")
        return {"code": code, "level": level}


def _choice(values: frozenset[str] | tuple[str, ...] | list[str]) -> validate.OneOf:
    return one_of(sorted(values))


def question_field(question: dict[str, Any], goal_keys: list[str]) -> fields.Field[Any]:
    """The field for one questionnaire question, by its type."""
    required = bool(question["required"])
    kind = question["type"]
    choices = [choice["key"] for choice in question["choices"]]
    if kind == "text":
        return String(required=required, validate=validate.Length(max=500))
    if kind == "long_text":
        return String(required=required, validate=validate.Length(max=5000))
    if kind == "single_choice":
        return String(required=required, validate=_choice(choices))
    if kind == "multiple_choice":
        return MultiValue(String(validate=_choice(choices)), required=required)
    if kind == "number":
        return Integer(required=required, validate=between(0, 1_000_000))
    if kind == "date":
        return Date(required=required)
    if kind == "yes_no":
        return Boolean(required=required)
    if kind == "country":
        return String(required=required, validate=_choice(territory_codes()))
    if kind == "languages":
        return LanguageSkills(required=required)
    if kind == "occupation":
        return Occupation(required=required)
    if kind == "education":
        return String(required=required, validate=_choice(list(isced_fields())))
    if kind == "goals":
        return MultiValue(String(validate=_choice(goal_keys)), required=required)
    raise ValueError(f"unknown question type {kind}")


def questions_for(settings: dict[str, Any], role: ProfileRole) -> list[dict[str, Any]]:
    return [q for q in settings["questionnaire"] if role.value in q["audience"]]


def sensitive_keys(settings: dict[str, Any], role: ProfileRole) -> list[str]:
    """Core and questionnaire fields that are special-category data for this role."""
    own = [f"q_{q['key']}" for q in questions_for(settings, role) if q["sensitive"]]
    return [*SENSITIVE_CORE_FIELDS, *own]


def profile_schema(
    settings: dict[str, Any],
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
    goal_keys = [goal["key"] for goal in settings["goals"]]
    intake = settings["intake"]
    this_year = datetime.now(UTC).year
    min_age = intake["mentee_min_age"] if role is ProfileRole.MENTEE else intake["mentor_min_age"]
    max_age = intake["mentee_max_age"] if role is ProfileRole.MENTEE else 0
    oldest_year = this_year - (max_age or 100)
    questions = questions_for(settings, role)
    sensitive = sensitive_keys(settings, role)

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
        "country_of_origin": String(validate=_choice(territory_codes())),
        "story": String(validate=validate.Length(max=5000)),
        "languages": LanguageSkills(
            required=True, validate=validate.Length(min=1, error=_l("Add at least one language."))
        ),
        "city": String(validate=validate.Length(max=120)),
        "occupation_code": Occupation(required=role is ProfileRole.MENTOR),
        "occupation_text": String(validate=validate.Length(max=200)),
        "education_level": String(validate=_choice(list(isced_levels()))),
        "education_field": String(validate=_choice(list(isced_fields()))),
        "goals": MultiValue(
            String(validate=_choice(goal_keys)),
            required=True,
            validate=validate.Length(min=1, error=_l("Choose at least one goal.")),
        ),
        "availability": MultiValue(String(validate=_choice(AVAILABILITY)), load_default=list),
        "consent_sensitive": Boolean(load_default=False),
    }
    if role is ProfileRole.MENTEE:
        attrs["target_occupation_code"] = Occupation()
        attrs["shared_with_mentor"] = MultiValue(
            String(validate=_choice(sensitive)), load_default=list
        )
    else:
        attrs["capacity"] = Integer(load_default=1, validate=between(1, MAX_CAPACITY))
    for question in questions:
        attrs[f"q_{question['key']}"] = question_field(question, goal_keys)
    if account is not None:
        attrs["email"] = Email(required=True, validate=validate.Length(max=254))
        attrs["name"] = String(required=True, validate=validate.Length(min=1, max=200))
        attrs["consent_privacy"] = Boolean(required=True)
        attrs["locale"] = String(validate=_choice(settings["locales"]))
        if role is ProfileRole.MENTEE:
            # Her situation when she applies: the intake outcome the follow-ups compare with.
            attrs["situation"] = String(
                required=True, validate=_choice([s.value for s in Situation])
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


def _make_shape(questions: list[dict[str, Any]], sensitive: list[str]) -> Any:
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
