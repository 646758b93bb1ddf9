"""Match scores: pure, and vectorised over cached mentor feature arrays (DESIGN section 6).

Every criterion scores a mentee-mentor pair in [0, 1]:

occupation
    0.25 per leading ISCO-08 digit in common, up to four: the same unit group ("2221") 1.0, minor
    group ("222") 0.75, sub-major group ("22") 0.5, major group ("2") 0.25, else 0.
education
    0.7 * field + 0.3 * level. Field: the ISCED-F codes (2-4 digits) have p leading digits in
    common (p can never exceed the shorter code): (p - 1) / 3 when p >= 2, else 0, so the same
    detailed field is 1.0, narrow field 2/3, broad field 1/3. Level (ISCED 2011, "0".."8"): 1.0 when
    the mentor's level is at least the mentee's, else 1 - (mentee - mentor) / 8.
goals
    The share of the mentee's goals the mentor can help with; 0 when she chose none.
languages
    1.0 when both speak a language at usable_language_level or better, else 0.
distance
    With coordinates on both sides max(0, 1 - km / R): great-circle km, R = max_distance_km or
    50. Otherwise 1.0 for the same city (case and spacing ignored), else 0.
age_gap
    1 - min(|difference of birth years|, 30) / 30.
availability
    The share of the mentee's time slots the mentor also has; 0.5 when either gave none.
question:<key>
    The share of the mentee's choices the mentor also chose. A single choice is a set of one, so
    equal answers score 1.0.

Missing data scores 0 unless said otherwise. The total is sum(w * s) / sum(w) over the criteria and
the weighted questions, so it lies in [0, 1] (0 when every weight is 0). Hard constraints remove a
pair (score -inf): no free place, the same user on both sides, a forbidden (mentee id, mentor id)
pair, no shared usable language (when required), more than max_distance_km apart, more than
max_age_gap years apart in age (the last two when both sides give the data).

explain() and score_pair() apply the rules to one pair in plain Python. score_one(), top_k(),
score_matrix() and candidate_lists() apply the same rules to arrays: a MentorIndex, built once per
tenant and mentor set, holds the mentors' features as integer codes and bitmasks.
"""

from __future__ import annotations

import math
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

CRITERIA: tuple[str, ...] = (
    "occupation",
    "education",
    "goals",
    "languages",
    "distance",
    "age_gap",
    "availability",
)
QUESTION_PREFIX = "question:"
CEFR_LEVELS: tuple[str, ...] = ("A1", "A2", "B1", "B2", "C1", "C2")
EARTH_RADIUS_KM = 6371.0088
DEFAULT_RADIUS_KM = 50.0
AGE_GAP_YEARS = 30
OCCUPATION_DIGITS = 4
FIELD_DIGITS = 4
FIELD_BROAD_DIGITS = 2
FIELD_SHARE = 0.7
LEVEL_SHARE = 0.3
TOP_EDUCATION_LEVEL = 8
UNANSWERED_AVAILABILITY = 0.5

_FIELD_STEPS = FIELD_DIGITS - FIELD_BROAD_DIGITS + 1  # detailed, narrow and broad field
_OCCUPATION_LEVELS = (None, "major", "sub_major", "minor", "unit")
_COLLECTIONS = (list, tuple, set, frozenset)
_CEFR_RANK = {level: rank for rank, level in enumerate(CEFR_LEVELS)}
_TWO_EARTH_RADII = 2 * EARTH_RADIUS_KM
_BITS = 64
# Rows of a block times mentors: small enough that a block's temporaries stay in the CPU cache.
_BLOCK_CELLS = 1 << 18
# Top-k search: the k-th best of per-group maxima bounds the k-th best score from below.
_TOP_K_GROUP = 64
# Unknown numbers in block arithmetic, and how far below 0 a block puts a pair a hard constraint removes.
_FAR = 1e6
_INFEASIBLE = 4.0
_FEASIBLE_FLOOR = -1.0

Floats = npt.NDArray[np.floating[Any]]
Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int32]
Masks = npt.NDArray[np.uint64]
Bools = npt.NDArray[np.bool_]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ProfileData:
    """What scoring needs of one profile, as plain data built by the caller.

    For a mentee, occupation_code is the occupation she aims for; capacity counts a mentor's free
    places (0 = full).
    """

    id: int
    user_id: int
    birth_year: int | None
    languages: tuple[tuple[str, str], ...]
    city: str | None
    latitude: float | None
    longitude: float | None
    occupation_code: str | None
    education_level: str | None
    education_field: str | None
    goals: tuple[str, ...]
    availability: tuple[str, ...]
    answers: Mapping[str, Any]
    capacity: int = 1


