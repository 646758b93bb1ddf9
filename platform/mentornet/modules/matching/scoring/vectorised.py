"""The public vectorised API: scores and best candidates of mentees against a MentorIndex."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import numpy.typing as npt

from mentornet.modules.matching.scoring.blocks import _Block, _block_totals, _blocks
from mentornet.modules.matching.scoring.data import (
    _FEASIBLE_FLOOR,
    Floats,
    Ints,
    MatchingConfig,
    ProfileData,
    Progress,
)
from mentornet.modules.matching.scoring.index import MentorIndex, _Mentees

# Top-k search: the k-th best of per-group maxima bounds the k-th best score from below.
_TOP_K_GROUP = 64


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
