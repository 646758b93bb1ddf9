"""Random draws the planner needs, all from one seeded random.Random so a seed gives one network."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def choose(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    values = [value for value, _ in weighted]
    return rng.choices(values, weights=[weight for _, weight in weighted])[0]


def some(rng: random.Random, weighted: Sequence[tuple[T, float]], count: int) -> list[T]:
    """Up to count distinct values, each draw weighted (without replacement)."""
    pool = [(value, weight) for value, weight in weighted if weight > 0]
    found: list[T] = []
    while pool and len(found) < count:
        value = choose(rng, pool)
        found.append(value)
        pool = [(v, w) for v, w in pool if v != value]
    return found


def spread(rng: random.Random, weighted: Sequence[tuple[T, float]], count: int) -> list[T]:
    """count values in proportion to their weights, in random order.

    Systematic sampling: every value whose expected share is at least one is drawn at least once,
    so a long tail of rare values shows up in a large sample instead of depending on luck.
    """
    order = list(weighted)
    rng.shuffle(order)
    total = sum(weight for _, weight in order)
    if count <= 0 or total <= 0:
        return []
    step = total / count
    bounds = list(itertools.accumulate(weight for _, weight in order))
    start = rng.random() * step
    found = [
        order[min(bisect.bisect_right(bounds, start + k * step), len(order) - 1)][0]
        for k in range(count)
    ]
    rng.shuffle(found)
    return found


def quotas(weights: dict[str, float], count: int, minimum: int = 1) -> dict[str, int]:
    """Whole numbers adding up to count, proportional to weights, each at least minimum if room."""
    keys = [key for key, weight in weights.items() if weight > 0]
    floor = minimum if count >= minimum * len(keys) * 3 else 0
    rest = count - floor * len(keys)
    total = sum(weights[key] for key in keys)
    exact = {key: rest * weights[key] / total for key in keys}
    result = {key: floor + int(exact[key]) for key in keys}
    left = count - sum(result.values())
    for key in sorted(keys, key=lambda k: exact[k] - int(exact[k]), reverse=True)[:left]:
        result[key] += 1
    return result


def days(rng: random.Random, low: float, high: float) -> dt.timedelta:
    """A random span between low and high days, to the minute."""
    return dt.timedelta(minutes=round(rng.uniform(low, high) * 24 * 60))