@dataclass(frozen=True)
class MatchingConfig:
    """A tenant's weights and hard constraints (tenant.toml [matching])."""

    weights: Mapping[str, float]
    question_weights: Mapping[str, float] = field(default_factory=dict)
    shared_language: bool = True
    usable_language_level: str = "B1"
    max_distance_km: float = 0
    max_age_gap: int = 0

    def __post_init__(self) -> None:
        unknown = sorted(set(self.weights) - set(CRITERIA))
        if unknown:
            raise ValueError(f"unknown matching criteria: {', '.join(unknown)}")
        for name, weight in self.weighted():
            if not (math.isfinite(weight) and weight >= 0):
                raise ValueError(f"the weight of {name} must be a number >= 0, not {weight!r}")
        if self.usable_language_level not in _CEFR_RANK:
            raise ValueError(f"usable_language_level must be one of {', '.join(CEFR_LEVELS)}")
        if not (math.isfinite(self.max_distance_km) and self.max_distance_km >= 0):
            raise ValueError("max_distance_km must be a number >= 0")
        if self.max_age_gap < 0:
            raise ValueError("max_age_gap must be >= 0")

    def weighted(self) -> list[tuple[str, float]]:
        """Every criterion, then every question as "question:<key>", with its weight."""
        found = [(name, float(self.weights.get(name, 0.0))) for name in CRITERIA]
        found += [(QUESTION_PREFIX + key, float(w)) for key, w in self.question_weights.items()]
        return found

    @property
    def total_weight(self) -> float:
        return sum(weight for _, weight in self.weighted())

    @property
    def usable_rank(self) -> int:
        return _CEFR_RANK[self.usable_language_level]

    @property
    def radius_km(self) -> float:
        return float(self.max_distance_km) if self.max_distance_km > 0 else DEFAULT_RADIUS_KM


@dataclass(frozen=True)
class Contribution:
    """One criterion's part of a pair's score: contribution = weight * score / total weight."""

    criterion: str
    weight: float
    score: float
    contribution: float
    detail: dict[str, Any]


# --- One pair in plain Python -------------------------------------------------------------------


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


# --- Feature arrays --------------------------------------------------------------------------------


