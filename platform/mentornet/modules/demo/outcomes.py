"""Demo outcomes: each mentee's situation at intake, when her pair closed, and at the follow-ups.

About four in ten mentees with a job goal have a job when a completed pair closes; more find one
in the months after, as the follow-ups show. As the application does, every pair that ended
(completed or ended early) is followed up after each of `cycle.follow_up_months`: follow-ups not yet
due are pending; of those due, most are answered and the rest were reminded.
"""

from __future__ import annotations

import datetime as dt
import random

from mentornet.modules.demo.cycles import found_job
from mentornet.modules.demo.draws import choose, days
from mentornet.modules.demo.plan import DemoNetwork, DemoOutcome, DemoPair, DemoProfile
from mentornet.modules.mentorships.cycle_models import OutcomeStage
from mentornet.modules.mentorships.models import State
from mentornet.modules.mentorships.outcomes import add_months
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.situations import Situation

# A mentee with a job goal whose job luck is below the rate has a job by then.
JOB_RATES = {3: 0.48, 6: 0.52, 12: 0.56}
BUSINESS_GOALS = frozenset({"start_business", "grow_business", "formalise_business", "finance"})
_SITUATION_OF_ANSWER = {
    "school": Situation.EDUCATION,
    "vocational": Situation.EDUCATION,
    "higher_education": Situation.EDUCATION,
    "working": Situation.EMPLOYED,
    "job_seeking": Situation.JOB_SEEKING,
    "other": Situation.OTHER,
}
_STOPGAP_JOBS = ("9112", "5223", "9412", "5230", "5322")


def add_outcomes(rng: random.Random, network: DemoNetwork, follow_up_months: list[int]) -> None:
    pairs_by_mentee: dict[int, list[int]] = {}
    for index, pair in enumerate(network.pairs):
        if not pair.dropped:
            pairs_by_mentee.setdefault(pair.mentee, []).append(index)
    for index, profile in enumerate(network.profiles):
        if profile.role is not ProfileRole.MENTEE or profile.applied_at is None:
            continue
        intake = _intake(rng, profile)
        network.outcomes.append(
            _recorded(index, None, OutcomeStage.INTAKE, intake, profile.applied_at)
        )
        situation = intake
        for pair_index in pairs_by_mentee.get(index, []):
            pair = network.pairs[pair_index]
            if pair.state not in (State.COMPLETED, State.ENDED_EARLY):
                continue
            situation = _at_closing(rng, pair, profile, situation)
            closed = pair.steps[-1].at
            network.outcomes.append(
                _recorded(index, pair_index, OutcomeStage.CLOSING, situation, closed)
            )
            # The network follows up every pair that ended, completed or not.
            network.outcomes += _follow_ups(
                rng,
                index,
                pair_index,
                profile,
                situation,
                closed,
                follow_up_months,
                network.now,
            )


def _recorded(
    profile: int,
    pair: int | None,
    stage: OutcomeStage,
    situation: tuple[Situation, str | None],
    at: dt.datetime,
    months: int | None = None,
) -> DemoOutcome:
    return DemoOutcome(
        profile, pair, stage.value, months, None, situation[0], situation[1], at, None, at
    )


def _intake(rng: random.Random, profile: DemoProfile) -> tuple[Situation, str | None]:
    columns = profile.columns
    goals = set(columns["goals"])
    answer = columns["answers"].get("current_situation")
    stage = columns["answers"].get("business_stage")
    if answer in _SITUATION_OF_ANSWER:
        situation = _SITUATION_OF_ANSWER[answer]
    elif stage in ("starting", "running", "established"):
        situation = Situation.SELF_EMPLOYED
    elif "job" in goals:
        situation = choose(
            rng,
            ((Situation.JOB_SEEKING, 65), (Situation.NOT_WORKING, 20), (Situation.EMPLOYED, 15)),
        )
    elif goals & {"education", "complete_education"}:
        situation = choose(
            rng,
            ((Situation.EDUCATION, 35), (Situation.JOB_SEEKING, 35), (Situation.NOT_WORKING, 30)),
        )
    else:
        situation = choose(
            rng,
            (
                (Situation.EMPLOYED, 35),
                (Situation.JOB_SEEKING, 25),
                (Situation.NOT_WORKING, 20),
                (Situation.EDUCATION, 10),
                (Situation.OTHER, 10),
            ),
        )
    return situation, _occupation(rng, situation, columns["occupation_code"])


def _occupation(rng: random.Random, situation: Situation, usual: str | None) -> str | None:
    if situation not in (Situation.EMPLOYED, Situation.SELF_EMPLOYED):
        return None
    return usual if usual and rng.random() < 0.5 else rng.choice(_STOPGAP_JOBS)


def _at_closing(
    rng: random.Random, pair: DemoPair, profile: DemoProfile, before: tuple[Situation, str | None]
) -> tuple[Situation, str | None]:
    columns = profile.columns
    goals = set(columns["goals"])
    if found_job(pair, profile):
        target = columns["target_occupation_code"] or columns["occupation_code"]
        return Situation.EMPLOYED, target if target and rng.random() < 0.7 else rng.choice(
            _STOPGAP_JOBS
        )
    completed = pair.state is State.COMPLETED
    starts = rng.random() < (0.55 if completed else 0.25)
    if goals & BUSINESS_GOALS and before[0] is not Situation.SELF_EMPLOYED and starts:
        return Situation.SELF_EMPLOYED, columns["target_occupation_code"]
    if goals & {"education", "apprenticeship", "complete_education"} and rng.random() < (
        0.5 if completed else 0.2
    ):
        return Situation.EDUCATION, None
    if "job" in goals and before[0] is Situation.EMPLOYED:
        return Situation.JOB_SEEKING, None  # a stopgap job given up to look for one in her field
    return before


def _follow_ups(
    rng: random.Random,
    profile_index: int,
    pair_index: int,
    profile: DemoProfile,
    situation: tuple[Situation, str | None],
    closed: dt.datetime,
    months_list: list[int],
    now: dt.datetime,
) -> list[DemoOutcome]:
    found = []
    for months in months_list:
        due = add_months(closed.date(), months)
        answered_at = reminded = None
        later: tuple[Situation | None, str | None] = (None, None)
        if due <= now.date():
            if rng.random() < 0.65:
                moment = dt.datetime.combine(due, closed.timetz()) + days(rng, 0, 25)
                answered_at = min(moment, now)
                situation = _later(rng, profile, situation, months)
                later = situation
            elif rng.random() < 0.7:
                reminded = min(dt.datetime.combine(due, closed.timetz()) + days(rng, 1, 10), now)
        found.append(
            DemoOutcome(
                profile_index,
                pair_index,
                "follow_up",
                months,
                due,
                later[0],
                later[1],
                answered_at,
                reminded,
                closed,
            )
        )
    return found


def _later(
    rng: random.Random, profile: DemoProfile, situation: tuple[Situation, str | None], months: int
) -> tuple[Situation, str | None]:
    """Her situation some months on: a job once found is mostly kept; more find one."""
    columns = profile.columns
    if situation[0] in (Situation.EMPLOYED, Situation.SELF_EMPLOYED):
        return situation if rng.random() < 0.95 else (Situation.JOB_SEEKING, None)
    rate = JOB_RATES.get(months, max(JOB_RATES.values()))
    if "job" in columns["goals"] and profile.job_luck < rate:
        target = columns["target_occupation_code"] or columns["occupation_code"]
        return Situation.EMPLOYED, target if target and rng.random() < 0.7 else rng.choice(
            _STOPGAP_JOBS
        )
    return situation
