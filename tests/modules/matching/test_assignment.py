"""Batch assignment: optimal under capacities, pinned pairs kept, forbidden pairs never chosen."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentornet.modules.matching.assignment import assign, dense_optimum

Pair = tuple[int, int]


def brute_force(
    scores: np.ndarray,
    capacities: Sequence[int],
    pinned: Sequence[Pair] = (),
    forbidden: set[Pair] | None = None,
) -> float:
    """The best total over every way to give each mentee one mentor or none."""
    forbidden = forbidden or set()
    left = list(capacities)
    fixed = dict(pinned)
    for mentor in fixed.values():
        left[mentor] -= 1
    best = -math.inf

    def walk(mentee: int, total: float) -> None:
        nonlocal best
        if mentee == scores.shape[0]:
            best = max(best, total)
            return
        if mentee in fixed:
            walk(mentee + 1, total + scores[mentee, fixed[mentee]])
            return
        walk(mentee + 1, total)
        for mentor in range(scores.shape[1]):
            score = scores[mentee, mentor]
            if left[mentor] > 0 and np.isfinite(score) and (mentee, mentor) not in forbidden:
                left[mentor] -= 1
                walk(mentee + 1, total + score)
                left[mentor] += 1

    walk(0, 0.0)
    return best


def candidates(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(np.isfinite(scores))
    return rows, cols, scores[rows, cols]


def total(scores: np.ndarray, pairs: Sequence[Pair]) -> float:
    return float(sum(scores[i, j] for i, j in pairs))


def assert_valid(pairs: Sequence[Pair], scores: np.ndarray, capacities: Sequence[int]) -> None:
    mentees = [i for i, _ in pairs]
    assert len(mentees) == len(set(mentees)), "a mentee got two mentors"
    for mentor, taken in Counter(j for _, j in pairs).items():
        assert taken <= max(capacities[mentor], 0), "a mentor got more mentees than places"
    assert all(np.isfinite(scores[i, j]) for i, j in pairs)
    assert list(pairs) == sorted(pairs)


@st.composite
def instances(
    draw: st.DrawFn, max_mentees: int = 6, max_mentors: int = 4
) -> tuple[np.ndarray, list[int]]:
    n_mentees, n_mentors = draw(st.integers(1, max_mentees)), draw(st.integers(1, max_mentors))
    cell = st.sampled_from([-math.inf, 0.0, 0.1, 0.25, 0.5, 0.5, 0.75, 0.9, 1.0]) | st.floats(0, 1)
    scores = np.array(
        [[draw(cell) for _ in range(n_mentors)] for _ in range(n_mentees)], dtype=float
    )
    capacities = [draw(st.integers(0, 3)) for _ in range(n_mentors)]
    return scores, capacities


@settings(max_examples=150, deadline=None)
@given(instances())
def test_assignment_is_optimal_against_brute_force_and_the_dense_optimum(
    instance: tuple[np.ndarray, list[int]],
) -> None:
    scores, capacities = instance
    pairs = assign(scores.shape[0], *candidates(scores), np.array(capacities))
    assert_valid(pairs, scores, capacities)
    best = brute_force(scores, capacities)
    assert total(scores, pairs) == pytest.approx(best, abs=1e-9)
    assert dense_optimum(scores, capacities) == pytest.approx(best, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(instances(), st.data())
def test_pinned_pairs_are_kept_and_forbidden_pairs_never_chosen(
    instance: tuple[np.ndarray, list[int]], data: st.DataObject
) -> None:
    scores, capacities = instance
    n_mentees, n_mentors = scores.shape
    cells = st.tuples(st.integers(0, n_mentees - 1), st.integers(0, n_mentors - 1))
    forbidden = data.draw(st.sets(cells, max_size=4))
    pinned = {i: j for i, j in data.draw(st.lists(cells, max_size=2)) if (i, j) not in forbidden}
    pins = sorted(pinned.items())
    pairs = assign(
        n_mentees, *candidates(scores), np.array(capacities), pinned=pins, forbidden=forbidden
    )
    assert set(pins) <= set(pairs)
    assert not set(pairs) & forbidden
    free = [i for i, j in pairs if (i, j) not in pins]
    assert not set(free) & set(pinned)
    unpinned_scores = np.where(np.isfinite(scores), scores, -math.inf)
    for i, j in pins:  # a pinned pair need not be a candidate
        unpinned_scores[i, j] = scores[i, j] if np.isfinite(scores[i, j]) else 0.0
    best = brute_force(unpinned_scores, capacities, pins, forbidden)
    assert total(unpinned_scores, pairs) == pytest.approx(best, abs=1e-9)
    for mentor, taken in Counter(j for i, j in pairs if (i, j) not in pins).items():
        assert taken <= capacities[mentor] - sum(1 for _, m in pins if m == mentor)


def test_greedy_would_lose_score_and_strand_a_mentee() -> None:
    # Greedy takes the single best pair (0, 0) first; then mentee 1 has nobody left.
    scores = np.array([[0.9, 0.8], [0.85, -math.inf]])
    pairs = assign(2, *candidates(scores), np.array([1, 1]))
    assert pairs == [(0, 1), (1, 0)]
    assert total(scores, pairs) == pytest.approx(1.65)


def test_greedy_would_lose_score_on_a_full_graph() -> None:
    scores = np.array([[1.0, 0.9, 0.0], [0.95, 0.1, 0.0], [0.2, 0.85, 0.8]])
    pairs = assign(3, *candidates(scores), np.array([1, 1, 1]))
    assert total(scores, pairs) == pytest.approx(0.9 + 0.95 + 0.8)


def test_capacity_lets_a_mentor_take_several_mentees() -> None:
    scores = np.array([[0.9, 0.1], [0.8, 0.2], [0.7, 0.3]])
    assert assign(3, *candidates(scores), np.array([2, 1])) == [(0, 0), (1, 0), (2, 1)]
    assert assign(3, *candidates(scores), np.array([0, 1])) == [(2, 1)]


def test_a_pinned_pair_uses_a_place_of_its_mentor() -> None:
    scores = np.array([[0.1, 0.0], [0.9, 0.2]])
    pairs = assign(2, *candidates(scores), np.array([1, 1]), pinned=[(0, 0)])
    assert pairs == [(0, 0), (1, 1)]


def test_duplicate_candidates_count_once_with_their_best_score() -> None:
    pairs = assign(2, [0, 0, 1], [0, 0, 0], [0.2, 0.9, 0.5], np.array([1]))
    assert pairs == [(0, 0)]


def test_pairs_with_zero_score_are_still_made_but_never_infeasible_ones() -> None:
    scores = np.array([[0.0, -math.inf], [-math.inf, -math.inf]])
    assert assign(2, [0, 0, 1], [0, 1, 1], [0.0, -math.inf, np.nan], np.array([1, 1])) == [(0, 0)]
    assert assign(2, *candidates(scores), np.array([1, 1])) == [(0, 0)]
    assert assign(3, [], [], [], np.array([2])) == []


def test_top_k_candidates_covering_every_mentor_reach_the_dense_optimum() -> None:
    rng = np.random.default_rng(7)
    scores = rng.random((60, 40))
    scores[rng.random(scores.shape) < 0.3] = -math.inf
    capacities = rng.integers(0, 4, 40)
    pairs = assign(60, *candidates(scores), capacities)
    assert_valid(pairs, scores, capacities.tolist())
    assert total(scores, pairs) == pytest.approx(dense_optimum(scores, capacities), abs=1e-9)


def test_inconsistent_pins_are_refused() -> None:
    with pytest.raises(ValueError, match="more than one mentor"):
        assign(2, [], [], [], np.array([1, 1]), pinned=[(0, 0), (0, 1)])
    with pytest.raises(ValueError, match="both pinned and forbidden"):
        assign(2, [], [], [], np.array([1, 1]), pinned=[(0, 0)], forbidden=[(0, 0)])
    with pytest.raises(ValueError, match="out of range"):
        assign(2, [5], [0], [0.5], np.array([1]))