def _vocabulary(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Positions for values, the most frequent first (so that most bitmasks need one word)."""
    counts = Counter(value for group in groups for value in group)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {value: position for position, (value, _) in enumerate(ranked)}


def _bitmasks(groups: Sequence[Iterable[str]], positions: Mapping[str, int]) -> Masks:
    """Shape (words, people): bit b of word w is set when the person has value 64 * w + b."""
    found = [
        (person, bit)
        for person, group in enumerate(groups)
        for value in group
        if (bit := positions.get(value)) is not None
    ]
    masks = np.zeros((_words(positions), len(groups)), np.uint64)
    if found:
        people, bits = np.array(found, np.int64).T
        _set_bits(masks, people, bits)
    return masks


def _language_masks(spoken: Sequence[Mapping[str, int]], positions: Mapping[str, int]) -> Masks:
    """Shape (CEFR rank, words, people): the languages each person speaks at that level or better."""
    found = [
        (person, bit, rank)
        for person, ranks in enumerate(spoken)
        for code, rank in ranks.items()
        if (bit := positions.get(code)) is not None
    ]
    masks = np.zeros((len(CEFR_LEVELS), _words(positions), len(spoken)), np.uint64)
    if found:
        people, bits, ranks = np.array(found, np.int64).T
        for rank, level_masks in enumerate(masks):
            _set_bits(level_masks, people[ranks >= rank], bits[ranks >= rank])
    return masks


def _words(positions: Mapping[str, int]) -> int:
    return max(1, -(-len(positions) // _BITS))


def _set_bits(masks: Masks, people: Ints, bits: Ints) -> None:
    ones = np.left_shift(np.uint64(1), (bits % _BITS).astype(np.uint64))
    np.bitwise_or.at(masks, (bits // _BITS, people), ones)


@dataclass(frozen=True)
class _Bits:
    """A set-valued feature: a bitmask per person and the size of each person's set."""

    positions: Mapping[str, int]
    masks: Masks  # (words, people)
    sizes: Ints  # values per person, including values outside the vocabulary

    @classmethod
    def build(
        cls, groups: Sequence[frozenset[str]], positions: Mapping[str, int] | None = None
    ) -> _Bits:
        known = _vocabulary(groups) if positions is None else positions
        sizes = np.fromiter((len(group) for group in groups), np.int64, len(groups))
        return cls(known, _bitmasks(groups, known), sizes)

    def take(self, people: Ints) -> _Bits:
        return _Bits(self.positions, self.masks[:, people], self.sizes[people])

    def rows(self, part: slice) -> _Bits:
        return _Bits(self.positions, self.masks[:, part], self.sizes[part])


@dataclass(frozen=True)
class _Prefixes:
    """Hierarchical codes: one integer per prefix length and person (-1 for none)."""

    lengths: tuple[int, ...]
    positions: tuple[Mapping[str, int], ...]
    codes: Codes  # (len(lengths), people)

    @classmethod
    def build(cls, values: Sequence[str | None], lengths: tuple[int, ...]) -> _Prefixes:
        positions = tuple(
            _vocabulary([value[:length]] for value in values if value and len(value) >= length)
            for length in lengths
        )
        return cls(lengths, positions, _prefix_codes(values, lengths, positions, -1))

    def encode(self, values: Sequence[str | None]) -> Codes:
        """The codes of other people (mentees); -2 never equals a mentor's code, not even "none"."""
        return _prefix_codes(values, self.lengths, self.positions, -2)

    def take(self, people: Ints) -> _Prefixes:
        return _Prefixes(self.lengths, self.positions, self.codes[:, people])


def _prefix_codes(
    values: Sequence[str | None],
    lengths: tuple[int, ...],
    positions: tuple[Mapping[str, int], ...],
    missing: int,
) -> Codes:
    codes = np.full((len(lengths), len(values)), missing, np.int32)
    for row, (length, known) in enumerate(zip(lengths, positions, strict=True)):
        codes[row] = [
            known.get(value[:length], missing) if value and len(value) >= length else missing
            for value in values
        ]
    return codes


def _float_column(values: Iterable[float | None], count: int) -> Floats:
    return np.fromiter((math.nan if v is None else v for v in values), np.float64, count)


@dataclass(frozen=True, eq=False)
class MentorIndex:
    """Mentors' features as arrays, built once per tenant and mentor set and reused for every mentee.

    Positions in the index are the positions of the mentors passed to build(). Values (language
    codes, goal keys, choices, cities, code prefixes) get bit positions or integer codes from a
    vocabulary built from the mentors; a mentee's value outside it can never be shared.
    """

    profile_ids: Ints
    user_ids: Ints
    capacity: Ints
    occupation: _Prefixes
    study_field: _Prefixes
    level: Floats  # NaN when unknown
    goals: _Bits
    languages: Mapping[str, int]  # language code -> bit
    language_masks: Masks  # (CEFR rank, words, people): languages spoken at that level or better
    xyz: Floats  # (3, people) on the unit sphere, NaN when unknown
    cities: Mapping[str, int]
    city: Codes  # -1 when unknown
    birth_year: Floats  # NaN when unknown
    availability: _Bits
    questions: Mapping[str, _Bits]
    _cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, mentors: Sequence[ProfileData], config: MatchingConfig) -> MentorIndex:
        """Index the mentors for the questions the configuration weighs."""
        facts = [_Facts.of(mentor, config.question_weights) for mentor in mentors]
        count = len(facts)
        languages = _vocabulary(f.languages for f in facts)
        cities = _vocabulary([f.city] for f in facts if f.city is not None)
        xyz = np.full((3, count), math.nan)
        for person, fact in enumerate(facts):
            if fact.xyz is not None:
                xyz[:, person] = fact.xyz
        return cls(
            profile_ids=np.fromiter((m.id for m in mentors), np.int64, count),
            user_ids=np.fromiter((m.user_id for m in mentors), np.int64, count),
            capacity=np.fromiter((m.capacity for m in mentors), np.int64, count),
            occupation=_Prefixes.build([f.occupation for f in facts], (1, 2, 3, 4)),
            study_field=_Prefixes.build([f.study_field for f in facts], (2, 3, 4)),
            level=_float_column((f.level for f in facts), count),
            goals=_Bits.build([f.goals for f in facts]),
            languages=languages,
            language_masks=_language_masks([f.languages for f in facts], languages),
            xyz=xyz,
            cities=cities,
            city=np.fromiter(
                (cities.get(f.city, -1) if f.city else -1 for f in facts), np.int32, count
            ),
            birth_year=_float_column((f.birth_year for f in facts), count),
            availability=_Bits.build([f.availability for f in facts]),
            questions={
                key: _Bits.build([f.answers[key] for f in facts]) for key in config.question_weights
            },
        )

    def __len__(self) -> int:
        return len(self.profile_ids)

    def take(self, people: Ints) -> MentorIndex:
        """The index of some of the mentors (positions in this index), with the same vocabularies."""
        return MentorIndex(
            profile_ids=self.profile_ids[people],
            user_ids=self.user_ids[people],
            capacity=self.capacity[people],
            occupation=self.occupation.take(people),
            study_field=self.study_field.take(people),
            level=self.level[people],
            goals=self.goals.take(people),
            languages=self.languages,
            language_masks=self.language_masks[:, :, people],
            xyz=self.xyz[:, people],
            cities=self.cities,
            city=self.city[people],
            birth_year=self.birth_year[people],
            availability=self.availability.take(people),
            questions={key: bits.take(people) for key, bits in self.questions.items()},
        )

    def numbers(self, dtype: type[np.floating[Any]]) -> _Numbers:
        """Coordinates, education levels and birth years ready for block arithmetic (cached)."""
        key = ("numbers", dtype)
        if key not in self._cache:
            self._cache[key] = _Numbers.of(self.xyz, self.level, self.birth_year, dtype, -_FAR)
        found: _Numbers = self._cache[key]
        return found

    def positions(self) -> dict[int, int]:
        """Profile id -> position (cached)."""
        if "positions" not in self._cache:
            self._cache["positions"] = {int(pid): pos for pos, pid in enumerate(self.profile_ids)}
        found: dict[int, int] = self._cache["positions"]
        return found


