"""The rules applied to one pair in plain Python: explain() and score_pair().

blocks.py applies the same rules to arrays; the two must agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from mentornet.modules.matching.scoring.data import (
    _CEFR_RANK,
    _FIELD_STEPS,
    _TWO_EARTH_RADII,
    AGE_GAP_YEARS,
    FIELD_BROAD_DIGITS,
    FIELD_DIGITS,
    FIELD_SHARE,
    LEVEL_SHARE,
    OCCUPATION_DIGITS,
    QUESTION_PREFIX,
    TOP_EDUCATION_LEVEL,
    UNANSWERED_AVAILABILITY,
    Contribution,
    MatchingConfig,
    ProfileData,
)

_OCCUPATION_LEVELS = (None, "major", "sub_major", "minor", "unit")
_COLLECTIONS = (list, tuple, set, frozenset)


@dataclass(frozen=True)
class _Facts:
    """A profile's features in the normal form that every rule compares."""

    occupation: str | None
    study_field: str | None
    level: int | None
    goals: frozenset[str]
    languages: Mapping[str, int]  # code -> best CEFR rank
    xyz: tuple[float, float, float] | None
    city: str | None
    birth_year: int | None
    availability: frozenset[str]
    answers: Mapping[str, frozenset[str]]

    @classmethod
    def of(cls, profile: ProfileData, questions: Iterable[str]) -> _Facts:
        return cls(
            occupation=_digits(profile.occupation_code, OCCUPATION_DIGITS),
            study_field=_digits(profile.education_field, FIELD_DIGITS),
            level=_education_level(profile.education_level),
            goals=_strings(profile.goals),
            languages=_language_ranks(profile.languages),
            xyz=_unit_vector(profile.latitude, profile.longitude),
            city=_city(profile.city),
            birth_year=profile.birth_year,
            availability=_strings(profile.availability),
            answers={key: _choices(profile.answers.get(key)) for key in questions},
        )

    def usable(self, rank: int) -> frozenset[str]:
        return frozenset(code for code, have in self.languages.items() if have >= rank)


def _digits(value: object, length: int) -> str | None:
    text = "" if value is None else str(value).strip()[:length]
    return text or None


def _education_level(value: object) -> int | None:
    text = "" if value is None else str(value).strip()
    if text.isdigit() and 0 <= int(text) <= TOP_EDUCATION_LEVEL:
        return int(text)
    return None


def _strings(values: Iterable[object]) -> frozenset[str]:
    found = {
        value if isinstance(value, str) else str(value) for value in values if value is not None
    }
    found.discard("")
    return frozenset(found)


def _choices(value: object) -> frozenset[str]:
    """A questionnaire answer as a set of choices: a single choice is a set of one."""
    if isinstance(value, _COLLECTIONS):
        return _strings(value)
    return _strings([value])


