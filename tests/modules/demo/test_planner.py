"""The demo planner on its own: plain data, no database (the figures a 5,000-member network shows)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mentornet.modules.demo.cycles import found_job
from mentornet.modules.demo.draws import quotas, spread
from mentornet.modules.demo.plan import DemoNetwork
from mentornet.modules.demo.planner import plan_network
from mentornet.modules.demo.professions import professions
from mentornet.modules.demo.recipes import recipes
from mentornet.modules.demo.world import countries, names, naming_regions, region_of
from mentornet.modules.matching.scoring import MatchingConfig
from mentornet.modules.mentorships.models import State
from mentornet.modules.profiles.classifications import isced_fields, isco
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import language_codes, territory_codes
from mentornet.modules.tenants.config import TenantConfig
from mentornet.modules.tenants.packs import read_pack

ROOT = Path(__file__).resolve().parents[3]
NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def settings_of(slug: str) -> dict[str, Any]:
    return read_pack(ROOT / "tenants" / slug)


def config_of(settings: dict[str, Any]) -> MatchingConfig:
    matching = settings["matching"]
    return MatchingConfig(
        weights={name: float(c["weight"]) for name, c in matching["criteria"].items()},
        question_weights={q["question"]: float(q["weight"]) for q in matching["questions"]},
    )


def plan(slug: str, members: int, seed: int = 1) -> DemoNetwork:
    settings = settings_of(slug)
    return plan_network(
        slug, TenantConfig.from_document(settings), config_of(settings), members, seed, NOW
    )


@pytest.fixture(scope="module")
def denmark_5000() -> DemoNetwork:
    return plan("denmark", 5000)


def test_recipes_use_only_codes_the_platform_knows() -> None:
    origins, jobs = countries(), professions()
    assert set(origins) <= territory_codes()
    assert {code for _, codes in origins.values() for code in codes} <= language_codes()
    assert {region for region, _ in origins.values()} == set(naming_regions())
    for profession in jobs.values():
        assert profession.isco in isco() and len(profession.isco) == 4
        assert profession.field in isced_fields()
    for slug, recipe in recipes().items():
        catalogue = {goal["key"] for goal in settings_of(slug)["goals"]}
        assert set(recipe.goals) == catalogue
        assert {c for c, _ in recipe.mentee_origins + recipe.mentor_origins} <= set(origins)
        work = recipe.mentee_before + recipe.mentee_target + recipe.mentor_work
        assert {code for code, _ in work} - {""} <= set(jobs)
        rules = recipe.mentee_languages + recipe.mentor_languages
        assert {rule.code for rule in rules} | set(recipe.usable) <= language_codes()


def test_denmark_mentees_have_roots_in_125_countries_at_5000_members(
    denmark_5000: DemoNetwork,
) -> None:
    mentees = [p for p in denmark_5000.profiles if p.role is ProfileRole.MENTEE]
    countries = Counter(p.columns["country_of_origin"] for p in mentees) - Counter(
        {None: len(mentees)}
    )
    assert len(countries) >= 125
    most = [code for code, _ in countries.most_common(6)]
    assert "SY" in most and "DK" not in countries


def test_about_four_in_ten_mentees_who_want_a_job_have_one_when_their_pair_closes(
    denmark_5000: DemoNetwork,
) -> None:
    profiles = denmark_5000.profiles
    done = [
        pair
        for pair in denmark_5000.pairs
        if pair.state is State.COMPLETED and "job" in profiles[pair.mentee].columns["goals"]
    ]
    share = sum(found_job(pair, profiles[pair.mentee]) for pair in done) / len(done)
    assert 0.38 <= share <= 0.5


def test_completed_pairs_are_spread_over_the_years(denmark_5000: DemoNetwork) -> None:
    years = Counter(p.steps[-1].at.year for p in denmark_5000.pairs if p.state is State.COMPLETED)
    assert len(years) >= 5
    assert min(years.values()) >= 50


def test_the_same_seed_plans_the_same_network() -> None:
    first, again, other = (
        plan("men", 150, seed=3),
        plan("men", 150, seed=3),
        plan("men", 150, seed=4),
    )

    def summary(network: DemoNetwork) -> list[Any]:
        return [(u.email, u.name) for u in network.users] + [p.state for p in network.pairs]

    assert summary(first) == summary(again)
    assert summary(first) != summary(other)


def test_morocco_mentees_are_moroccan_women_and_men_mentees_young_men() -> None:
    morocco = plan("morocco", 300)
    mentees = [p for p in morocco.profiles if p.role is ProfileRole.MENTEE]
    assert Counter(p.origin for p in mentees)["MA"] >= 0.85 * len(mentees)
    for profile in mentees:
        given = morocco.users[profile.user].name
        assert any(given.startswith(name) for name in names(region_of(profile.origin), "f")[0])
    men = plan("men", 300)
    for profile in men.profiles:
        if profile.role is ProfileRole.MENTEE:
            assert 16 <= NOW.year - profile.columns["birth_year"] <= 30
            given = men.users[profile.user].name
            assert any(given.startswith(name) for name in names(region_of(profile.origin), "m")[0])


def test_every_named_account_is_in_the_state_it_is_named_for() -> None:
    network = plan("denmark", 200)
    named, profiles = network.named, network.profiles
    open_pairs = {p.mentee: p for p in network.pairs if p.ended_at is None}
    assert set(named) >= {"mentee", "mentor", "planning", "proposed", "waiting", "volunteer"}
    active = open_pairs[named["mentee"]]
    assert active.state is State.ACTIVE and active.mentor == named["mentor"]
    assert open_pairs[named["planning"]].state is State.PLANNING
    assert open_pairs[named["proposed"]].state is State.PROPOSED
    assert named["waiting"] not in open_pairs
    assert profiles[named["waiting"]].status.value == "approved"
    assert profiles[named["volunteer"]].places_taken == 0
    emails = {network.users[profiles[i].user].email for i in named.values()}
    assert emails == {f"{local}@denmark.example" for local in named}


def test_spread_draws_every_value_whose_share_is_at_least_one() -> None:
    weighted = [("common", 50.0)] + [(f"rare{i}", 1.0) for i in range(50)]
    drawn = spread(random.Random(1), weighted, 100)  # noqa: S311
    assert len(drawn) == 100
    assert len(set(drawn)) == 51
    assert Counter(drawn)["common"] == 50


def test_quotas_give_each_story_a_member_when_there_is_room() -> None:
    counts = quotas({"big": 90, "small": 1, "tiny": 0.1}, 30)
    assert sum(counts.values()) == 30
    assert counts["small"] >= 1 and counts["tiny"] >= 1
    assert quotas({"big": 90, "small": 1}, 3) == {"big": 3, "small": 0}