@dataclass(frozen=True)
class _Mentees:
    """A few mentees encoded with an index's vocabularies: the rows of a block."""

    ids: Ints
    user_ids: Ints
    occupation: Codes
    study_field: Codes
    level: Floats
    goals: _Bits
    languages: Masks  # usable languages, (words, mentees)
    xyz: Floats
    city: Codes  # -2 when unknown: never equal to a mentor's city
    birth_year: Floats
    availability: _Bits
    questions: Mapping[str, _Bits]

    @classmethod
    def encode(
        cls, index: MentorIndex, config: MatchingConfig, mentees: Sequence[ProfileData]
    ) -> _Mentees:
        missing = sorted(set(config.question_weights) - set(index.questions))
        if missing:
            raise ValueError(f"the mentor index has no answers to {', '.join(missing)}: rebuild it")
        facts = [_Facts.of(mentee, config.question_weights) for mentee in mentees]
        count = len(facts)
        xyz = np.full((3, count), math.nan)
        for person, fact in enumerate(facts):
            if fact.xyz is not None:
                xyz[:, person] = fact.xyz
        return cls(
            ids=np.fromiter((m.id for m in mentees), np.int64, count),
            user_ids=np.fromiter((m.user_id for m in mentees), np.int64, count),
            occupation=index.occupation.encode([f.occupation for f in facts]),
            study_field=index.study_field.encode([f.study_field for f in facts]),
            level=_float_column((f.level for f in facts), count),
            goals=_Bits.build([f.goals for f in facts], index.goals.positions),
            languages=_bitmasks([f.usable(config.usable_rank) for f in facts], index.languages),
            xyz=xyz,
            city=np.fromiter(
                (index.cities.get(f.city, -2) if f.city else -2 for f in facts), np.int32, count
            ),
            birth_year=_float_column((f.birth_year for f in facts), count),
            availability=_Bits.build([f.availability for f in facts], index.availability.positions),
            questions={
                key: _Bits.build([f.answers[key] for f in facts], index.questions[key].positions)
                for key in config.question_weights
            },
        )

    def rows(self, start: int, stop: int) -> _Mentees:
        """Some of the mentees (start:stop)."""
        part = slice(start, stop)
        return _Mentees(
            ids=self.ids[part],
            user_ids=self.user_ids[part],
            occupation=self.occupation[:, part],
            study_field=self.study_field[:, part],
            level=self.level[part],
            goals=self.goals.rows(part),
            languages=self.languages[:, part],
            xyz=self.xyz[:, part],
            city=self.city[part],
            birth_year=self.birth_year[part],
            availability=self.availability.rows(part),
            questions={key: bits.rows(part) for key, bits in self.questions.items()},
        )


# --- Blocks: mentees (rows) x mentors (columns) --------------------------------------------------


@dataclass(frozen=True)
class _Numbers:
    """Coordinates, education levels and birth years in one precision, without NaN.

    Unknown coordinates become the origin (located is False). An unknown level or birth year
    becomes a number so far off (mentors' below, mentees' above) that every gap-based score is 0.
    """

    xyz: Floats
    located: Bools
    level: Floats
    birth_year: Floats
    born: Bools

    @classmethod
    def of(
        cls,
        xyz: Floats,
        level: Floats,
        birth_year: Floats,
        dtype: type[np.floating[Any]],
        unknown: float,
    ) -> _Numbers:
        return cls(
            xyz=np.nan_to_num(xyz, nan=0.0).astype(dtype),
            located=np.all(~np.isnan(xyz), axis=0),
            level=np.nan_to_num(level, nan=unknown).astype(dtype),
            birth_year=np.nan_to_num(birth_year, nan=unknown).astype(dtype),
            born=~np.isnan(birth_year),
        )


