"""Optimal capacity-aware assignment of mentees to mentors on a sparse candidate graph.

The problem is a maximum-weight b-matching: each mentee at most once, mentor j at most capacities[j]
times. It becomes a minimum-weight full bipartite matching (scipy's LAPJVsp): every mentor gets one
column per place, and every mentee one extra column of her own that stands for "stays unmatched".
A pair's cost is C - score and "unmatched" costs C, with C above every score, so the cheapest full
matching is exactly the assignment with the largest total score. Greedy would not do: it loses a few
per cent of the total and strands mentees whose only candidates went to others first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

# Among assignments with the same total score, prefer the one that matches more mentees. The bonus
# per pair is far below any real score difference: at most 1e-12 * mentees in total.
_MATCH_BONUS = 1e-12


def assign(
    n_mentees: int,
    rows: npt.ArrayLike,
    cols: npt.ArrayLike,
    scores: npt.ArrayLike,
    capacities: npt.ArrayLike,
    pinned: Sequence[tuple[int, int]] = (),
    forbidden: Iterable[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """(mentee, mentor) pairs with the largest total score, sorted by mentee.

    rows, cols and scores list the candidate pairs (mentee index, mentor index, score >= 0); pairs
    with a negative or non-finite score, and forbidden pairs, are never chosen; duplicates count
    once with their best score. Pinned pairs are always in the result and use one of their
    mentor's places; their mentees take no further part.
    """
    capacity = np.array(capacities, dtype=np.int64, copy=True).reshape(-1)
    pins = [(int(i), int(j)) for i, j in pinned]
    banned = {(int(i), int(j)) for i, j in forbidden}
    _check_pins(pins, banned, n_mentees, len(capacity))
    for _, mentor in pins:
        capacity[mentor] -= 1
    r, c, s = _candidates(n_mentees, rows, cols, scores, capacity, {i for i, _ in pins}, banned)
    return sorted(pins + _best_matching(r, c, s, capacity))


def _check_pins(
    pins: list[tuple[int, int]], banned: set[tuple[int, int]], n_mentees: int, n_mentors: int
) -> None:
    mentees = [i for i, _ in pins]
    if len(set(mentees)) < len(mentees):
        raise ValueError("a mentee is pinned to more than one mentor")
    for i, j in pins:
        if not (0 <= i < n_mentees and 0 <= j < n_mentors):
            raise ValueError(f"pinned pair {(i, j)} is out of range")
        if (i, j) in banned:
            raise ValueError(f"pair {(i, j)} is both pinned and forbidden")


def _candidates(
    n_mentees: int,
    rows: npt.ArrayLike,
    cols: npt.ArrayLike,
    scores: npt.ArrayLike,
    capacity: npt.NDArray[np.int64],
    pinned_mentees: set[int],
    banned: set[tuple[int, int]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """The usable candidate pairs, each (mentee, mentor) once with its best score."""
    r = np.asarray(rows, dtype=np.int64).reshape(-1)
    c = np.asarray(cols, dtype=np.int64).reshape(-1)
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    if not len(r) == len(c) == len(s):
        raise ValueError("rows, cols and scores must have the same length")
    if len(r) and (r.min() < 0 or r.max() >= n_mentees or c.min() < 0 or c.max() >= len(capacity)):
        raise ValueError("a candidate pair is out of range")
    keep = np.isfinite(s) & (s >= 0) & (capacity[c] > 0)
    if pinned_mentees:
        keep &= ~np.isin(r, np.fromiter(pinned_mentees, np.int64))
    if banned:
        pairs = np.array(sorted(banned), dtype=np.int64)
        keep &= ~np.isin(r * len(capacity) + c, pairs[:, 0] * len(capacity) + pairs[:, 1])
    r, c, s = r[keep], c[keep], s[keep]
    order = np.lexsort((-s, c, r))
    r, c, s = r[order], c[order], s[order]
    first = np.ones(len(r), dtype=bool)
    first[1:] = (r[1:] != r[:-1]) | (c[1:] != c[:-1])
    return r[first], c[first], s[first]


def _best_matching(
    r: npt.NDArray[np.int64],
    c: npt.NDArray[np.int64],
    s: npt.NDArray[np.float64],
    capacity: npt.NDArray[np.int64],
) -> list[tuple[int, int]]:
    if not len(r):
        return []
    mentees, row = np.unique(r, return_inverse=True)
    mentors, col = np.unique(c, return_inverse=True)
    # A mentor never needs more places than she has candidates.
    places = np.minimum(capacity[mentors], np.bincount(col))
    first_place = np.cumsum(places) - places
    repeat = places[col]
    edge_row = np.repeat(row, repeat)
    within = np.arange(len(edge_row)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    edge_col = np.repeat(first_place[col], repeat) + within
    ceiling = 1.0 + max(1.0, float(s.max()))  # every cost stays > 0: no explicit zeros
    edge_cost = np.repeat(ceiling - s - _MATCH_BONUS, repeat)
    n_rows, n_places = len(mentees), int(places.sum())
    stay = np.arange(n_rows)
    graph = csr_matrix(
        (
            np.concatenate([edge_cost, np.full(n_rows, ceiling)]),
            (np.concatenate([edge_row, stay]), np.concatenate([edge_col, n_places + stay])),
        ),
        shape=(n_rows, n_places + n_rows),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    real = matched_cols < n_places
    owner = np.repeat(np.arange(len(mentors)), places)
    return [
        (int(i), int(j))
        for i, j in zip(
            mentees[matched_rows[real]], mentors[owner[matched_cols[real]]], strict=True
        )
    ]


def dense_optimum(score_matrix: npt.ArrayLike, capacities: npt.ArrayLike) -> float:
    """The exact best total on a dense (mentees x mentors) matrix; for tests and benchmarks.

    Infeasible pairs (-inf) and negative scores count as "unmatched" (0): with every feasible score
    >= 0, linear_sum_assignment over mentor places then finds the optimum of assign().
    """
    scores = np.asarray(score_matrix, dtype=np.float64)
    places = np.clip(np.asarray(capacities, dtype=np.int64).reshape(-1), 0, scores.shape[0])
    gains = np.where(np.isfinite(scores) & (scores > 0), scores, 0.0)
    expanded = np.repeat(gains, places, axis=1)
    if expanded.size == 0:
        return 0.0
    matched_rows, matched_cols = linear_sum_assignment(expanded, maximize=True)
    return float(expanded[matched_rows, matched_cols].sum())
