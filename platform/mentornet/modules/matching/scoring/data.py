"""What scoring works on: profiles and a tenant's configuration as plain data; the rules' constants."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
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
_CEFR_RANK = {level: rank for rank, level in enumerate(CEFR_LEVELS)}
_TWO_EARTH_RADII = 2 * EARTH_RADIUS_KM
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