# Slots of the scratch arrays; each has one job, so that no computation overwrites another's data.
_TOTAL, _SCORE, _TEMP, _KM, _KM_TEMP, _YEARS = range(6)
_OK, _FLAG, _LANGUAGE, _LANGUAGE_TEMP, _LOCATED = range(5)


class _Scratch:
    """Block-sized arrays reused from block to block of one thread.

    Fresh temporaries of this size come from the operating system and cost a page fault per 4 KB
    on every block, which tripled the time of the whole computation.
    """

    def __init__(self, rows: int, columns: int, dtype: type[np.floating[Any]]) -> None:
        self.rows, self.columns, self.dtype = rows, columns, dtype
        self._floats = np.zeros((6, rows, columns), dtype)
        self._flags = np.zeros((5, rows, columns), np.bool_)
        self._words = np.zeros((rows, columns), np.uint64)
        self._counts = np.zeros((rows, columns), np.uint8)

    def floats(self, slot: int, rows: int) -> Floats:
        return self._floats[slot, :rows]

    def flags(self, slot: int, rows: int) -> Bools:
        return self._flags[slot, :rows]

    def words(self, rows: int) -> Masks:
        return self._words[:rows]

    def counts(self, rows: int) -> npt.NDArray[np.uint8]:
        return self._counts[:rows]


_THREAD = threading.local()


def _scratch(rows: int, columns: int, dtype: type[np.floating[Any]]) -> _Scratch:
    """This thread's scratch arrays (the last size asked for is kept)."""
    found: _Scratch | None = getattr(_THREAD, "scratch", None)
    if found is None or found.rows < rows or found.columns != columns or found.dtype != dtype:
        found = _THREAD.scratch = _Scratch(rows, columns, dtype)
    return found


def _clear_where(ok: Bools, removed: Bools) -> None:
    """ok &= ~removed, without a temporary (removed is overwritten)."""
    np.logical_not(removed, out=removed)
    ok &= removed


