"""Age figures from a count of people per age: youngest, oldest, median and bands (pure maths)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# (lowest, highest) age of each band; None is open-ended.
BANDS: tuple[tuple[int | None, int | None], ...] = (
    (None, 17),
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 54),
    (55, 64),
    (65, None),
)


@dataclass(frozen=True)
class AgeBand:
    low: int | None
    high: int | None
    count: int


@dataclass(frozen=True)
class AgeSummary:
    count: int
    youngest: int | None
    oldest: int | None
    median: float | None
    bands: list[AgeBand]


def summarise_ages(people_by_age: Mapping[int, int]) -> AgeSummary:
    """Summarise {age: number of people}; a median between two ages is their mean."""
    ages = sorted(age for age, count in people_by_age.items() if count > 0)
    total = sum(people_by_age[age] for age in ages)
    bands = [
        AgeBand(low, high, sum(people_by_age[a] for a in ages if _within(a, low, high)))
        for low, high in BANDS
    ]
    if not total:
        return AgeSummary(0, None, None, None, bands)
    return AgeSummary(total, ages[0], ages[-1], _median(ages, people_by_age, total), bands)


def _within(age: int, low: int | None, high: int | None) -> bool:
    return (low is None or age >= low) and (high is None or age <= high)


def _median(ages: list[int], people_by_age: Mapping[int, int], total: int) -> float:
    """The median of the expanded list, walking the counts instead of expanding them."""
    middle = [(total - 1) // 2, total // 2]  # zero-based positions of the middle person(s)
    found: list[int] = []
    seen = 0
    for age in ages:
        seen += people_by_age[age]
        while middle and middle[0] < seen:
            found.append(age)
            middle.pop(0)
    return (found[0] + found[1]) / 2
