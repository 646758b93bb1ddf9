"""Benchmarks of the matching budgets (docs/architecture.md, "Performance budgets") on realistic synthetic data; pure, no Flask.

`mentornet bench matching` prints these figures; they are measured here, never in timed unit tests.
"""

from __future__ import annotations

import heapq
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

import numpy as np

from mentornet.modules.matching import scoring
from mentornet.modules.matching.assignment import assign, dense_optimum
from mentornet.modules.matching.scoring import MatchingConfig, MentorIndex, ProfileData
from mentornet.modules.profiles.classifications import isced_fields, isco

Role = Literal["mentee", "mentor"]

# Danish towns with rough centre coordinates; the first ones weigh most, like the population.
CITIES: tuple[tuple[str, float, float], ...] = (
    ("København", 55.676, 12.568),
    ("Aarhus", 56.157, 10.211),
    ("Odense", 55.403, 10.402),
    ("Aalborg", 57.048, 9.919),
    ("Esbjerg", 55.476, 8.459),
    ("Frederiksberg", 55.679, 12.534),
    ("Randers", 56.461, 10.036),
    ("Kolding", 55.490, 9.472),
    ("Horsens", 55.861, 9.850),
    ("Vejle", 55.709, 9.536),
    ("Roskilde", 55.642, 12.080),
    ("Herning", 56.138, 8.973),
    ("Helsingør", 56.036, 12.614),
    ("Silkeborg", 56.169, 9.545),
    ("Næstved", 55.230, 11.761),
    ("Fredericia", 55.565, 9.752),
    ("Viborg", 56.453, 9.402),
    ("Køge", 55.458, 12.182),
    ("Holstebro", 56.360, 8.616),
    ("Taastrup", 55.650, 12.300),
    ("Slagelse", 55.403, 11.354),
    ("Hillerød", 55.927, 12.301),
    ("Sønderborg", 54.914, 9.792),
    ("Svendborg", 55.060, 10.607),
    ("Hjørring", 57.464, 9.982),
    ("Holbæk", 55.717, 11.713),
    ("Frederikshavn", 57.441, 10.537),
    ("Ishøj", 55.615, 12.352),
    ("Ringsted", 55.443, 11.790),
    ("Haderslev", 55.253, 9.489),
    ("Albertslund", 55.657, 12.353),
    ("Ballerup", 55.731, 12.363),
    ("Greve", 55.583, 12.300),
    ("Skive", 56.567, 9.027),
    ("Nyborg", 55.312, 10.790),
    ("Aabenraa", 55.044, 9.419),
    ("Thisted", 56.957, 8.695),
    ("Nakskov", 54.831, 11.135),
    ("Rønne", 55.100, 14.706),
    ("Middelfart", 55.506, 9.730),
)
HOME_LANGUAGES = (
    "ar",
    "fa",
    "so",
    "ti",
    "uk",
    "ru",
    "pl",
    "ro",
    "tr",
    "ku",
    "ur",
    "pa",
    "hi",
    "ta",
    "vi",
)
OTHER_LANGUAGES = ("th", "tl", "zh", "es", "fr", "de", "pt", "sv", "nb", "sq", "bs", "am", "ps")
GOALS = (
    "job",
    "education",
    "recognition",
    "career",
    "network",
    "danish_society",
    "danish_language",
    "start_business",
)
SLOTS = ("weekday_daytime", "weekday_evening", "weekend")
SECTORS = (
    "health",
    "teaching",
    "it",
    "engineering",
    "business",
    "law_public",
    "culture_media",
    "social",
    "hospitality",
    "trades",
)
MEETING_FORMATS = ("in_person", "online", "either")


def default_config() -> MatchingConfig:
    """Weights and constraints like the Danish reference tenant, with the age gap weighed too."""
    return MatchingConfig(
        weights={
            "occupation": 30,
            "education": 25,
            "goals": 25,
            "languages": 5,
            "distance": 10,
            "age_gap": 5,
            "availability": 5,
        },
        question_weights={"sectors": 10, "meeting_format": 5},
        shared_language=True,
        usable_language_level="B1",
        max_distance_km=75,
        max_age_gap=0,
    )


