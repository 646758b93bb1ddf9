"""The tenant method pack: what tenants/<slug>/tenant.toml may hold (docs/tenancy.md).

One schema validates a pack read from disk, a pack uploaded by an operator and settings edited in the
admin console. Unknown keys are refused everywhere. Every default is explicit, so an exported pack
re-imports to exactly the same settings.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Mapping
from functools import cache
from typing import Any, Protocol, cast

from babel import Locale
from flask_babel import format_decimal
from marshmallow import ValidationError, fields, validate, validates_schema

from mentornet import modules
from mentornet.core.i18n import TERM_KEYS, CoreLocale, RegionalLocale, known_locale
from mentornet.core.schemas import (
    REQUIRED,
    Boolean,
    Dict,
    Float,
    Integer,
    List,
    Nested,
    Schema,
    String,
    at_least,
    between,
    one_of,
)
from mentornet.core.schemas import lazy_message as _l

RESERVED_SLUGS = frozenset({"static", "operator", "healthz", "readyz", "api", "admin", "www"})
SLUG = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
KEY = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")

MATCHING_MODES = ("coordinator", "mentor_selects", "mentee_requests")
CRITERIA = ("occupation", "education", "goals", "languages", "distance", "age_gap", "availability")
AUDIENCES = ("mentee", "mentor")
# Who reads a question's answer: staff, the mentor or the mentee of her pair, and "cards": the
# matching cards members see when they choose or are proposed a match.
VIEWERS = ("staff", "mentor", "mentee", "cards")
OUTCOMES = ("job", "education", "business", "network", "none")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2")
# Every profile already has these (docs/architecture.md); a question may not ask for them again.
CORE_PROFILE_KEYS = frozenset(
    {
        "birth_year", "country_of_origin", "story", "languages", "city", "occupation",
        "occupation_code", "education", "education_level", "education_field", "goals",
        "availability", "capacity", "email", "name",
    }
)  # fmt: skip
AUDIENCE_GENDERS = ("women", "men", "mixed")
TERMS = TERM_KEYS  # every form of every term (core/i18n.py); a pack names only those it wants


def distinct(values: list[Any]) -> None:
    """Validator: a list without repeats."""
    if len(set(values)) != len(values):
        raise ValidationError(_l("A value is listed twice."))


def key_field(**kwargs: Any) -> String:
    return String(
        required=True,
        validate=validate.Regexp(KEY, error=_l("Use lower-case letters, digits and _ only.")),
        **kwargs,
    )


class LocalizedText(Dict):
    """{locale: text}; which locales must be present is checked by the tenant schema."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            keys=String(validate=CoreLocale()),
            values=String(validate=validate.Length(min=1, error=_l("This text is empty."))),
            **kwargs,
        )


class ChoiceSchema(Schema):
    key = key_field()
    label = LocalizedText(required=True)
    # A retired choice is no longer offered; answers that have it still show its label.
    retired = Boolean(load_default=False)


class QuestionType(Protocol):
    """What a pack needs to know of a questionnaire field type (profiles/fields has them all)."""

    @property
    def definition(self) -> type[Schema]:
        """The rules for what a question of this type holds besides the keys every one has."""

    @property
    def matchable(self) -> bool:
        """Whether matching.questions may weigh its answers."""

    @property
    def title(self) -> Any:
        """What the admin console calls the type (a lazily translated text)."""

    @property
    def has_choices(self) -> bool:
        """Whether a question of this type lists its own choices."""


@cache
def question_types() -> Mapping[str, QuestionType]:
    """Every field type a question may name, by key: found in the modules' `fields` packages.

    Found, not imported: the field types know profiles (answers, forms, classifications), and
    every module, profiles too, reads the tenant's settings, so tenants names no other module.
    """
    found: dict[str, QuestionType] = {}
    for package in modules.find("fields"):
        for key, kind in package.FIELD_TYPES.items():
            if key in found:
                raise ValueError(f"two questionnaire field types are called {key}")
            found[key] = kind
    return found


def _known_type(kind: str) -> None:
    one_of(tuple(question_types()))(kind)