def _language_ranks(pairs: Iterable[tuple[str, str]]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for code, level in pairs:
        key, rank = str(code).strip().lower(), _CEFR_RANK.get(str(level).strip().upper())
        if key and rank is not None and rank > ranks.get(key, -1):
            ranks[key] = rank
    return ranks


def _unit_vector(
    latitude: float | None, longitude: float | None
) -> tuple[float, float, float] | None:
    if latitude is None or longitude is None or not math.isfinite(latitude + longitude):
        return None
    lat, lon = math.radians(latitude), math.radians(longitude)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _city(value: str | None) -> str | None:
    folded = " ".join(value.split()).casefold() if value else ""
    return folded or None


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def _km(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """Great-circle distance from the chord between two points of the unit sphere."""
    chord = math.sqrt(sum((x - y) ** 2 for x, y in zip(a, b, strict=True)))
    return _TWO_EARTH_RADII * math.asin(min(chord / 2, 1.0))


Rule = Callable[[MatchingConfig, _Facts, _Facts], tuple[float, dict[str, Any]]]


def _occupation(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    if e.occupation is None or m.occupation is None:
        return 0.0, {"level": None, "code": None}
    common = _common_prefix(e.occupation, m.occupation)
    return common / OCCUPATION_DIGITS, {
        "level": _OCCUPATION_LEVELS[common],
        "code": e.occupation[:common] or None,
    }


def _education(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    field_score, field_match = 0.0, None
    if e.study_field is not None and m.study_field is not None:
        common = _common_prefix(e.study_field, m.study_field)
        if common >= FIELD_BROAD_DIGITS:
            field_score = (common - FIELD_BROAD_DIGITS + 1) / _FIELD_STEPS
            field_match = e.study_field[:common]
    level_score, level_ok = 0.0, None
    if e.level is not None and m.level is not None:
        level_ok = m.level >= e.level
        level_score = 1 - max(e.level - m.level, 0) / TOP_EDUCATION_LEVEL
    score = FIELD_SHARE * field_score + LEVEL_SHARE * level_score
    return score, {"field_match": field_match, "level_ok": level_ok}


def _goals(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    covered = e.goals & m.goals
    score = len(covered) / len(e.goals) if e.goals else 0.0
    return score, {"covered": sorted(covered), "wanted": sorted(e.goals)}


def _languages(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    shared = e.usable(config.usable_rank) & m.usable(config.usable_rank)
    return (1.0 if shared else 0.0), {"shared": sorted(shared)}


def _distance(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    same_city = e.city is not None and e.city == m.city
    if e.xyz is None or m.xyz is None:
        return (1.0 if same_city else 0.0), {"km": None, "same_city": same_city}
    km = _km(e.xyz, m.xyz)
    return max(0.0, 1 - km / config.radius_km), {"km": km, "same_city": same_city}


def _age_gap(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    if e.birth_year is None or m.birth_year is None:
        return 0.0, {"years": None}
    years = abs(e.birth_year - m.birth_year)
    return 1 - min(years, AGE_GAP_YEARS) / AGE_GAP_YEARS, {"years": years}


def _availability(config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    shared = e.availability & m.availability
    if not e.availability or not m.availability:
        return UNANSWERED_AVAILABILITY, {"shared": sorted(shared)}
    return len(shared) / len(e.availability), {"shared": sorted(shared)}


def _question(key: str, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    wanted, offered = e.answers.get(key, frozenset()), m.answers.get(key, frozenset())
    shared = wanted & offered
    return (len(shared) / len(wanted) if wanted else 0.0), {"shared": sorted(shared)}


_RULES: dict[str, Rule] = {
    "occupation": _occupation,
    "education": _education,
    "goals": _goals,
    "languages": _languages,
    "distance": _distance,
    "age_gap": _age_gap,
    "availability": _availability,
}


def _rule(name: str, config: MatchingConfig, e: _Facts, m: _Facts) -> tuple[float, dict[str, Any]]:
    if name.startswith(QUESTION_PREFIX):
        return _question(name.removeprefix(QUESTION_PREFIX), e, m)
    return _RULES[name](config, e, m)


def _feasible(
    config: MatchingConfig, mentee: ProfileData, mentor: ProfileData, e: _Facts, m: _Facts
) -> bool:
    if mentor.capacity <= 0 or mentee.user_id == mentor.user_id:
        return False
    if config.shared_language and not e.usable(config.usable_rank) & m.usable(config.usable_rank):
        return False
    if (
        config.max_distance_km > 0
        and e.xyz is not None
        and m.xyz is not None
        and _km(e.xyz, m.xyz) > config.max_distance_km
    ):
        return False
    if config.max_age_gap > 0 and e.birth_year is not None and m.birth_year is not None:
        return abs(e.birth_year - m.birth_year) <= config.max_age_gap
    return True


def explain(config: MatchingConfig, mentee: ProfileData, mentor: ProfileData) -> list[Contribution]:
    """Every criterion's part of the pair's score, in the order of config.weighted().

    The contributions add up to the score the pair gets when no hard constraint removes it.
    """
    e, m = _Facts.of(mentee, config.question_weights), _Facts.of(mentor, config.question_weights)
    return _contributions(config, e, m)


def _contributions(config: MatchingConfig, e: _Facts, m: _Facts) -> list[Contribution]:
    total = config.total_weight
    found = []
    for name, weight in config.weighted():
        score, detail = _rule(name, config, e, m)
        share = weight * score / total if total > 0 else 0.0
        found.append(Contribution(name, weight, score, share, detail))
    return found


def score_pair(
    config: MatchingConfig,
    mentee: ProfileData,
    mentor: ProfileData,
    forbidden: frozenset[tuple[int, int]] = frozenset(),
) -> float:
    """The score of one pair in plain Python: -inf when a hard constraint removes it."""
    e, m = _Facts.of(mentee, config.question_weights), _Facts.of(mentor, config.question_weights)
    if (mentee.id, mentor.id) in forbidden or not _feasible(config, mentee, mentor, e, m):
        return -math.inf
    return sum(c.contribution for c in _contributions(config, e, m))
