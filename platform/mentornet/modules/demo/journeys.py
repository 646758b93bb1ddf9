"""What happens to each demo member: intake, pairs (from proposal to closing) and what came after.

The plan is state-first: each mentee is given the story she is in today (applied, waiting, in an
active pair, alumna, ...) in proportions like a mature network's, and her timeline is built
backwards from today, so every stage of the lifecycle is present even in a small network. The
moves recorded here are the planned ones; replay.py derives the statuses that follow from pairs.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from mentornet.modules.demo import texts
from mentornet.modules.demo.draws import choose, days
from mentornet.modules.demo.plan import MENTEE, MENTOR, SELF, STAFF, DemoPair, PairStep
from mentornet.modules.mentorships.cycle import END_REASONS
from mentornet.modules.mentorships.models import Origin, State
from mentornet.modules.mentorships.operations import DECLINE_REASONS
from mentornet.modules.mentorships.reasons import Step
from mentornet.modules.profiles.models import ProfileStatus
from mentornet.modules.tenants.config import TenantConfig

S = ProfileStatus
YEAR = 365.25
PAIR_YEARS = 4.5  # completed pairs are spread over this many years before today

# The story each mentee is in today, weighted like a network that has run for some years.
MENTEE_STORIES: dict[str, float] = {
    "applied": 4,
    "info_meeting": 2.5,
    "interviewed": 2.5,
    "rejected": 2.5,
    "withdrawn_intake": 1.5,
    "paused_intake": 1,
    "waiting": 8,
    "paused": 1.5,
    "withdrawn": 2.5,
    "pair:requested": 2,
    "pair:proposed": 3,
    "pair:agreed": 2,
    "pair:planning": 3,
    "pair:active": 13,
    "pair:closing": 3,
    "pair:completed": 38,
    "pair:ended_early": 7,
    "pair:declined": 2,
    "pair:expired": 1,
    "pair:withdrawn": 1,
}
MENTOR_STORIES: dict[str, float] = {
    "applied": 3,
    "info_meeting": 2,
    "interviewed": 2,
    "rejected": 2,
    "withdrawn_intake": 1,
    "pool": 90,
}
INTAKE_STORIES = frozenset(
    {"applied", "info_meeting", "interviewed", "rejected", "withdrawn_intake", "paused_intake"}
)
_DECLINE_WEIGHTS = dict(zip(DECLINE_REASONS, (30, 15, 18, 10, 5, 14, 8), strict=True))
_END_WEIGHTS = dict(zip(END_REASONS, (22, 10, 12, 18, 16, 12, 10), strict=True))
_PRIOR = ((State.DECLINED, 55), (State.EXPIRED, 12), (State.WITHDRAWN, 8), (State.ENDED_EARLY, 25))
_ENDED_FROM = ((State.AGREED, 8), (State.PLANNING, 17), (State.ACTIVE, 65), (State.CLOSING, 10))
_CHAIN = (
    State.PROPOSED,
    State.AGREED,
    State.PLANNING,
    State.ACTIVE,
    State.CLOSING,
    State.COMPLETED,
)

Move = tuple[dt.datetime, ProfileStatus, str | None, str]


@dataclass(frozen=True)
class Rules:
    """What the network's pack says about intake and the cycle, and when "now" is."""

    now: dt.datetime
    mode: str
    expiry: int
    veto: int
    months: int
    info_required: bool
    interview_required: bool
    writing: str
    keep_rejected_days: float  # retention: rejected applicants are erased after this long

    @classmethod
    def of(cls, pack: TenantConfig, now: dt.datetime, writing: str) -> Rules:
        cycle, matching, intake = pack.cycle, pack.matching, pack.intake
        return cls(
            now=now,
            mode=matching.mode,
            expiry=int(cycle.proposal_expiry_days),
            veto=int(matching.veto_window_days),
            months=int(cycle.expected_months),
            info_required=bool(intake.information_meeting_required),
            interview_required=bool(intake.interview_required),
            writing=writing,
            keep_rejected_days=30.4 * int(pack.retention.rejected_applicant_months),
        )

    @property
    def request_origin(self) -> Origin | None:
        return {
            "mentor_selects": Origin.MENTOR_REQUEST,
            "mentee_requests": Origin.MENTEE_REQUEST,
        }.get(self.mode)


def story_weights(stories: dict[str, float], rules: Rules) -> dict[str, float]:
    """A request can only be open in a network where members ask for each other."""
    if rules.request_origin is None:
        return {key: weight for key, weight in stories.items() if key != "pair:requested"}
    return stories


# ---- a mentee's pairs, built backwards from today ----


