"""Plan a whole demo network in memory: members, stories, pairs, cycles, outcomes, named accounts.

Pure and deterministic: the same seed, network and day give the same plan. No database here.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from mentornet.modules.demo import answers, people, texts
from mentornet.modules.demo.assign import assign_mentors
from mentornet.modules.demo.cycles import Side, fill_pair
from mentornet.modules.demo.draws import days, quotas
from mentornet.modules.demo.journeys import (
    INTAKE_STORIES,
    MENTEE_STORIES,
    MENTOR_STORIES,
    YEAR,
    Move,
    Rules,
    intake_story,
    intake_until,
    mentee_pairs,
    story_weights,
)
from mentornet.modules.demo.naming import name_accounts
from mentornet.modules.demo.outcomes import add_outcomes
from mentornet.modules.demo.plan import SELF, STAFF, DemoNetwork
from mentornet.modules.demo.recipes import Recipe, recipe_for
from mentornet.modules.demo.replay import replay
from mentornet.modules.matching.scoring import MatchingConfig, ProfileData
from mentornet.modules.profiles.models import ProfileRole, ProfileStatus
from mentornet.modules.tenants.config import TenantConfig

S = ProfileStatus
NETWORK_YEARS = 5.2  # how long ago the first members applied
ALUMNA_MENTORS = 0.03  # share of alumni who come back as mentors


def plan_network(
    slug: str,
    pack: TenantConfig,
    config: MatchingConfig,
    members: int,
    seed: int,
    now: dt.datetime,
) -> DemoNetwork:
    """members new members (mentees and mentors) of the network, with everything that happened to them."""
    rng = random.Random(f"{seed}/{slug}")  # noqa: S311  (demo data, not secrets)
    recipe = recipe_for(slug)
    rules = Rules.of(pack, now, recipe.writing)
    network = DemoNetwork(slug, now)
    mentee_count = min(members, max(round(members * recipe.mentee_share), 1))
    mentees = people.add_people(rng, network, recipe, pack, ProfileRole.MENTEE, mentee_count)
    mentors = people.add_people(
        rng, network, recipe, pack, ProfileRole.MENTOR, members - mentee_count
    )
    planned: dict[int, list[Move]] = {}
    completed = _plan_mentees(rng, network, rules, mentees, planned)
    for index in mentees:
        _finish(rng, network, recipe, pack, index, planned)
    mentors += _alumna_mentors(rng, network, recipe, pack, completed)
    pool, approved = _plan_mentors(rng, network, rules, mentors, planned)
    for index in mentors:
        _finish(rng, network, recipe, pack, index, planned, approved.get(index))
    data = {i: profile_data(network, i) for i in [*mentees, *pool]}
    assign_mentors(rng, network, pool, approved, data, config)
    network.pairs = sorted((p for p in network.pairs if not p.dropped), key=lambda p: p.created_at)
    _after_pairs(rng, network, rules, pool, approved, planned)
    replay(network, planned)
    for pair in network.pairs:
        mentee, mentor = network.profiles[pair.mentee], network.profiles[pair.mentor]
        fill_pair(
            rng,
            pair,
            Side(mentee, network.users[mentee.user].locale),
            Side(mentor, network.users[mentor.user].locale),
            rules,
            int(pack.cycle.check_in_interval_days),
        )
    add_outcomes(rng, network, [int(m) for m in pack.cycle.follow_up_months])
    _interview_notes(rng, network, rules)
    for profile in network.profiles:
        user = network.users[profile.user]
        user.created_at = min(user.created_at, profile.steps[0].at)
    name_accounts(network)
    return network


def _plan_mentees(
    rng: random.Random,
    network: DemoNetwork,
    rules: Rules,
    mentees: list[int],
    planned: dict[int, list[Move]],
) -> list[tuple[int, dt.datetime]]:
    """Each mentee's story and timeline; returns (mentee, completion) of the alumni."""
    counts = quotas(story_weights(MENTEE_STORIES, rules), len(mentees))
    stories = [story for story, count in counts.items() for _ in range(count)]
    rng.shuffle(stories)
    completed = []
    for index, story in zip(mentees, stories, strict=True):
        profile = network.profiles[index]
        profile.story = story
        profile.job_luck = rng.random()
        if story in INTAKE_STORIES:
            planned[index] = intake_story(rng, story, rules, NETWORK_YEARS * YEAR)
            continue
        pairs, start, event = mentee_pairs(rng, story, index, rules)
        network.pairs += pairs
        waited = 2 + 118 * rng.random() ** 2
        moves = intake_until(rng, start - dt.timedelta(days=waited), rules)
        moves += _mentee_after(rng, story, event, pairs, rules)
        planned[index] = moves
        if story == "pair:completed":
            completed.append((index, pairs[-1].steps[-1].at))
    return completed


