"""The matching benchmarks run end to end on tiny sizes (the real figures come from the CLI)."""

from __future__ import annotations

from mentornet.modules.matching import bench
from mentornet.modules.matching.scoring import CEFR_LEVELS
from mentornet.modules.profiles.classifications import isced_fields, isco


def test_synthetic_profiles_are_realistic_and_reproducible() -> None:
    mentors = bench.synthetic_profiles(200, "mentor", seed=3)
    assert mentors == bench.synthetic_profiles(200, "mentor", seed=3)
    assert [m.id for m in mentors] == list(range(1, 201))
    assert {m.capacity for m in mentors} == {1, 2, 3}
    for m in mentors:
        assert m.occupation_code is None or (
            len(m.occupation_code) == 4 and m.occupation_code in isco()
        )
        assert m.education_field is None or m.education_field in isced_fields()
        assert all(level in CEFR_LEVELS for _, level in m.languages)
        assert m.birth_year is not None and 1955 <= m.birth_year <= 2007
        assert m.latitude is None or 54 < m.latitude < 58
    mentees = bench.synthetic_profiles(50, "mentee", seed=4)
    assert not {m.user_id for m in mentees} & {m.user_id for m in mentors}


def test_suggestion_benchmark_reports_its_figures() -> None:
    figures = bench.bench_suggest(n_mentors=300, repeats=3)
    assert figures["suggest_top10_ms"] > 0
    assert figures["suggest_speedup_vs_python"] > 1
    assert figures["suggest_reference_agrees"] is True
    assert "scaled linearly" in figures["suggest_notes"]


def test_batch_benchmark_is_within_a_hair_of_the_optimum() -> None:
    figures = bench.bench_batch(n=300, k=20)
    assert figures["batch_5k_s"] > 0
    assert 0.99 <= figures["batch_5k_score_vs_optimal"] <= 1.0000001
    assert figures["batch_5k_matched"] > 200


def test_large_batch_benchmark_reports_time_memory_and_progress() -> None:
    seen: list[tuple[int, int]] = []
    figures = bench.bench_batch_large(
        n=300, progress=lambda done, total: seen.append((done, total))
    )
    assert figures["batch_50k_s"] > 0
    assert figures["batch_50k_peak_mb"] >= 0
    assert figures["batch_50k_process_peak_mb"] > 0
    assert seen[-1] == (300, 300)