def mentee_pairs(
    rng: random.Random, story: str, mentee: int, rules: Rules
) -> tuple[list[DemoPair], dt.datetime, dt.datetime]:
    """Her pairs (oldest first), when the first began, and when her story's last event happens.

    The last event is the start of her final pair, the start of her current wait, or the moment
    she paused or withdrew; pairs that did not work out come before it.
    """
    now = rules.now
    pairs: list[DemoPair] = []
    if story.startswith("pair:"):
        pairs.append(_final_pair(rng, State(story.removeprefix("pair:")), mentee, rules))
        event = anchor = pairs[0].created_at
    elif story == "waiting":
        event = anchor = now - days(rng, 3, 240)
    else:  # paused or withdrawn after approval
        event = anchor = now - days(rng, 2, 500)
    priors = 0 if rng.random() < 0.76 else 1 if rng.random() < 0.8 else 2
    for _ in range(priors):
        prior = _terminal_pair(rng, choose(rng, _PRIOR), anchor - days(rng, 5, 60), mentee, rules)
        pairs.insert(0, prior)
        anchor = prior.created_at
    return pairs, anchor, event


def _final_pair(rng: random.Random, final: State, mentee: int, rules: Rules) -> DemoPair:
    now = rules.now
    if final in (State.COMPLETED, State.ENDED_EARLY):
        span = PAIR_YEARS * YEAR
        ago = 20 + (span - 20) * rng.random() ** 1.35
        return _terminal_pair(rng, final, now - dt.timedelta(days=ago), mentee, rules)
    if final in (State.DECLINED, State.EXPIRED, State.WITHDRAWN):
        return _terminal_pair(rng, final, now - days(rng, 2, 240), mentee, rules)
    origin = _origin(rng, rules, final)
    steps = _path(rng, origin, final, rules)
    elapsed = {
        State.REQUESTED: (0.1, min(rules.expiry, rules.veto + 3) - 0.5),
        State.PROPOSED: (0.1, rules.expiry - 0.5),
        State.AGREED: (0.2, 13),
        State.PLANNING: (0.5, 27),
        State.ACTIVE: (1, rules.months * 30 - 5),
        State.CLOSING: (0.5, 25),
    }[final]
    return _anchored(rng, steps, now - days(rng, *elapsed), mentee, origin, rules)


def _terminal_pair(
    rng: random.Random, final: State, end: dt.datetime, mentee: int, rules: Rules
) -> DemoPair:
    origin = _origin(rng, rules, final)
    return _anchored(rng, _path(rng, origin, final, rules), end, mentee, origin, rules)


def _origin(rng: random.Random, rules: Rules, final: State) -> Origin:
    asking = rules.request_origin
    if final is State.REQUESTED and asking is not None:
        return asking
    if asking is not None and rng.random() < 0.8:
        return asking
    return Origin.BATCH if rng.random() < 0.55 else Origin.COORDINATOR


_Rel = tuple[float, State, str | None, str, str]  # days since creation, state, actor, reason, note


def _path(rng: random.Random, origin: Origin, final: State, rules: Rules) -> list[_Rel]:
    """The states the pair goes through to reach final, with the days between them."""
    requester = MENTOR if origin is Origin.MENTOR_REQUEST else MENTEE
    asked = MENTEE if requester == MENTOR else MENTOR
    if origin in (Origin.MENTOR_REQUEST, Origin.MENTEE_REQUEST):
        steps: list[_Rel] = [(0.0, State.REQUESTED, requester, Step.REQUESTED, "")]
        if final is State.REQUESTED:
            return steps
        if final in (State.DECLINED, State.EXPIRED, State.WITHDRAWN) and rng.random() < 0.5:
            return [*steps, _exit(rng, State.REQUESTED, final, asked, rules)]
        steps.append((rng.uniform(0.5, rules.expiry - 1), State.PROPOSED, asked, Step.SENT, ""))
    else:
        label = Step.SUGGESTED_BY_BATCH if origin is Origin.BATCH else Step.PROPOSED_BY_HAND
        steps = [(0.0, State.DRAFT, STAFF, label, "")]
        if origin is Origin.BATCH and final is State.WITHDRAWN and rng.random() < 0.4:
            return [*steps, (rng.uniform(0.1, 3), State.WITHDRAWN, STAFF, Step.DRAFT_DISCARDED, "")]
        gap = rng.uniform(0.1, 3) if origin is Origin.BATCH else 1 / 1440
        steps.append((gap, State.PROPOSED, STAFF, Step.SENT, ""))
    if final in (State.DECLINED, State.EXPIRED, State.WITHDRAWN):
        return [*steps, _exit(rng, State.PROPOSED, final, rng.choice((MENTEE, MENTOR)), rules)]
    if final is State.ENDED_EARLY:
        before = choose(rng, _ENDED_FROM)
        steps += _chain(rng, before, rules)
        return [*steps, _ended(rng, before, rules)]
    return steps + _chain(rng, final, rules)