class QuestionSchema(Schema):
    """What every question holds; its type's `definition` (profiles/fields) says what else."""

    key = key_field()
    type = String(required=True, validate=_known_type)
    label = LocalizedText(required=True)
    help = LocalizedText(load_default=dict)
    audience = List(
        String(validate=one_of(AUDIENCES)),
        load_default=lambda: list(AUDIENCES),
        validate=[validate.Length(min=1, error=_l("Choose at least one.")), distinct],
    )
    required = Boolean(load_default=False)
    sensitive = Boolean(load_default=False)
    visible_to = List(
        String(validate=one_of(VIEWERS)),
        load_default=lambda: ["staff"],
        validate=[validate.Length(min=1, error=_l("Choose at least one.")), distinct],
    )
    # Every question has the list, empty unless its type's definition asks for choices.
    choices = List(Nested(ChoiceSchema), load_default=list)
    # A retired question is no longer asked; the answers already given are kept and shown.
    retired = Boolean(load_default=False)

    @validates_schema
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("key") in CORE_PROFILE_KEYS:
            raise ValidationError(_l("Every profile has this already; choose another key."), "key")
        if data.get("sensitive") and data.get("required"):
            # Special-category answers need consent, and consent may be refused.
            raise ValidationError(
                _l("A private (sensitive) question cannot be required."), "required"
            )
        _unique_keys(data.get("choices", []), "choices")


@cache
def _typed_schema(definition: type[Schema]) -> type[Schema]:
    """QuestionSchema with the rules of a type's definition (one class per definition)."""
    name = f"{definition.__name__}QuestionSchema"
    return cast(type[Schema], type(name, (QuestionSchema, definition), {}))


class Question(fields.Field[dict[str, Any]]):
    """A question, loaded by the schema of the type it names (QuestionSchema if none is known)."""

    default_error_messages = {**REQUIRED}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        kind = value.get("type") if isinstance(value, dict) else None
        schema: type[Schema] = QuestionSchema
        if isinstance(kind, str) and kind in question_types():
            schema = _typed_schema(question_types()[kind].definition)
        try:
            return schema().load(value)
        except ValidationError as error:
            raise ValidationError(error.messages, valid_data=error.valid_data) from error


class GoalSchema(Schema):
    key = key_field()
    label = LocalizedText(required=True)
    description = LocalizedText(load_default=dict)
    outcome = String(load_default="none", validate=one_of(OUTCOMES))
    # A retired goal is no longer offered; records that use it still show it.
    retired = Boolean(load_default=False)


class CriterionSchema(Schema):
    weight = Float(required=True, validate=between(0, 100))


class QuestionCriterionSchema(Schema):
    question = key_field()
    weight = Float(required=True, validate=between(0, 100))


class ConstraintsSchema(Schema):
    """Hard constraints: a pair that breaks one is never suggested. 0 means "no limit"."""

    shared_language = Boolean(load_default=True)
    usable_language_level = String(load_default="B1", validate=one_of(CEFR))
    max_distance_km = Integer(load_default=0, validate=between(0, 20000))
    max_age_gap = Integer(load_default=0, validate=between(0, 100))


class MatchingSchema(Schema):
    mode = String(required=True, validate=one_of(MATCHING_MODES))
    suggestions = Integer(load_default=10, validate=between(1, 50))
    veto_window_days = Integer(load_default=3, validate=between(0, 60))
    criteria = Dict(
        keys=String(validate=one_of(CRITERIA)), values=Nested(CriterionSchema), required=True
    )
    questions = List(Nested(QuestionCriterionSchema), load_default=list)
    constraints = Nested(ConstraintsSchema, load_default=lambda: ConstraintsSchema().load({}))


class CycleSchema(Schema):
    expected_months = Integer(required=True, validate=between(1, 36))
    stalled_after_days = Integer(required=True, validate=between(1, 365))
    proposal_expiry_days = Integer(required=True, validate=between(1, 90))
    check_in_interval_days = Integer(load_default=30, validate=between(1, 180))
    follow_up_months = List(
        Integer(validate=between(1, 60)),
        load_default=lambda: [3, 6, 12],
        validate=distinct,
    )


class IntakeSchema(Schema):
    mentee_min_age = Integer(load_default=18, validate=between(12, 100))
    mentee_max_age = Integer(load_default=0, validate=between(0, 120))
    mentor_min_age = Integer(load_default=18, validate=between(16, 100))
    genders = List(String(validate=one_of(("women", "men", "any"))), load_default=lambda: ["any"])
    information_meeting_required = Boolean(load_default=True)
    interview_required = Boolean(load_default=True)


class FeaturesSchema(Schema):
    workshops = Boolean(load_default=True)
    social_events = Boolean(load_default=True)
    check_ins = Boolean(load_default=True)