class _Block:
    """The rules applied to mentees (rows) against every mentor of an index (columns).

    Every step writes into the scratch arrays and avoids masked operations (np.where, boolean
    indexing), which cost ten times as much as plain arithmetic on data as irregular as this.
    """

    def __init__(
        self,
        config: MatchingConfig,
        index: MentorIndex,
        mentees: _Mentees,
        dtype: type[np.floating[Any]],
    ) -> None:
        self.config, self.index, self.mentees, self.dtype = config, index, mentees, dtype
        self.rows = len(mentees.ids)
        self.scratch = _scratch(self.rows, len(index), dtype)
        self.mentor = index.numbers(dtype)
        self.mentee = _Numbers.of(mentees.xyz, mentees.level, mentees.birth_year, dtype, _FAR)

    def total(self) -> Floats:
        """sum(w * s) / sum(w); _INFEASIBLE lower where a hard constraint removes the pair.

        The result lives in the scratch arrays: it is valid until the thread's next block.
        """
        total, score = self._floats(_TOTAL), self._floats(_SCORE)
        total.fill(0)
        weight = self.config.total_weight
        for name, w in self.config.weighted():
            if w > 0:
                self.criterion(name, score)
                score *= w / weight
                total += score
        removed = self.feasible()
        np.logical_not(removed, out=removed)
        np.multiply(removed, self.dtype(_INFEASIBLE), out=score)
        total -= score
        return total

    def criterion(self, name: str, out: Floats) -> Floats:
        """One criterion's scores, written into out."""
        if name.startswith(QUESTION_PREFIX):
            key = name.removeprefix(QUESTION_PREFIX)
            return self._share(self.index.questions[key], self.mentees.questions[key], out)
        rule: Callable[[Floats], Floats] = getattr(self, f"_{name}")
        return rule(out)

    def feasible(self) -> Bools:
        config = self.config
        ok, flag = self._flags(_OK), self._flags(_FLAG)
        np.greater(self.index.capacity, 0, out=ok)
        np.equal(self.index.user_ids, self.mentees.user_ids[:, None], out=flag)
        _clear_where(ok, flag)
        if config.shared_language:
            ok &= self.shared_language
        if config.max_distance_km > 0:
            np.greater(self.km, config.max_distance_km, out=flag)
            flag &= self.located
            _clear_where(ok, flag)
        if config.max_age_gap > 0:
            np.greater(self.years_apart, config.max_age_gap, out=flag)
            flag &= self.mentor.born
            flag &= self.mentee.born[:, None]
            _clear_where(ok, flag)
        return ok

    def _occupation(self, out: Floats) -> Floats:
        self._prefix_matches(self.index.occupation.codes, self.mentees.occupation, out)
        out /= OCCUPATION_DIGITS
        return out

    def _education(self, out: Floats) -> Floats:
        self._prefix_matches(self.index.study_field.codes, self.mentees.study_field, out)
        out /= _FIELD_STEPS
        out *= FIELD_SHARE
        level = self._floats(_TEMP)
        np.subtract(self.mentee.level[:, None], self.mentor.level, out=level)
        np.clip(level, 0, TOP_EDUCATION_LEVEL, out=level)  # levels are 0-8: clipping at 8 is exact
        level /= TOP_EDUCATION_LEVEL
        np.subtract(1, level, out=level)
        level *= LEVEL_SHARE
        out += level
        return out

    def _goals(self, out: Floats) -> Floats:
        return self._share(self.index.goals, self.mentees.goals, out)

    def _languages(self, out: Floats) -> Floats:
        np.copyto(out, self.shared_language)
        return out

    def _distance(self, out: Floats) -> Floats:
        np.divide(self.km, self.config.radius_km, out=out)
        np.clip(out, 0, 1, out=out)
        np.subtract(1, out, out=out)
        out *= self.located
        same_city = self._flags(_FLAG)
        np.equal(self.index.city, self.mentees.city[:, None], out=same_city)
        np.greater(same_city, self.located, out=same_city)  # same city and not both located
        out += same_city
        return out

    def _age_gap(self, out: Floats) -> Floats:
        np.clip(self.years_apart, 0, AGE_GAP_YEARS, out=out)
        out /= AGE_GAP_YEARS
        np.subtract(1, out, out=out)
        return out

    def _availability(self, out: Floats) -> Floats:
        self._share(self.index.availability, self.mentees.availability, out)
        unanswered = self._flags(_FLAG)
        np.equal(self.index.availability.sizes, 0, out=unanswered)
        unanswered |= (self.mentees.availability.sizes == 0)[:, None]
        bonus = self._floats(_TEMP)
        np.multiply(unanswered, self.dtype(UNANSWERED_AVAILABILITY), out=bonus)
        out += bonus  # the share is 0 wherever either side gave no time slots
        return out

    def _share(self, mentors: _Bits, mentees: _Bits, out: Floats) -> Floats:
        """The share of each mentee's values that each mentor has (0 for a mentee without values)."""
        words, counts = self.scratch.words(self.rows), self.scratch.counts(self.rows)
        active = [word for word in range(mentees.masks.shape[0]) if mentees.masks[word].any()]
        if not active:
            out.fill(0)
        for word in active:
            np.bitwise_and(mentors.masks[word], mentees.masks[word][:, None], out=words)
            np.bitwise_count(words, out=counts)
            if word == active[0]:
                np.copyto(out, counts)
            else:
                out += counts
        sizes = mentees.sizes.astype(self.dtype)
        out /= np.where(sizes > 0, sizes, np.inf)[:, None]
        return out

    def _prefix_matches(self, mentors: Codes, mentees: Codes, out: Floats) -> Floats:
        """How many prefix lengths each mentee shares with each mentor."""
        same = self._flags(_FLAG)
        active = [level for level in range(mentees.shape[0]) if (mentees[level] >= 0).any()]
        if not active:
            out.fill(0)
        for level in active:
            np.equal(mentors[level], mentees[level][:, None], out=same)
            if level == active[0]:
                np.copyto(out, same)
            else:
                out += same
        return out

    def _floats(self, slot: int) -> Floats:
        return self.scratch.floats(slot, self.rows)

    def _flags(self, slot: int) -> Bools:
        return self.scratch.flags(slot, self.rows)

    @cached_property
    def shared_language(self) -> Bools:
        found, some = self._flags(_LANGUAGE), self._flags(_LANGUAGE_TEMP)
        found.fill(False)
        mentors, mentees = (
            self.index.language_masks[self.config.usable_rank],
            self.mentees.languages,
        )
        words = self.scratch.words(self.rows)
        for word in range(mentees.shape[0]):
            if mentees[word].any():
                np.bitwise_and(mentors[word], mentees[word][:, None], out=words)
                np.not_equal(words, 0, out=some)
                found |= some
        return found

    @cached_property
    def located(self) -> Bools:
        both = self._flags(_LOCATED)
        np.logical_and(self.mentor.located, self.mentee.located[:, None], out=both)
        return both

    @cached_property
    def km(self) -> Floats:
        """Great-circle distances (meaningless where not located)."""
        chord, step = self._floats(_KM), self._floats(_KM_TEMP)
        there, here = self.mentor.xyz, self.mentee.xyz
        np.subtract(there[0], here[0][:, None], out=chord)
        np.square(chord, out=chord)
        for axis in (1, 2):
            np.subtract(there[axis], here[axis][:, None], out=step)
            np.square(step, out=step)
            chord += step
        np.sqrt(chord, out=chord)
        chord /= 2
        np.clip(chord, 0, 1, out=chord)
        np.arcsin(chord, out=chord)
        chord *= _TWO_EARTH_RADII
        return chord

    @cached_property
    def years_apart(self) -> Floats:
        """Differences of birth years (huge when either is unknown)."""
        years = self._floats(_YEARS)
        np.subtract(self.mentor.birth_year, self.mentee.birth_year[:, None], out=years)
        np.abs(years, out=years)
        return years