def _chain(rng: random.Random, final: State, rules: Rules) -> list[_Rel]:
    gaps = {
        State.AGREED: (
            rng.uniform(3, rules.expiry - 1),
            rng.choice((MENTEE, MENTOR)),
            Step.BOTH_SAID_YES,
        ),
        State.PLANNING: (rng.uniform(2, 14), rng.choice((MENTEE, MENTOR)), Step.PLANNING_STARTED),
        State.ACTIVE: (rng.uniform(7, 28), rng.choice((MENTEE, MENTOR)), Step.PLAN_CONFIRMED),
        State.CLOSING: (
            rules.months * 30.4 + rng.uniform(-30, 45),
            choose(rng, ((MENTOR, 0.6), (MENTEE, 0.4))),
            Step.CLOSING_STARTED,
        ),
        State.COMPLETED: (rng.uniform(7, 30), rng.choice((MENTEE, MENTOR)), Step.COMPLETED),
    }
    steps: list[_Rel] = []
    for state in _CHAIN[1 : _CHAIN.index(final) + 1]:
        gap, actor, reason = gaps[state]
        steps.append((gap, state, actor, reason, ""))
    return steps


def _exit(rng: random.Random, before: State, final: State, who: str, rules: Rules) -> _Rel:
    if final is State.DECLINED:
        low = 0.5 if before is State.REQUESTED else 2
        return (
            rng.uniform(low, rules.expiry - 1),
            final,
            who,
            choose(rng, tuple(_DECLINE_WEIGHTS.items())),
            "",
        )
    if final is State.EXPIRED:
        return (rules.expiry + rng.uniform(0, 1), final, None, Step.NO_ANSWER_IN_TIME, "")
    high = rules.veto if before is State.REQUESTED else 7
    note = texts.phrase(rng, "pair_withdraw_reason", rules.writing)
    return (rng.uniform(0.2, high), final, STAFF, Step.WITHDRAWN_BY_STAFF, note)


def _ended(rng: random.Random, before: State, rules: Rules) -> _Rel:
    low, high = {
        State.AGREED: (3, 20),
        State.PLANNING: (5, 25),
        State.ACTIVE: (14, rules.months * 30 - 10),
        State.CLOSING: (3, 14),
    }[before]
    reason = choose(rng, tuple(_END_WEIGHTS.items()))
    return (rng.uniform(low, high), State.ENDED_EARLY, STAFF, reason, "")  # only staff end a pair


def _anchored(
    rng: random.Random,
    relative: list[_Rel],
    last: dt.datetime,
    mentee: int,
    origin: Origin,
    rules: Rules,
) -> DemoPair:
    """The pair with absolute times: its last step happens at `last`."""
    offsets, total = [], 0.0
    for gap, *_ in relative:
        total += gap
        offsets.append(total)
    start = last - dt.timedelta(days=total)
    steps = [
        PairStep(start + dt.timedelta(days=offset), state, actor, reason, note)
        for offset, (_, state, actor, reason, note) in zip(offsets, relative, strict=True)
    ]
    return DemoPair(mentee=mentee, origin=origin, steps=steps)


# ---- intake: applied, information meeting, interview, approval (and the side exits) ----


def intake_until(rng: random.Random, approved: dt.datetime, rules: Rules) -> list[Move]:
    """The intake steps of a member approved at `approved`, oldest first."""
    moves: list[Move] = [(approved, S.APPROVED, STAFF, "approved")]
    at = approved
    if rules.interview_required or rng.random() < 0.5:
        at -= days(rng, 1, 14)
        moves.insert(0, (at, S.INTERVIEWED, STAFF, "interview"))
    if rules.info_required or rng.random() < 0.5:
        at -= days(rng, 5, 25)
        moves.insert(0, (at, S.INFO_MEETING, STAFF, "information meeting"))
    moves.insert(0, (at - days(rng, 3, 30), S.APPLIED, SELF, "application"))
    return moves


def intake_story(rng: random.Random, story: str, rules: Rules, span_days: float) -> list[Move]:
    """The moves of a member still in intake today, or who left it."""
    now, writing = rules.now, rules.writing
    if story == "applied":
        return [(now - days(rng, 0.05, 30), S.APPLIED, SELF, "application")]
    if story in ("info_meeting", "interviewed"):
        moves = intake_until(rng, now - days(rng, 0.05, 21), rules)[:-1]
        if story == "info_meeting":
            moves = [move for move in moves if move[1] is not S.INTERVIEWED]
            if not any(move[1] is S.INFO_MEETING for move in moves):
                moves.append(
                    (moves[-1][0] + days(rng, 3, 10), S.INFO_MEETING, STAFF, "information meeting")
                )
        elif not any(move[1] is S.INTERVIEWED for move in moves):
            moves.append((moves[-1][0] + days(rng, 3, 10), S.INTERVIEWED, STAFF, "interview"))
        return [move for move in moves if move[0] < now]
    longest = {"rejected": rules.keep_rejected_days, "paused_intake": 150}.get(story, span_days)
    end = now - days(rng, 3, longest)
    moves = intake_until(rng, end, rules)[:-1]
    if story == "rejected":
        return [*moves, (end, S.REJECTED, STAFF, texts.phrase(rng, "reject_reason", writing))]
    moves = moves[: rng.randint(1, len(moves))]
    kind, status = (
        ("pause_reason", S.PAUSED) if story == "paused_intake" else ("withdraw_reason", S.WITHDRAWN)
    )
    return [*moves, (end, status, rng.choice((SELF, STAFF)), texts.phrase(rng, kind, writing))]
