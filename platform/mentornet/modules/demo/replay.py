"""Statuses and places that follow from the pairs, derived by the rule the application applies.

Every planned move and every pair step is replayed in time order; what a pair step does to the
mentor's places and to both people's statuses is mentorships.effects.pair_effects, the function
operations.transition applies too. Each status change is checked against the profile lifecycle, so the generated history is one the
application itself could have written.
"""

from __future__ import annotations

import datetime as dt

from mentornet.modules.demo.journeys import Move
from mentornet.modules.demo.plan import DemoNetwork, DemoPair, DemoProfile, StatusStep
from mentornet.modules.mentorships.effects import pair_effects
from mentornet.modules.mentorships.models import HOLDS_PLACE
from mentornet.modules.profiles.models import TRANSITIONS, ProfileRole, ProfileStatus

S = ProfileStatus


class ReplayError(RuntimeError):
    """The plan broke a rule of the lifecycle (a bug in the planner, never in the data)."""


def replay(network: DemoNetwork, planned: dict[int, list[Move]]) -> None:
    events: list[tuple[dt.datetime, int, int, int]] = []  # (at, kind, index, step)
    for index, moves in planned.items():
        events += [(at, 0, index, position) for position, (at, *_) in enumerate(moves)]
    for index, pair in enumerate(network.pairs):
        if not pair.dropped:
            events += [(step.at, 1, index, position) for position, step in enumerate(pair.steps)]
    for at, kind, index, position in sorted(events):
        if kind == 0:
            _, status, actor, reason = planned[index][position]
            _move(network.profiles[index], at, status, actor, reason)
        else:
            _pair_step(network, network.pairs[index], position)
    _check_places(network)


def _pair_step(network: DemoNetwork, pair: DemoPair, position: int) -> None:
    step = pair.steps[position]
    before = pair.steps[position - 1].state if position else None
    mentee, mentor = network.profiles[pair.mentee], network.profiles[pair.mentor]
    if position == 0 and mentee.status is not S.APPROVED:
        raise ReplayError(f"pair of a mentee who is {mentee.status}")
    full = mentor.places_taken >= mentor.columns["capacity"]
    effects = pair_effects(
        before,
        step.state,
        mentee_status=mentee.status,
        mentor_status=mentor.status,
        mentor_full=full,
    )
    if effects.places > 0 and (mentor.status is not S.APPROVED or full):
        raise ReplayError("proposal to a mentor without a free place")
    mentor.places_taken += effects.places
    for move in effects.moves:
        person = mentee if move.role is ProfileRole.MENTEE else mentor
        _move(person, step.at, move.status, None, move.reason)


def _move(
    profile: DemoProfile, at: dt.datetime, status: ProfileStatus, actor: str | None, reason: str
) -> None:
    previous = profile.status if profile.steps else None
    if previous is not None and status not in TRANSITIONS[previous]:
        raise ReplayError(f"{previous} cannot become {status}")
    if previous is None and status is not S.APPLIED:
        raise ReplayError("a profile starts as applied")
    profile.steps.append(StatusStep(at, previous, status, actor, reason))


def _check_places(network: DemoNetwork) -> None:
    held: dict[int, int] = {}
    for pair in network.pairs:
        if not pair.dropped and pair.state in HOLDS_PLACE:
            held[pair.mentor] = held.get(pair.mentor, 0) + 1
    for index, profile in enumerate(network.profiles):
        if profile.places_taken != held.get(index, 0):
            raise ReplayError("places taken differ from the pairs holding them")