@cache
def _popular(kind: str) -> tuple[tuple[str, ...], np.ndarray]:
    """Codes with Zipf-like weights in a fixed shuffled order: a few occupations are common."""
    if kind == "isco":
        codes = sorted(code for code in isco() if len(code) == 4 and not code.startswith("0"))
    else:
        codes = sorted(code for code in isced_fields() if len(code) == 4)
    order = np.random.default_rng(1234).permutation(len(codes))
    weights = 1 / np.arange(1, len(codes) + 1) ** 0.9
    return tuple(codes[i] for i in order), weights / weights.sum()


def synthetic_profiles(n: int, role: Role, seed: int) -> list[ProfileData]:
    """n random but realistic mentees or mentors (ids from 1; user ids differ between roles)."""
    rng = np.random.default_rng(seed)
    occupations, occupation_weights = _popular("isco")
    fields, field_weights = _popular("isced")
    city_weights = 1 / np.arange(1, len(CITIES) + 1) ** 1.1
    mentor = role == "mentor"
    draws = {
        "city": rng.choice(len(CITIES), n, p=city_weights / city_weights.sum()),
        "occupation": rng.choice(len(occupations), n, p=occupation_weights),
        "field": rng.choice(len(fields), n, p=field_weights),
        "digits": rng.choice([2, 3, 4], n, p=[0.05, 0.1, 0.85]),
        "born": rng.integers(1955, 2001, n) if mentor else rng.integers(1965, 2008, n),
        "level": rng.integers(5, 9, n) if mentor else rng.integers(2, 9, n),
        "jitter": rng.normal(0, 1, (n, 2)) * (0.05, 0.08),
        "chance": rng.random((n, 5)),
        "capacity": rng.integers(1, 4, n) if mentor else np.ones(n, np.int64),
    }
    found = []
    for i in range(n):
        name, lat, lon = CITIES[draws["city"][i]]
        located, named, has_occupation, has_field, has_slots = draws["chance"][i] < (
            0.9,
            0.97,
            0.95,
            0.93,
            0.9,
        )
        found.append(
            ProfileData(
                id=i + 1,
                user_id=(1_000_000 if mentor else 0) + i + 1,
                birth_year=int(draws["born"][i]),
                languages=_languages(rng, role),
                city=name if named else None,
                latitude=float(lat + draws["jitter"][i, 0]) if located else None,
                longitude=float(lon + draws["jitter"][i, 1]) if located else None,
                occupation_code=occupations[draws["occupation"][i]] if has_occupation else None,
                education_level=str(draws["level"][i]),
                education_field=fields[draws["field"][i]][: draws["digits"][i]]
                if has_field
                else None,
                goals=_some(rng, GOALS, 2, 6) if mentor else _some(rng, GOALS, 1, 4),
                availability=_some(rng, SLOTS, 1, 4) if has_slots else (),
                answers={
                    "sectors": list(_some(rng, SECTORS, 1, 4)),
                    "meeting_format": MEETING_FORMATS[int(rng.integers(len(MEETING_FORMATS)))],
                },
                capacity=int(draws["capacity"][i]),
            )
        )
    return found


def _some(rng: np.random.Generator, values: Sequence[str], low: int, high: int) -> tuple[str, ...]:
    """Between low and high - 1 distinct values."""
    count = int(rng.integers(low, high))
    return tuple(values[i] for i in rng.permutation(len(values))[:count])


