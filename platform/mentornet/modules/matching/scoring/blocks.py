"""Blocks: the rules applied to mentees (rows) x mentors (columns) in scratch arrays."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from mentornet.modules.matching.scoring.data import (
    _FAR,
    _FIELD_STEPS,
    _INFEASIBLE,
    _TWO_EARTH_RADII,
    AGE_GAP_YEARS,
    FIELD_SHARE,
    LEVEL_SHARE,
    OCCUPATION_DIGITS,
    QUESTION_PREFIX,
    TOP_EDUCATION_LEVEL,
    UNANSWERED_AVAILABILITY,
    Bools,
    Codes,
    Floats,
    Masks,
    MatchingConfig,
)
from mentornet.modules.matching.scoring.index import MentorIndex, _Bits, _Mentees, _Numbers

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


# Rows of a block times mentors: small enough that a block's temporaries stay in the CPU cache.
BLOCK_CELLS = 1 << 18


def _blocks(
    config: MatchingConfig,
    index: MentorIndex,
    mentees: _Mentees,
    banned: Mapping[int, list[int]],
    dtype: type[np.floating[Any]],
) -> Iterator[tuple[int, Floats]]:
    """(first row, totals) for blocks of mentees small enough for the CPU cache."""
    rows = max(1, BLOCK_CELLS // max(len(index), 1))
    for first in range(0, len(mentees.ids), rows):
        yield first, _block_totals(config, index, mentees.rows(first, first + rows), banned, dtype)