class EventsSchema(Schema):
    # Hours a freed place is offered to the first person waiting (0: given at once).
    offer_hours = Integer(load_default=0, validate=between(0, 168))


class RetentionSchema(Schema):
    rejected_applicant_months = Integer(load_default=6, validate=between(1, 120))
    inactive_member_months = Integer(load_default=24, validate=between(1, 240))
    closed_mentorship_years = Integer(load_default=5, validate=between(1, 30))


# WCAG 2 asks 4.5:1 between normal text and its background; buttons and the header put white
# text on the primary colour.
MINIMUM_CONTRAST = 4.5


def contrast_with_white(color: str) -> float:
    """The WCAG 2 contrast ratio of white text on a colour like #5b2a86 (1 to 21)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(color[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def readable_with_white_text(color: str) -> None:
    """Validator: white text on this colour must meet the WCAG contrast for normal text."""
    if not COLOR.match(color):
        return  # the format validator has said what is wrong
    ratio = contrast_with_white(color)
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _l(
                "White text on this colour has a contrast ratio of {ratio}:1; at least {minimum}:1"
                " is needed to be readable. Choose a darker colour."
            ).format(ratio=_decimal(ratio), minimum=_decimal(MINIMUM_CONTRAST))
        )


def _decimal(number: float) -> str:
    # Rounded down, so that 4.46 never reads as the 4.5 it falls short of.
    shown = int(number * 10) / 10
    try:
        return str(format_decimal(shown, format="0.0"))
    except RuntimeError:  # outside an application (a plain script): no locale to format in
        return f"{shown:.1f}"


class BrandingSchema(Schema):
    primary_color = String(
        load_default="#5b2a86",
        validate=[
            validate.Regexp(COLOR, error=_l("Use a colour like #5b2a86.")),
            readable_with_white_text,
        ],
    )
    accent_color = String(
        load_default="#e0a526",
        validate=validate.Regexp(COLOR, error=_l("Use a colour like #5b2a86.")),
    )


class PrivacySchema(Schema):
    version = Integer(required=True, validate=at_least(1))
    contact = String(
        required=True, validate=validate.Email(error=_l("Enter a valid e-mail address."))
    )
    notice = LocalizedText(required=True)


class TenantPackSchema(Schema):
    slug = String(
        required=True,
        validate=validate.Regexp(
            SLUG, error=_l("Use 3-40 lower-case letters, digits and hyphens.")
        ),
    )
    status = String(load_default="active", validate=one_of(("active", "suspended")))
    locales = List(String(validate=CoreLocale()), required=True, validate=validate.Length(min=1))
    # A regional locale per language for dates and numbers ({ ar = "ar_MA" }); the texts still come
    # from the language's catalogue.
    formatting_locales = Dict(
        keys=String(validate=CoreLocale()),
        values=String(validate=RegionalLocale()),
        load_default=dict,
    )
    default_locale = String(required=True)
    timezone = String(required=True)
    hosts = List(
        String(
            validate=validate.Regexp(
                HOSTNAME, error=_l("Enter a host name like network.example.org.")
            )
        ),
        load_default=list,
    )
    name = LocalizedText(required=True)
    tagline = LocalizedText(load_default=dict)
    about = LocalizedText(load_default=dict)
    terminology = Dict(
        keys=String(validate=one_of(TERMS)), values=LocalizedText(), load_default=dict
    )
    # Whom the network is for: the grammatical gender its pages address members in.
    audience_gender = String(load_default="mixed", validate=one_of(AUDIENCE_GENDERS))
    intake = Nested(IntakeSchema, load_default=lambda: IntakeSchema().load({}))
    matching = Nested(MatchingSchema, required=True)
    cycle = Nested(CycleSchema, required=True)
    goals = List(Nested(GoalSchema), required=True, validate=validate.Length(min=1))
    questionnaire = List(Question(), load_default=list)
    features = Nested(FeaturesSchema, load_default=lambda: FeaturesSchema().load({}))
    retention = Nested(RetentionSchema, load_default=lambda: RetentionSchema().load({}))
    branding = Nested(BrandingSchema, load_default=lambda: BrandingSchema().load({}))
    privacy = Nested(PrivacySchema, required=True)
    events = Nested(EventsSchema, load_default=lambda: EventsSchema().load({}))

    # Report cross-field problems together with field errors, so one run lists everything.
    @validates_schema(skip_on_field_errors=False)
    def _consistent(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, Any] = {}
        if data.get("slug") in RESERVED_SLUGS:
            errors["slug"] = [_l("This name is reserved.")]
        locales = data.get("locales", [])
        if len(set(locales)) != len(locales):
            errors["locales"] = [_l("A locale is listed twice.")]
        if locales and data.get("default_locale") not in locales:
            errors["default_locale"] = [_l("The default locale must be one of the locales.")]
        if data.get("timezone") and data["timezone"] not in zoneinfo.available_timezones():
            errors["timezone"] = [_l("Unknown time zone.")]
        errors.update(_missing_translations(data, locales))
        errors.update(_formatting_locale_errors(data.get("formatting_locales", {}), locales))
        errors.update(_questions_exist(data))
        for name in ("goals", "questionnaire"):
            errors.update(_unique_key_errors(data.get(name, []), name))
        if errors:
            raise ValidationError(errors)


def _formatting_locale_errors(regional: dict[str, str], locales: list[str]) -> dict[str, Any]:
    """A regional locale is given for one of the network's languages and is a form of it."""
    problems = []
    for language, code in regional.items():
        if language not in locales:
            problems.append(
                _l("Not one of this network's locales: {locales}.").format(locales=language)
            )
        elif known_locale(code) and Locale.parse(code).language != Locale.parse(language).language:
            problems.append(
                _l("{code} is not a regional form of {language}.").format(
                    code=code, language=language
                )
            )
    return {"formatting_locales": problems} if problems else {}