def _languages(rng: np.random.Generator, role: Role) -> tuple[tuple[str, str], ...]:
    levels = scoring.CEFR_LEVELS
    if role == "mentor":
        spoken = [("da", "C2")]
        if rng.random() < 0.8:
            spoken.append(("en", levels[int(rng.integers(2, 6))]))
        if rng.random() < 0.15:
            spoken.append((str(rng.choice(HOME_LANGUAGES)), "C2"))
        if rng.random() < 0.2:
            spoken.append((str(rng.choice(OTHER_LANGUAGES)), levels[int(rng.integers(0, 5))]))
        return tuple(spoken)
    spoken = [(str(rng.choice(HOME_LANGUAGES)), "C2"), ("da", levels[int(rng.integers(0, 5))])]
    if rng.random() < 0.6:
        spoken.append(("en", levels[int(rng.integers(0, 6))]))
    if rng.random() < 0.1:
        spoken.append((str(rng.choice(OTHER_LANGUAGES)), levels[int(rng.integers(0, 6))]))
    return tuple(spoken)


def _median_ms(samples: Sequence[float]) -> float:
    return 1000 * statistics.median(samples)


def python_top_k(
    config: MatchingConfig, mentee: ProfileData, mentors: Sequence[ProfileData], k: int
) -> list[tuple[int, float]]:
    """The plain-Python reference: score_pair over every mentor, then the k best."""
    scored = (
        (scoring.score_pair(config, mentee, mentor), position)
        for position, mentor in enumerate(mentors)
    )
    best = heapq.nlargest(k, ((s, -p) for s, p in scored if s > -np.inf))
    return [(-p, s) for s, p in best]


def bench_suggest(n_mentors: int = 50_000, repeats: int = 50, seed: int = 0) -> dict[str, Any]:
    """Top-10 suggestions for one mentee among n_mentors, vectorised against plain Python."""
    config = default_config()
    mentors = synthetic_profiles(n_mentors, "mentor", seed)
    mentees = synthetic_profiles(repeats, "mentee", seed + 1)
    started = time.perf_counter()
    index = MentorIndex.build(mentors, config)
    build_s = time.perf_counter() - started
    for mentee in mentees[:3]:
        scoring.top_k(config, index, mentee, 10)  # warm caches
    vectorised = []
    for mentee in mentees:
        started = time.perf_counter()
        scoring.top_k(config, index, mentee, 10)
        vectorised.append(time.perf_counter() - started)

    subset = mentors[: min(len(mentors), 2_000)]
    subset_index = MentorIndex.build(subset, config)
    python, agree = [], True
    for mentee in mentees[:5]:
        started = time.perf_counter()
        expected = python_top_k(config, mentee, subset, 10)
        python.append((time.perf_counter() - started) * len(mentors) / len(subset))
        found = scoring.top_k(config, subset_index, mentee, 10)
        agree &= np.allclose([s for _, s in found], [s for _, s in expected], rtol=0, atol=1e-9)
    return {
        "suggest_top10_ms": round(_median_ms(vectorised), 3),
        "suggest_speedup_vs_python": round(
            statistics.median(python) / statistics.median(vectorised), 1
        ),
        "suggest_python_ms": round(_median_ms(python), 1),
        "suggest_index_build_s": round(build_s, 3),
        "suggest_reference_agrees": bool(agree),
        "suggest_notes": (
            f"median of {len(vectorised)} mentees, top_k(k=10) over a warm index of {n_mentors} mentors. "
            f"The plain-Python reference (score_pair per mentor, heapq.nlargest) ran over the first "
            f"{len(subset)} mentors for {len(python)} mentees and is scaled linearly to {n_mentors}; "
            f"its top 10 on that subset agree with top_k to 1e-9: {bool(agree)}."
        ),
    }


