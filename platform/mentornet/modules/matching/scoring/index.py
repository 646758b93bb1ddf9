"""Mentors' (and a few mentees') features as integer codes and bitmasks, ready for blocks."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mentornet.modules.matching.scoring.data import (
    _FAR,
    CEFR_LEVELS,
    Bools,
    Codes,
    Floats,
    Ints,
    Masks,
    MatchingConfig,
    ProfileData,
)
from mentornet.modules.matching.scoring.rules import _Facts

_BITS = 64


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