def _mentee_after(
    rng: random.Random, story: str, event: dt.datetime, pairs: list[Any], rules: Rules
) -> list[Move]:
    """What a mentee did after her pairs: paused, withdrew, or (rarely) left as an alumna."""
    now, writing = rules.now, rules.writing
    if story in ("paused", "withdrawn"):
        status, kind = (
            (S.PAUSED, "pause_reason") if story == "paused" else (S.WITHDRAWN, "withdraw_reason")
        )
        return [(event, status, rng.choice((SELF, STAFF)), texts.phrase(rng, kind, writing))]
    end = pairs[-1].steps[-1].at if pairs else now
    draw = rng.random()
    if story == "pair:ended_early" and draw < 0.5:
        at = end + days(rng, 1, 60)
        status, kind = (
            (S.WITHDRAWN, "withdraw_reason") if draw < 0.35 else (S.PAUSED, "pause_reason")
        )
        return [(at, status, SELF, texts.phrase(rng, kind, writing))] if at < now else []
    if story == "pair:completed" and draw < 0.04:
        at = end + days(rng, 30, 400)
        return (
            [(at, S.WITHDRAWN, SELF, texts.phrase(rng, "withdraw_reason", writing))]
            if at < now
            else []
        )
    return []


def _alumna_mentors(
    rng: random.Random,
    network: DemoNetwork,
    recipe: Recipe,
    pack: TenantConfig,
    completed: list[tuple[int, dt.datetime]],
) -> list[int]:
    found = []
    least = pack.intake.mentor_min_age
    for index, done in completed:
        applied = done + days(rng, 40, 300)
        if rng.random() >= ALUMNA_MENTORS or applied > network.now - dt.timedelta(days=30):
            continue
        if applied.year - network.profiles[index].columns["birth_year"] < least:
            continue
        mentor = people.add_mentor_profile(rng, network, recipe, pack, index, applied)
        network.profiles[mentor].applied_at = applied
        found.append(mentor)
    return found


def _plan_mentors(
    rng: random.Random,
    network: DemoNetwork,
    rules: Rules,
    mentors: list[int],
    planned: dict[int, list[Move]],
) -> tuple[list[int], dict[int, dt.datetime]]:
    """Mentors still in intake get their moves; the others join the pool on their approval date."""
    counts = quotas(MENTOR_STORIES, len(mentors))
    stories = [story for story, count in counts.items() for _ in range(count)]
    rng.shuffle(stories)
    pool, approved = [], {}
    span = NETWORK_YEARS * YEAR
    for index, story in zip(mentors, stories, strict=True):
        profile = network.profiles[index]
        profile.story = story
        if profile.applied_at is not None:  # an alumna: her own dates
            approved[index] = profile.applied_at + days(rng, 20, 60)
            if approved[index] < rules.now - dt.timedelta(days=2):
                pool.append(index)
                continue
            story = profile.story = "applied"
        if story in INTAKE_STORIES:
            planned[index] = intake_story(rng, story, rules, span)
            approved.pop(index, None)
            continue
        approved[index] = rules.now - days(rng, 3, span)
        pool.append(index)
    return pool, approved


def _finish(
    rng: random.Random,
    network: DemoNetwork,
    recipe: Recipe,
    pack: TenantConfig,
    index: int,
    planned: dict[int, list[Move]],
    approved: dt.datetime | None = None,
) -> None:
    profile = network.profiles[index]
    if index in planned:
        profile.applied_at = planned[index][0][0]
    elif profile.applied_at is None:
        profile.applied_at = (approved or network.now) - dt.timedelta(days=40)
    answers.finish(rng, profile, pack, network.users[profile.user], recipe, network.now)


def _after_pairs(
    rng: random.Random,
    network: DemoNetwork,
    rules: Rules,
    pool: list[int],
    approved: dict[int, dt.datetime],
    planned: dict[int, list[Move]],
) -> None:
    """Pool mentors' intake (before their approval) and whether they later paused or left."""
    last: dict[int, dt.datetime | None] = {}
    for pair in network.pairs:
        end = pair.ended_at
        known = last.get(pair.mentor, approved[pair.mentor])
        last[pair.mentor] = None if end is None or known is None else max(known, end)
    for index in pool:
        moves = intake_until(rng, approved[index], rules)
        network.profiles[index].applied_at = moves[0][0]
        since = last.get(index, approved[index])
        draw = rng.random()
        if since is not None and draw < 0.17:
            at = since + days(rng, 5, 200)
            status, kind = (
                (S.WITHDRAWN, "withdraw_reason") if draw < 0.12 else (S.PAUSED, "pause_reason")
            )
            if at < rules.now - dt.timedelta(days=1):
                moves.append((at, status, SELF, texts.phrase(rng, kind, rules.writing)))
        planned[index] = moves


def _interview_notes(rng: random.Random, network: DemoNetwork, rules: Rules) -> None:
    for index, profile in enumerate(network.profiles):
        interview = next((s.at for s in profile.steps if s.status is S.INTERVIEWED), None)
        if interview is not None and rng.random() < 0.6:
            text = texts.phrase(rng, "interview_note", rules.writing)
            network.interview_notes.append((index, text, interview))


def profile_data(network: DemoNetwork, index: int) -> ProfileData:
    """What the matching score needs, as the matching module reads a profile."""
    profile = network.profiles[index]
    c = profile.columns
    occupation = c["occupation_code"]
    if profile.role is ProfileRole.MENTEE:
        occupation = c["target_occupation_code"] or occupation
    return ProfileData(
        id=index,
        user_id=profile.user,
        birth_year=c["birth_year"],
        languages=tuple((s["code"], s["level"]) for s in c["languages"]),
        city=c["city"],
        latitude=c["latitude"],
        longitude=c["longitude"],
        occupation_code=occupation,
        education_level=c["education_level"],
        education_field=c["education_field"],
        goals=tuple(c["goals"]),
        availability=tuple(c["availability"]),
        answers=dict(c["answers"]),
        capacity=1,
    )