def _batch(
    config: MatchingConfig,
    mentees: Sequence[ProfileData],
    mentors: Sequence[ProfileData],
    k: int,
    progress: scoring.Progress | None = None,
) -> tuple[MentorIndex, list[tuple[int, int]], dict[str, float]]:
    """Index, candidate lists and assignment, timed step by step."""
    times = {}
    started = time.perf_counter()
    index = MentorIndex.build(mentors, config)
    times["index"] = time.perf_counter() - started
    rows, cols, scores = scoring.candidate_lists(config, mentees, index, k, progress=progress)
    times["candidates"] = time.perf_counter() - started - times["index"]
    pairs = assign(len(mentees), rows, cols, scores, index.capacity)
    times["assignment"] = time.perf_counter() - started - times["index"] - times["candidates"]
    times["total"] = time.perf_counter() - started
    return index, pairs, {name: round(value, 3) for name, value in times.items()}


def bench_batch(n: int = 5_000, k: int = 30, seed: int = 0) -> dict[str, Any]:
    """Batch n mentees x n mentors (capacities 1-3) against the exact dense optimum."""
    config = default_config()
    mentees = synthetic_profiles(n, "mentee", seed + 2)
    mentors = synthetic_profiles(n, "mentor", seed + 3)
    index, pairs, times = _batch(config, mentees, mentors, k)
    dense = np.stack([scoring.score_one(config, index, mentee) for mentee in mentees])
    achieved = float(sum(dense[i, j] for i, j in pairs))
    optimum = dense_optimum(dense, index.capacity)
    return {
        "batch_5k_s": times["total"],
        "batch_5k_score_vs_optimal": round(achieved / optimum, 6) if optimum > 0 else 1.0,
        "batch_5k_breakdown_s": times,
        "batch_5k_k": k,
        "batch_5k_matched": len(pairs),
        "batch_5k_notes": (
            f"{n} mentees x {n} mentors: index build, top-{k} candidate lists and the optimal "
            "assignment on that candidate graph; the ratio compares its total (float64 scores) with "
            "linear_sum_assignment on the dense score matrix, mentor places expanded by capacity."
        ),
    }


def bench_batch_large(
    n: int = 50_000, seed: int = 0, progress: scoring.Progress | None = None, k: int = 30
) -> dict[str, Any]:
    """Batch n mentees x n mentors, with the peak memory the run added to the process."""
    config = default_config()
    mentees = synthetic_profiles(n, "mentee", seed + 4)
    mentors = synthetic_profiles(n, "mentor", seed + 5)
    with PeakMemory() as memory:
        _, pairs, times = _batch(config, mentees, mentors, k, progress)
    return {
        "batch_50k_s": times["total"],
        "batch_50k_peak_mb": round(memory.added / 2**20, 1),
        "batch_50k_process_peak_mb": round(memory.peak / 2**20, 1),
        "batch_50k_breakdown_s": times,
        "batch_50k_matched": len(pairs),
        "batch_50k_notes": (
            f"{n} x {n}, top-{k} candidates, capacities 1-3. Memory: {memory.method}; "
            "batch_50k_peak_mb is the peak above the level at the start of the run (the input "
            "profiles were made before), batch_50k_process_peak_mb the whole process at its peak."
        ),
    }


class PeakMemory:
    """The peak resident memory of this process while the block runs.

    On Linux a thread samples /proc/self/statm every 10 ms (tracemalloc would slow the run down
    and serialise its threads); elsewhere the growth of ru_maxrss is used, which misses memory
    that an earlier, larger peak had already reserved.
    """

    def __init__(self) -> None:
        self.start = self.peak = self.added = 0
        self.method = "resident set size sampled every 10 ms from /proc/self/statm"
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        current = _resident_bytes()
        if current is None:
            self.method = "growth of resource.getrusage(RUSAGE_SELF).ru_maxrss"
            self.start = self.peak = _max_resident_bytes()
        else:
            self.start = self.peak = current
            self._sampler.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._sampler.is_alive():
            self._stop.set()
            self._sampler.join()
        else:
            self.peak = _max_resident_bytes()
        self.added = max(self.peak - self.start, 0)

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, _resident_bytes() or 0)
        self.peak = max(self.peak, _resident_bytes() or 0)


def _resident_bytes() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return None


def _max_resident_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB on Linux