def _forbidden_by_mentee(
    forbidden: Iterable[tuple[int, int]], index: MentorIndex
) -> dict[int, list[int]]:
    """Mentee id -> positions in the index of the mentors she must never be paired with."""
    positions = index.positions()
    found: dict[int, list[int]] = {}
    for mentee_id, mentor_id in forbidden:
        if (position := positions.get(mentor_id)) is not None:
            found.setdefault(mentee_id, []).append(position)
    return found


def _block_totals(
    config: MatchingConfig,
    index: MentorIndex,
    mentees: _Mentees,
    banned: Mapping[int, list[int]],
    dtype: type[np.floating[Any]],
) -> Floats:
    """Totals of a block; a removed pair is below _FEASIBLE_FLOOR, a forbidden one -inf.

    The result lives in the thread's scratch arrays: it is valid until the thread's next block.
    """
    totals = _Block(config, index, mentees, dtype).total()
    for row, mentee_id in enumerate(mentees.ids.tolist()):
        if mentee_id in banned:
            totals[row, banned[mentee_id]] = -np.inf
    return totals


def _blocks(
    config: MatchingConfig,
    index: MentorIndex,
    mentees: _Mentees,
    banned: Mapping[int, list[int]],
    dtype: type[np.floating[Any]],
) -> Iterator[tuple[int, Floats]]:
    """(first row, totals) for blocks of mentees small enough for the CPU cache."""
    rows = max(1, _BLOCK_CELLS // max(len(index), 1))
    for first in range(0, len(mentees.ids), rows):
        yield first, _block_totals(config, index, mentees.rows(first, first + rows), banned, dtype)


def _with_minus_infinity(scores: Floats) -> Floats:
    """A copy in which every removed pair is -inf."""
    found = scores.copy()
    found[found < _FEASIBLE_FLOOR] = -np.inf
    return found


def _best_per_row(scores: Floats, k: int) -> tuple[Ints, Ints, Floats]:
    """The k best feasible scores of every row: (rows, columns, scores), best first, ties by column."""
    rows, columns = scores.shape
    if k <= 0 or columns == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, scores.dtype)
    floor = np.full(rows, -np.inf, scores.dtype)
    groups = columns // _TOP_K_GROUP
    if groups >= k:
        maxima = scores[:, : groups * _TOP_K_GROUP].reshape(rows, groups, _TOP_K_GROUP).max(axis=2)
        if columns > groups * _TOP_K_GROUP:
            maxima = np.concatenate(
                [maxima, scores[:, groups * _TOP_K_GROUP :].max(axis=1, keepdims=True)], 1
            )
        # At least k scores of a row reach the k-th largest group maximum, so all of its k best do.
        floor = np.partition(maxima, maxima.shape[1] - k, axis=1)[:, maxima.shape[1] - k]
    floor = np.maximum(floor, _FEASIBLE_FLOOR)  # a removed pair is never a candidate
    found = np.flatnonzero(scores >= floor[:, None])  # 20 times faster than a 2-D np.nonzero
    found_rows, found_columns = np.divmod(found, columns)
    values = scores.reshape(-1)[found]
    order = np.lexsort((found_columns, -values, found_rows))
    found_rows, found_columns, values = found_rows[order], found_columns[order], values[order]
    rank = np.arange(len(found_rows)) - np.searchsorted(found_rows, found_rows)
    keep = rank < k
    return found_rows[keep].astype(np.int64), found_columns[keep].astype(np.int64), values[keep]


# --- Public vectorised API -----------------------------------------------------------------------


