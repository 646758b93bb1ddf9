"""Match scores: the vectorised scorer agrees with a plain reference written here from the rules."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentornet.modules.matching import bench
from mentornet.modules.matching.scoring import (
    CRITERIA,
    EARTH_RADIUS_KM,
    MatchingConfig,
    MentorIndex,
    ProfileData,
    blocks,
    candidate_lists,
    criterion_scores_one,
    explain,
    score_matrix,
    score_one,
    score_pair,
    top_k,
)

CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]
SLOTS = ["weekday_daytime", "weekday_evening", "weekend"]
GOALS = ["job", "education", "network", "career", "language"]
# The batch scores in float32 blocks (half the memory at 50,000 x 50,000). float32 keeps about seven
# significant digits and a score is a weighted sum of several rounded parts, so it may differ from
# the float64 reference by a few millionths (hypothesis found 2.7e-6); rankings are unaffected.
FLOAT32_ATOL = 1e-5


# --- The reference: the rules of docs/architecture.md (matching), one pair at a time, as plainly as possible -----


def ref_occupation(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    for digits, score in ((4, 1.0), (3, 0.75), (2, 0.5), (1, 0.25)):
        if len(a) >= digits and len(b) >= digits and a[:digits] == b[:digits]:
            return score
    return 0.0


def ref_field(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    for digits, score in ((4, 1.0), (3, 2 / 3), (2, 1 / 3)):
        if len(a) >= digits and len(b) >= digits and a[:digits] == b[:digits]:
            return score
    return 0.0


def ref_level(mentee: str | None, mentor: str | None) -> float:
    if mentee is None or mentor is None:
        return 0.0
    if int(mentor) >= int(mentee):
        return 1.0
    return 1 - (int(mentee) - int(mentor)) / 8


def usable(languages: Sequence[tuple[str, str]], level: str) -> set[str]:
    return {code for code, have in languages if CEFR.index(have) >= CEFR.index(level)}


def haversine_km(a: ProfileData, b: ProfileData) -> float:
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def located(p: ProfileData) -> bool:
    return p.latitude is not None and p.longitude is not None


def same_city(a: ProfileData, b: ProfileData) -> bool:
    def norm(city: str | None) -> str:
        return " ".join((city or "").split()).lower()

    return bool(norm(a.city)) and norm(a.city) == norm(b.city)


def as_set(answer: Any) -> set[str]:
    if answer is None:
        return set()
    return {answer} if isinstance(answer, str) else set(answer)


def ref_criteria(config: MatchingConfig, e: ProfileData, m: ProfileData) -> dict[str, float]:
    scores = {
        "occupation": ref_occupation(e.occupation_code, m.occupation_code),
        "education": 0.7 * ref_field(e.education_field, m.education_field)
        + 0.3 * ref_level(e.education_level, m.education_level),
        "goals": len(set(e.goals) & set(m.goals)) / len(set(e.goals)) if e.goals else 0.0,
        "languages": 1.0
        if usable(e.languages, config.usable_language_level)
        & usable(m.languages, config.usable_language_level)
        else 0.0,
    }
    radius = config.max_distance_km or 50
    if located(e) and located(m):
        scores["distance"] = max(0.0, 1 - haversine_km(e, m) / radius)
    else:
        scores["distance"] = 1.0 if same_city(e, m) else 0.0
    if e.birth_year is None or m.birth_year is None:
        scores["age_gap"] = 0.0
    else:
        scores["age_gap"] = 1 - min(abs(e.birth_year - m.birth_year), 30) / 30
    if not e.availability or not m.availability:
        scores["availability"] = 0.5
    else:
        scores["availability"] = len(set(e.availability) & set(m.availability)) / len(
            set(e.availability)
        )
    for key in config.question_weights:
        wanted, offered = as_set(e.answers.get(key)), as_set(m.answers.get(key))
        scores[f"question:{key}"] = (
            len(wanted & offered) / len(wanted) if wanted and offered else 0.0
        )
    return scores


def ref_feasible(
    config: MatchingConfig, e: ProfileData, m: ProfileData, forbidden: frozenset[tuple[int, int]]
) -> bool:
    if m.capacity <= 0 or e.user_id == m.user_id or (e.id, m.id) in forbidden:
        return False
    level = config.usable_language_level
    if config.shared_language and not usable(e.languages, level) & usable(m.languages, level):
        return False
    if (
        config.max_distance_km > 0
        and located(e)
        and located(m)
        and haversine_km(e, m) > config.max_distance_km
    ):
        return False
    both_born = e.birth_year is not None and m.birth_year is not None
    if config.max_age_gap > 0 and both_born:
        assert e.birth_year is not None and m.birth_year is not None
        if abs(e.birth_year - m.birth_year) > config.max_age_gap:
            return False
    return True


def ref_total(
    config: MatchingConfig,
    e: ProfileData,
    m: ProfileData,
    forbidden: frozenset[tuple[int, int]] = frozenset(),
) -> float:
    if not ref_feasible(config, e, m, forbidden):
        return -math.inf
    weights = {**{c: config.weights.get(c, 0.0) for c in CRITERIA}}
    weights.update({f"question:{k}": w for k, w in config.question_weights.items()})
    total = sum(weights.values())
    if total == 0:
        return 0.0
    scores = ref_criteria(config, e, m)
    return sum(weights[name] * scores[name] for name in weights) / total


# --- Random profiles -------------------------------------------------------------------------------

occupations = st.none() | st.text("0123", min_size=4, max_size=4)
fields = st.none() | st.text("012", min_size=2, max_size=4)
levels = st.none() | st.sampled_from([str(n) for n in range(9)])
cities = st.sampled_from(
    [None, "Aarhus", " aarhus ", "AARHUS", "Odense", "København", "Ny  By", "ny by"]
)
answers = st.fixed_dictionaries(
    {},
    optional={
        "format": st.sampled_from(["online", "in_person", "either"]),
        "sectors": st.lists(
            st.sampled_from(["health", "it", "care", "trades"]), unique=True, max_size=4
        ),
    },
)


@st.composite
def profiles(draw: st.DrawFn, profile_id: int, mentor: bool) -> ProfileData:
    place = draw(st.none() | st.tuples(st.floats(54.5, 57.8), st.floats(8.0, 13.0)))
    return ProfileData(
        id=profile_id,
        user_id=draw(st.integers(1, 12)),
        birth_year=draw(st.none() | st.integers(1950, 2008)),
        languages=tuple(
            draw(
                st.lists(
                    st.tuples(st.sampled_from(["ar", "da", "en", "fa"]), st.sampled_from(CEFR)),
                    max_size=3,
                )
            )
        ),
        city=draw(cities),
        latitude=None if place is None else place[0],
        longitude=None if place is None else place[1],
        occupation_code=draw(occupations),
        education_level=draw(levels),
        education_field=draw(fields),
        goals=tuple(draw(st.lists(st.sampled_from(GOALS), unique=True, max_size=4))),
        availability=tuple(draw(st.lists(st.sampled_from(SLOTS), unique=True))),
        answers=draw(answers),
        capacity=draw(st.sampled_from([0, 1, 2, 3])) if mentor else 1,
    )


@st.composite
def configs(draw: st.DrawFn) -> MatchingConfig:
    weight = st.sampled_from([0.0, 0.5, 1.0, 3.0, 10.0])
    return MatchingConfig(
        weights={
            name: draw(weight) for name in CRITERIA if draw(st.booleans()) or name == "occupation"
        },
        question_weights={
            key: draw(weight)
            for key in draw(st.lists(st.sampled_from(["format", "sectors"]), unique=True))
        },
        shared_language=draw(st.booleans()),
        usable_language_level=draw(st.sampled_from(CEFR)),
        max_distance_km=draw(st.sampled_from([0, 40, 150])),
        max_age_gap=draw(st.sampled_from([0, 10, 25])),
    )


@st.composite
def cases(
    draw: st.DrawFn,
) -> tuple[MatchingConfig, ProfileData, list[ProfileData], frozenset[tuple[int, int]]]:
    mentee = draw(profiles(1, mentor=False))
    mentors = [draw(profiles(i, mentor=True)) for i in range(1, draw(st.integers(1, 8)) + 1)]
    forbidden = frozenset((1, m.id) for m in mentors if draw(st.integers(0, 4)) == 0)
    return draw(configs()), mentee, mentors, forbidden


def assert_same_scores(found: np.ndarray, expected: Sequence[float], tolerance: float) -> None:
    expected_array = np.array(expected)
    assert np.array_equal(np.isneginf(found), np.isneginf(expected_array)), (found, expected)
    feasible = np.isfinite(expected_array)
    np.testing.assert_allclose(found[feasible], expected_array[feasible], rtol=0, atol=tolerance)


# --- Properties ------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(cases())
def test_vectorised_scores_and_explanations_agree_with_the_reference(
    case: tuple[MatchingConfig, ProfileData, list[ProfileData], frozenset[tuple[int, int]]],
) -> None:
    config, mentee, mentors, forbidden = case
    index = MentorIndex.build(mentors, config)
    expected = [ref_total(config, mentee, m, forbidden) for m in mentors]
    scores = score_one(config, index, mentee, forbidden)
    assert_same_scores(scores, expected, 1e-9)
    assert [score_pair(config, mentee, m, forbidden) for m in mentors] == pytest.approx(
        expected, abs=1e-9
    )
    per_criterion = criterion_scores_one(config, index, mentee)
    for position, mentor in enumerate(mentors):
        reference = ref_criteria(config, mentee, mentor)
        contributions = explain(config, mentee, mentor)
        assert [c.criterion for c in contributions] == list(reference) == list(per_criterion)
        for c in contributions:
            assert c.score == pytest.approx(reference[c.criterion], abs=1e-9)
            assert per_criterion[c.criterion][position] == pytest.approx(
                reference[c.criterion], abs=1e-9
            )
            assert 0 <= c.score <= 1
        if np.isfinite(scores[position]):
            assert sum(c.contribution for c in contributions) == pytest.approx(
                scores[position], abs=1e-9
            )


@settings(max_examples=80, deadline=None)
@given(cases(), st.integers(1, 10))
def test_top_k_is_the_best_feasible_mentors_best_first(
    case: tuple[MatchingConfig, ProfileData, list[ProfileData], frozenset[tuple[int, int]]], k: int
) -> None:
    config, mentee, mentors, forbidden = case
    found = top_k(config, MentorIndex.build(mentors, config), mentee, k, forbidden)
    expected = sorted(
        (
            (-s, p)
            for p, m in enumerate(mentors)
            if np.isfinite(s := ref_total(config, mentee, m, forbidden))
        )
    )[:k]
    assert [s for _, s in found] == pytest.approx([-s for s, _ in expected], abs=1e-9)
    assert all(np.isfinite(ref_total(config, mentee, mentors[p], forbidden)) for p, _ in found)


@settings(max_examples=40, deadline=None)
@given(cases(), st.lists(profiles(2, mentor=False), min_size=1, max_size=5), st.integers(1, 4))
def test_batch_candidates_and_matrix_agree_with_score_one(
    case: tuple[MatchingConfig, ProfileData, list[ProfileData], frozenset[tuple[int, int]]],
    others: list[ProfileData],
    k: int,
) -> None:
    config, mentee, mentors, forbidden = case
    mentees = [mentee, *(replace(o, id=i + 2) for i, o in enumerate(others))]
    index = MentorIndex.build(mentors, config)
    expected = [score_one(config, index, m, forbidden) for m in mentees]
    rows, cols, scores = candidate_lists(config, mentees, index, k, forbidden)
    for row, exact in enumerate(expected):
        mine = rows == row
        best = np.sort(exact[np.isfinite(exact)])[::-1][:k]
        np.testing.assert_allclose(scores[mine], best, atol=FLOAT32_ATOL)
        np.testing.assert_allclose(scores[mine], exact[cols[mine]], atol=FLOAT32_ATOL)
    for start, block in score_matrix(config, mentees, index, forbidden, chunk=2):
        for offset, found in enumerate(block):
            exact = expected[start + offset]
            assert np.array_equal(np.isneginf(found), np.isneginf(exact))
            np.testing.assert_allclose(
                found[np.isfinite(exact)], exact[np.isfinite(exact)], atol=FLOAT32_ATOL
            )


# --- The rules, one by one -------------------------------------------------------------------------


def person(profile_id: int = 1, **changes: Any) -> ProfileData:
    base = ProfileData(
        id=profile_id,
        user_id=profile_id + 100,
        birth_year=None,
        languages=(("da", "C2"),),
        city=None,
        latitude=None,
        longitude=None,
        occupation_code=None,
        education_level=None,
        education_field=None,
        goals=(),
        availability=(),
        answers={},
    )
    return replace(base, **changes)


def only(criterion: str, **constraints: Any) -> MatchingConfig:
    return MatchingConfig(weights={criterion: 1.0}, question_weights={}, **constraints)


def contribution(
    config: MatchingConfig, mentee: ProfileData, mentor: ProfileData, name: str
) -> Mapping[str, Any]:
    return next(c.__dict__ for c in explain(config, mentee, mentor) if c.criterion == name)


def test_nurse_and_aspiring_nurse_share_a_unit_group() -> None:
    config = only("occupation")
    found = contribution(
        config, person(occupation_code="2221"), person(2, occupation_code="2221"), "occupation"
    )
    assert found["score"] == 1.0
    assert found["detail"] == {"level": "unit", "code": "2221"}


@pytest.mark.parametrize(
    ("mentor_code", "score", "level", "code"),
    [
        ("2222", 0.75, "minor", "222"),
        ("2211", 0.5, "sub_major", "22"),
        ("2611", 0.25, "major", "2"),
        ("5120", 0.0, None, None),
        (None, 0.0, None, None),
    ],
)
def test_related_occupations_score_by_the_deepest_shared_group(
    mentor_code: str | None, score: float, level: str | None, code: str | None
) -> None:
    config = only("occupation")
    mentee, mentor = person(occupation_code="2221"), person(2, occupation_code=mentor_code)
    found = contribution(config, mentee, mentor, "occupation")
    assert (found["score"], found["detail"]) == (score, {"level": level, "code": code})
    assert score_one(config, MentorIndex.build([mentor], config), mentee)[0] == score


@pytest.mark.parametrize(
    (
        "mentee_field",
        "mentor_field",
        "mentee_level",
        "mentor_level",
        "score",
        "field_match",
        "level_ok",
    ),
    [
        ("0913", "0913", "6", "7", 1.0, "0913", True),
        ("0913", "0912", "6", "6", 0.7 * 2 / 3 + 0.3, "091", True),
        ("09", "0913", "7", "6", 0.7 / 3 + 0.3 * (1 - 1 / 8), "09", False),
        ("0913", "0411", "3", "0", 0.3 * (1 - 3 / 8), None, False),
        ("0913", None, None, "6", 0.0, None, None),
    ],
)
def test_education_counts_field_then_level(
    mentee_field: str,
    mentor_field: str | None,
    mentee_level: str | None,
    mentor_level: str,
    score: float,
    field_match: str | None,
    level_ok: bool | None,
) -> None:
    config = only("education")
    mentee = person(education_field=mentee_field, education_level=mentee_level)
    mentor = person(2, education_field=mentor_field, education_level=mentor_level)
    found = contribution(config, mentee, mentor, "education")
    assert found["score"] == pytest.approx(score)
    assert found["detail"] == {"field_match": field_match, "level_ok": level_ok}
    assert score_one(config, MentorIndex.build([mentor], config), mentee)[0] == pytest.approx(score)


def test_goals_count_the_share_of_the_mentees_goals_covered() -> None:
    config = only("goals")
    mentee = person(goals=("job", "network", "career"))
    mentors = [
        person(2, goals=("job", "career", "education")),
        person(3, goals=()),
        person(4, goals=("x",)),
    ]
    assert score_one(config, MentorIndex.build(mentors, config), mentee).tolist() == pytest.approx(
        [2 / 3, 0, 0]
    )
    assert contribution(config, mentee, mentors[0], "goals")["detail"] == {
        "covered": ["career", "job"],
        "wanted": ["career", "job", "network"],
    }
    assert score_one(config, MentorIndex.build(mentors, config), person(goals=())).tolist() == [
        0,
        0,
        0,
    ]


def test_no_shared_usable_language_removes_the_pair() -> None:
    mentee = person(languages=(("ar", "C2"), ("da", "A2")))
    mentor = person(2, languages=(("da", "C2"), ("en", "C1")))
    required = only("languages", usable_language_level="B1")
    assert score_one(required, MentorIndex.build([mentor], required), mentee)[0] == -np.inf
    assert top_k(required, MentorIndex.build([mentor], required), mentee, 5) == []
    optional = only("languages", shared_language=False)
    assert score_one(optional, MentorIndex.build([mentor], optional), mentee)[0] == 0.0
    lenient = only("languages", usable_language_level="A2")
    assert score_one(lenient, MentorIndex.build([mentor], lenient), mentee)[0] == 1.0
    assert contribution(lenient, mentee, mentor, "languages")["detail"] == {"shared": ["da"]}


def test_declined_pair_is_never_suggested() -> None:
    config = only("goals")
    mentee = person(goals=("job",))
    mentors = [person(2, goals=("job",)), person(3, goals=())]
    index = MentorIndex.build(mentors, config)
    declined = frozenset({(mentee.id, 2)})
    assert score_one(config, index, mentee, declined).tolist() == [-np.inf, 0.0]
    assert top_k(config, index, mentee, 5, declined) == [(1, 0.0)]
    _, cols, _ = candidate_lists(config, [mentee], index, 5, declined)
    assert cols.tolist() == [1]
    assert top_k(config, index, mentee, 5, frozenset({(99, 2)})) == [(0, 1.0), (1, 0.0)]


def test_full_mentor_is_never_suggested() -> None:
    config = only("goals")
    mentee = person(goals=("job",))
    mentors = [person(2, goals=("job",), capacity=0), person(3, goals=("job",), capacity=2)]
    index = MentorIndex.build(mentors, config)
    assert score_one(config, index, mentee).tolist() == [-np.inf, 1.0]
    assert top_k(config, index, mentee, 5) == [(1, 1.0)]
    assert candidate_lists(config, [mentee], index, 5)[1].tolist() == [1]


def test_nobody_is_suggested_as_her_own_mentor() -> None:
    config = only("goals")
    mentee = person(goals=("job",), user_id=7)
    index = MentorIndex.build([person(2, goals=("job",), user_id=7)], config)
    assert score_one(config, index, mentee)[0] == -np.inf


def test_distance_falls_linearly_and_the_limit_removes_far_pairs() -> None:
    copenhagen = person(latitude=55.676, longitude=12.568, city="København")
    roskilde = person(2, latitude=55.642, longitude=12.080, city="Roskilde")
    aarhus = person(3, latitude=56.157, longitude=10.211, city="Aarhus")
    km = haversine_km(copenhagen, roskilde)
    assert 25 < km < 35
    config = only("distance", max_distance_km=100)
    scores = score_one(config, MentorIndex.build([roskilde, aarhus], config), copenhagen)
    assert scores[0] == pytest.approx(1 - km / 100)
    assert scores[1] == -np.inf  # about 155 km
    unlimited = only("distance")
    scores = score_one(unlimited, MentorIndex.build([roskilde, aarhus], unlimited), copenhagen)
    assert scores.tolist() == pytest.approx([1 - km / 50, 0.0])
    assert contribution(unlimited, copenhagen, roskilde, "distance")["detail"] == {
        "km": pytest.approx(km),
        "same_city": False,
    }


def test_without_coordinates_the_same_city_counts_whatever_its_spelling() -> None:
    config = only("distance", max_distance_km=10)
    mentee = person(city="  Ny   By")
    mentors = [
        person(2, city="ny by"),
        person(3, city="Odense"),
        person(4, latitude=55.0, longitude=12.0),
    ]
    assert score_one(config, MentorIndex.build(mentors, config), mentee).tolist() == [1.0, 0.0, 0.0]
    assert contribution(config, mentee, mentors[0], "distance")["detail"] == {
        "km": None,
        "same_city": True,
    }


def test_age_gap_scores_closeness_and_the_limit_removes_pairs() -> None:
    config = only("age_gap", max_age_gap=20)
    mentee = person(birth_year=1990)
    mentors = [person(2, birth_year=1980), person(3, birth_year=1960), person(4, birth_year=None)]
    assert score_one(config, MentorIndex.build(mentors, config), mentee).tolist() == pytest.approx(
        [2 / 3, -np.inf, 0.0]
    )
    assert contribution(config, mentee, mentors[0], "age_gap")["detail"] == {"years": 10}


def test_availability_is_half_when_either_side_gave_none() -> None:
    config = only("availability")
    mentee = person(availability=("weekend", "weekday_evening"))
    mentors = [person(2, availability=("weekend",)), person(3, availability=())]
    assert score_one(config, MentorIndex.build(mentors, config), mentee).tolist() == [0.5, 0.5]
    assert score_one(
        config, MentorIndex.build(mentors, config), person(availability=())
    ).tolist() == [0.5, 0.5]
    mentors = [person(2, availability=("weekday_daytime",)), person(3, availability=SLOTS)]
    assert score_one(config, MentorIndex.build(mentors, config), mentee).tolist() == [0.0, 1.0]


def test_choice_questions_compare_single_and_multiple_answers() -> None:
    config = MatchingConfig(weights={}, question_weights={"format": 1.0, "sectors": 1.0})
    mentee = person(answers={"format": "online", "sectors": ["it", "health"]})
    mentors = [
        person(2, answers={"format": "online", "sectors": ["it"]}),
        person(3, answers={"format": "in_person", "sectors": ["it", "health", "care"]}),
        person(4, answers={}),
    ]
    scores = criterion_scores_one(config, MentorIndex.build(mentors, config), mentee)
    assert scores["question:format"].tolist() == [1.0, 0.0, 0.0]
    assert scores["question:sectors"].tolist() == [0.5, 1.0, 0.0]
    assert contribution(config, mentee, mentors[0], "question:sectors")["detail"] == {
        "shared": ["it"]
    }


def test_total_is_the_weighted_mean_and_all_zero_weights_give_zero() -> None:
    config = MatchingConfig(weights={"goals": 3, "occupation": 1}, question_weights={})
    mentee = person(goals=("job",), occupation_code="2221")
    mentor = person(2, goals=("job",), occupation_code="2611")
    assert score_one(config, MentorIndex.build([mentor], config), mentee)[0] == pytest.approx(
        (3 + 0.25) / 4
    )
    contributions = explain(config, mentee, mentor)
    assert [c.contribution for c in contributions if c.weight] == pytest.approx([0.25 / 4, 3 / 4])
    nothing = MatchingConfig(weights={}, question_weights={})
    assert score_one(nothing, MentorIndex.build([mentor], nothing), mentee)[0] == 0.0
    assert all(c.contribution == 0 for c in explain(nothing, mentee, mentor))


def test_more_than_sixty_four_values_use_several_mask_words() -> None:
    config = MatchingConfig(weights={"goals": 1, "languages": 1}, question_weights={})
    many = [f"goal{i}" for i in range(150)]
    languages = tuple((f"l{i}", "C2") for i in range(100))
    mentors = [
        person(i + 2, goals=tuple(many[i : i + 60]), languages=languages[i : i + 1])
        for i in range(90)
    ]
    mentee = person(goals=("goal5", "goal70", "goal140", "unknown"), languages=(("l80", "C1"),))
    index = MentorIndex.build(mentors, config)
    expected = [ref_total(config, mentee, m) for m in mentors]
    assert_same_scores(score_one(config, index, mentee), expected, 1e-12)
    assert sum(np.isfinite(expected)) == 1


def test_top_k_breaks_ties_by_position() -> None:
    config = only("goals")
    mentors = [person(i + 2, goals=("job",) if i % 2 else ()) for i in range(10)]
    found = top_k(config, MentorIndex.build(mentors, config), person(goals=("job",)), 7)
    assert found == [(1, 1.0), (3, 1.0), (5, 1.0), (7, 1.0), (9, 1.0), (0, 0.0), (2, 0.0)]


def test_candidate_lists_report_progress_per_chunk() -> None:
    config = only("goals")
    mentors = [person(i + 100, goals=("job",)) for i in range(300)]
    mentees = [person(i + 1, goals=("job",)) for i in range(25)]
    seen: list[tuple[int, int]] = []
    rows, cols, scores = candidate_lists(
        config,
        mentees,
        MentorIndex.build(mentors, config),
        3,
        progress=lambda d, t: seen.append((d, t)),
        chunk=10,
    )
    assert seen == [(10, 25), (20, 25), (25, 25)]
    assert rows.tolist() == [r for r in range(25) for _ in range(3)]
    assert cols.tolist() == [0, 1, 2] * 25
    assert scores.tolist() == [1.0] * 75


def test_configuration_is_validated() -> None:
    with pytest.raises(ValueError, match="unknown matching criteria: colour"):
        MatchingConfig(weights={"colour": 1}, question_weights={})
    with pytest.raises(ValueError, match="weight of goals"):
        MatchingConfig(weights={"goals": -1}, question_weights={})
    with pytest.raises(ValueError, match="usable_language_level"):
        MatchingConfig(weights={}, question_weights={}, usable_language_level="native")


def test_an_index_built_without_a_weighted_question_is_refused() -> None:
    index = MentorIndex.build([person(2)], MatchingConfig(weights={}, question_weights={}))
    config = MatchingConfig(weights={}, question_weights={"format": 1})
    with pytest.raises(ValueError, match="no answers to format"):
        score_one(config, index, person())


def test_candidate_lists_in_many_small_blocks_match_score_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(blocks, "BLOCK_CELLS", 1_500)  # two mentees per block
    config = bench.default_config()
    mentors = bench.synthetic_profiles(700, "mentor", seed=11)
    mentees = bench.synthetic_profiles(30, "mentee", seed=12)
    index = MentorIndex.build(
        [replace(m, capacity=m.capacity * (m.id % 5 > 0)) for m in mentors], config
    )
    forbidden = frozenset((m.id, m.id) for m in mentees)
    rows, cols, scores = candidate_lists(config, mentees, index, 6, forbidden, chunk=7)
    assert rows.tolist() == sorted(rows.tolist())
    for row, mentee in enumerate(mentees):
        exact = score_one(config, index, mentee, forbidden)
        best = np.sort(exact[np.isfinite(exact)])[::-1][:6]
        np.testing.assert_allclose(scores[rows == row], best, atol=FLOAT32_ATOL)
        np.testing.assert_allclose(scores[rows == row], exact[cols[rows == row]], atol=FLOAT32_ATOL)
        assert mentee.id - 1 not in cols[rows == row].tolist()
        assert exact[mentee.id - 1] == -np.inf
    assert all(index.capacity[cols] > 0)
