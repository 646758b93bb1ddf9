"""A network's settings as typed, read-only objects: `tenant.config.cycle.proposal_expiry_days`.

Built once from the document that TenantPackSchema validated (the same schema as tenant.toml), so
every value is present and has its type; code reads attributes instead of nested dictionary keys.
Questionnaire questions stay plain mappings: each question type of the field registry
(profiles/fields) reads what its own definition declared.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_origin, get_type_hints

Texts = Mapping[str, str]  # {locale: text}, with a fallback chain at display time


@dataclass(frozen=True)
class Criterion:
    weight: float


@dataclass(frozen=True)
class QuestionCriterion:
    question: str
    weight: float


@dataclass(frozen=True)
class Constraints:
    shared_language: bool
    usable_language_level: str
    max_distance_km: int  # 0: no limit
    max_age_gap: int  # 0: no limit


@dataclass(frozen=True)
class Matching:
    mode: str  # coordinator | mentor_selects | mentee_requests
    suggestions: int
    veto_window_days: int
    criteria: Mapping[str, Criterion]
    questions: tuple[QuestionCriterion, ...]
    constraints: Constraints


@dataclass(frozen=True)
class Cycle:
    expected_months: int
    stalled_after_days: int
    proposal_expiry_days: int
    check_in_interval_days: int
    follow_up_months: tuple[int, ...]


@dataclass(frozen=True)
class Intake:
    mentee_min_age: int
    mentee_max_age: int  # 0: no upper limit
    mentor_min_age: int
    genders: tuple[str, ...]
    information_meeting_required: bool
    interview_required: bool


@dataclass(frozen=True)
class Features:
    workshops: bool
    social_events: bool
    check_ins: bool


@dataclass(frozen=True)
class Events:
    # Hours a freed place is offered to the first person waiting before it goes to the next;
    # 0: the place is hers at once (registered).
    offer_hours: int = 0


@dataclass(frozen=True)
class Retention:
    rejected_applicant_months: int
    inactive_member_months: int
    closed_mentorship_years: int


@dataclass(frozen=True)
class Branding:
    primary_color: str
    accent_color: str


@dataclass(frozen=True)
class Privacy:
    version: int
    contact: str
    notice: Texts


@dataclass(frozen=True)
class Goal:
    key: str
    label: Texts
    description: Texts
    outcome: str  # none | job | education: what reaching it counts as
    retired: bool  # no longer offered; still shown where records use it


@dataclass(frozen=True)
class TenantConfig:
    slug: str
    status: str
    locales: tuple[str, ...]
    default_locale: str
    timezone: str
    hosts: tuple[str, ...]
    name: Texts
    tagline: Texts
    about: Texts
    terminology: Mapping[str, Texts]
    intake: Intake
    matching: Matching
    cycle: Cycle
    goals: tuple[Goal, ...]
    questionnaire: tuple[Mapping[str, Any], ...]
    features: Features
    retention: Retention
    branding: Branding
    privacy: Privacy
    # language -> regional locale for dates and numbers ({"ar": "ar_MA"}); absent: the language.
    formatting_locales: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Settings documents stored before the events settings existed have none: the defaults.
    events: Events = Events()
    audience_gender: str = "mixed"  # women | men | mixed: the gender members are addressed in

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> TenantConfig:
        """The typed view of a validated settings document (TenantPackSchema's output)."""
        return _build(cls, document)

    def goal(self, key: str) -> Goal | None:
        return next((goal for goal in self.goals if goal.key == key), None)

    @property
    def goal_keys(self) -> tuple[str, ...]:
        return tuple(goal.key for goal in self.goals)

    @property
    def offered_goals(self) -> tuple[Goal, ...]:
        """The goals a member or a pair can choose now (retired ones are not offered)."""
        return tuple(goal for goal in self.goals if not goal.retired)

    @property
    def asked_questions(self) -> tuple[Mapping[str, Any], ...]:
        """The questions a form asks now (retired ones are not; their answers are kept)."""
        return tuple(q for q in self.questionnaire if not q.get("retired", False))


T = TypeVar("T")


def _build(cls: type[T], data: Mapping[str, Any]) -> T:
    hints = _hints(cast(Hashable, cls))  # a class is hashable; mypy cannot tell for a TypeVar
    values = {
        field.name: _convert(hints[field.name], data[field.name])
        for field in dataclasses.fields(cls)  # type: ignore[arg-type]
        if field.name in data
    }
    return cls(**values)


@cache
def _hints(cls: Hashable) -> dict[str, Any]:
    return get_type_hints(cls, globalns=globals())


def _convert(hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    if origin is tuple:
        (item, _ellipsis) = get_args(hint)
        return tuple(_convert(item, element) for element in value)
    if origin is Mapping:
        _key, item = get_args(hint)
        return types.MappingProxyType({k: _convert(item, v) for k, v in value.items()})
    return value