def _missing_translations(data: dict[str, Any], locales: list[str]) -> dict[str, Any]:
    """Every text the members read must exist in each of the tenant's locales."""
    errors: dict[str, Any] = {}
    texts: list[tuple[str, dict[str, str]]] = [
        (key, data[key]) for key in ("name", "tagline", "about") if data.get(key)
    ]
    texts += [(f"terminology.{k}", v) for k, v in data.get("terminology", {}).items()]
    # A wrong item is here as far as it was valid (marshmallow's valid_data): any key may be missing.
    for i, goal in enumerate(data.get("goals", [])):
        texts.append((f"goals[{i}].label", goal.get("label", {})))
        if goal.get("description"):
            texts.append((f"goals[{i}].description", goal["description"]))
    for i, question in enumerate(data.get("questionnaire", [])):
        texts.append((f"questionnaire[{i}].label", question.get("label", {})))
        if question.get("help"):
            texts.append((f"questionnaire[{i}].help", question["help"]))
        texts += [
            (f"questionnaire[{i}].choices[{j}].label", c.get("label", {}))
            for j, c in enumerate(question.get("choices", []))
        ]
    if "notice" in data.get("privacy", {}):
        texts.append(("privacy.notice", data["privacy"]["notice"]))
    for path, text in texts:
        missing = [locale for locale in locales if locale not in text]
        extra = [locale for locale in text if locale not in locales]
        if missing:
            errors[path] = [
                _l("Missing translation for: {locales}.").format(locales=", ".join(missing))
            ]
        elif extra:
            errors[path] = [
                _l("Not one of this network's locales: {locales}.").format(locales=", ".join(extra))
            ]
    return errors


def _questions_exist(data: dict[str, Any]) -> dict[str, Any]:
    keys = {q.get("key"): q for q in data.get("questionnaire", [])}
    errors: dict[str, Any] = {}
    for i, criterion in enumerate(data.get("matching", {}).get("questions", [])):
        if "question" not in criterion:
            continue
        question = keys.get(criterion["question"])
        if question is None:
            errors[f"matching.questions[{i}].question"] = [_l("No question has this key.")]
        elif question.get("type") not in question_types():
            continue  # the question's own error says what is wrong with its type
        elif not question_types()[question["type"]].matchable:
            errors[f"matching.questions[{i}].question"] = [
                _l("Only choice questions can be matched on.")
            ]
    return errors


def _unique_key_errors(items: list[dict[str, Any]], name: str) -> dict[str, Any]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.get("key") in seen:
            return {f"{name}[{i}].key": [_l("This key is used twice.")]}
        if "key" in item:
            seen.add(item["key"])
    return {}


def _unique_keys(items: list[dict[str, Any]], name: str) -> None:
    if errors := _unique_key_errors(items, name):
        raise ValidationError(errors)