def criterion_scores_one(
    config: MatchingConfig, index: MentorIndex, mentee: ProfileData
) -> dict[str, Floats]:
    """Each criterion's score (questions as "question:<key>") of the mentee against every mentor."""
    block = _Block(config, index, _Mentees.encode(index, config, [mentee]), np.float64)
    return {
        name: block.criterion(name, np.empty((1, len(index))))[0] for name, _ in config.weighted()
    }


def score_one(
    config: MatchingConfig,
    index: MentorIndex,
    mentee: ProfileData,
    forbidden: frozenset[tuple[int, int]] = frozenset(),
) -> Floats:
    """Total scores (float64) of the mentee against every mentor of the index; -inf where infeasible."""
    return _with_minus_infinity(_one(config, index, mentee, forbidden))


def _one(
    config: MatchingConfig,
    index: MentorIndex,
    mentee: ProfileData,
    forbidden: frozenset[tuple[int, int]],
) -> Floats:
    banned = _forbidden_by_mentee(((a, b) for a, b in forbidden if a == mentee.id), index)
    encoded = _Mentees.encode(index, config, [mentee])
    totals: Floats = _block_totals(config, index, encoded, banned, np.float64)[0]
    return totals


def top_k(
    config: MatchingConfig,
    index: MentorIndex,
    mentee: ProfileData,
    k: int,
    forbidden: frozenset[tuple[int, int]] = frozenset(),
) -> list[tuple[int, float]]:
    """The k best feasible mentors as (position in the index, score), best first, ties by position."""
    _, columns, values = _best_per_row(_one(config, index, mentee, forbidden)[None, :], k)
    return [(int(c), float(v)) for c, v in zip(columns, values, strict=True)]


def score_matrix(
    config: MatchingConfig,
    mentees: Sequence[ProfileData],
    index: MentorIndex,
    forbidden: frozenset[tuple[int, int]] = frozenset(),
    chunk: int = 512,
) -> Iterator[tuple[int, Floats]]:
    """(first row, scores) for chunks of mentees against every mentor; float32, -inf where infeasible.

    Each chunk is a new chunk x mentors array (100 MB for 512 x 50,000), so choose the chunk to
    fit; candidate_lists() needs no such matrix.
    """
    banned = _forbidden_by_mentee(forbidden, index)
    for start in range(0, len(mentees), chunk):
        encoded = _Mentees.encode(index, config, mentees[start : start + chunk])
        scores = np.empty((len(encoded.ids), len(index)), np.float32)
        for first, totals in _blocks(config, index, encoded, banned, np.float32):
            scores[first : first + len(totals)] = totals
        scores[scores < _FEASIBLE_FLOOR] = -np.inf
        yield start, scores


def candidate_lists(
    config: MatchingConfig,
    mentees: Sequence[ProfileData],
    index: MentorIndex,
    k: int,
    forbidden: frozenset[tuple[int, int]] = frozenset(),
    progress: Progress | None = None,
    *,
    chunk: int = 512,
) -> tuple[Ints, Ints, npt.NDArray[np.float64]]:
    """The k best feasible mentors of every mentee as flat arrays (mentee row, mentor position, score).

    Rows follow the order of mentees, each row's candidates best first. Mentors without a free
    place are left out up front. Chunks of mentees run on every CPU the process may use, each
    thread in float32 blocks of about 250,000 pairs (some 10 MB of scratch arrays per thread, so
    memory grows only with the result); progress(done, total) is called after each chunk, in the
    calling thread.
    """
    open_positions = np.flatnonzero(index.capacity > 0)
    mentors = index.take(open_positions)
    banned = _forbidden_by_mentee(forbidden, mentors)

    def work(start: int) -> tuple[Ints, Ints, Floats]:
        encoded = _Mentees.encode(mentors, config, mentees[start : start + chunk])
        parts = []
        for first, totals in _blocks(config, mentors, encoded, banned, np.float32):
            rows, columns, values = _best_per_row(totals, k)
            parts.append((rows + start + first, open_positions[columns], values))
        return _concatenate(parts)

    starts = range(0, len(mentees), chunk)
    results = []
    with ThreadPoolExecutor(max_workers=min(_cpus(), max(len(starts), 1))) as pool:
        for start, result in zip(starts, pool.map(work, starts), strict=True):
            results.append(result)
            if progress is not None:
                progress(min(start + chunk, len(mentees)), len(mentees))
    rows, columns, values = _concatenate(results)
    return rows, columns, values.astype(np.float64)


def _concatenate(parts: Sequence[tuple[Ints, Ints, Floats]]) -> tuple[Ints, Ints, Floats]:
    if not parts:
        return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.float32)
    rows, columns, values = zip(*parts, strict=True)
    return np.concatenate(rows), np.concatenate(columns), np.concatenate(values)


def _cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
