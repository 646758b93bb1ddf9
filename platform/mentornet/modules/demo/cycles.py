"""Inside each demo pair: answers, plan goals and activities, meetings, check-ins, closing.

What a pair holds matches the state it reached: a pair in planning has goals but no meetings; an
active one has meetings and check-ins up to today; a completed one has every goal's result, both
evaluations and its success flag; one that ended early keeps what it had and its reason.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from mentornet.modules.demo import texts
from mentornet.modules.demo.draws import choose, days
from mentornet.modules.demo.journeys import Rules
from mentornet.modules.demo.plan import (
    MENTEE,
    MENTOR,
    STAFF,
    CheckIn,
    DemoPair,
    DemoProfile,
    Goal,
    Meeting,
)
from mentornet.modules.mentorships.cycle_models import FINAL_GOAL_STATUSES, GoalStatus, MeetingMode
from mentornet.modules.mentorships.models import Origin, State
from mentornet.modules.profiles.classifications import isco

G = GoalStatus
JOB_AT_CLOSING = 0.43  # share of mentees with a job goal who have a job when the pair closes
TROUBLED = frozenset({"no_contact", "no_chemistry", "health", "other"})
_RESULTS = ((G.ACHIEVED, 55), (G.PARTLY_ACHIEVED, 25), (G.NOT_ACHIEVED, 12), (G.DROPPED, 8))
_MODES = ((MeetingMode.IN_PERSON, 60), (MeetingMode.VIDEO, 25), (MeetingMode.PHONE, 15))
_GOOD_RATINGS = ((5, 45), (4, 40), (3, 12), (2, 3))
_POOR_RATINGS = ((4, 15), (3, 35), (2, 35), (1, 15))


@dataclass(frozen=True)
class Side:
    """One side of a pair: her profile and the language she writes in."""

    profile: DemoProfile
    locale: str


def fill_pair(
    rng: random.Random,
    pair: DemoPair,
    mentee: Side,
    mentor: Side,
    rules: Rules,
    check_in_days: int,
) -> None:
    """The pair's columns and its cycle, consistent with the state it is in today."""
    pair.columns = _answers(rng, pair, rules)
    _fix_end_reason(pair, mentee.profile)
    planning = pair.reached(State.PLANNING)
    if planning is None:
        return
    until = pair.ended_at or rules.now
    pair.goals = _goals(rng, pair, mentee, rules, planning, until)
    active = pair.reached(State.ACTIVE)
    if active is not None:
        pair.columns["started_at"] = active
        pair.columns["plan_confirmed_by_mentee"] = pair.columns["plan_confirmed_by_mentor"] = True
        pair.meetings = _meetings(rng, pair, mentee, mentor, active, until)
    elif pair.state is State.PLANNING and rng.random() < 0.3:
        side = "plan_confirmed_by_mentee" if rng.random() < 0.5 else "plan_confirmed_by_mentor"
        pair.columns[side] = True
    pair.check_ins = _check_ins(
        rng, pair, mentee, mentor, planning, until, check_in_days, rules.now
    )
    if pair.state in (State.CLOSING, State.COMPLETED):
        _evaluations(rng, pair, mentee, mentor)


def _answers(rng: random.Random, pair: DemoPair, rules: Rules) -> dict[str, Any]:
    """Who said what, when it expires, the note, and how it ended."""
    first, last = pair.steps[0], pair.steps[-1]
    columns: dict[str, Any] = {
        "mentee_answer": None,
        "mentor_answer": None,
        "mentee_reason": None,
        "mentor_reason": None,
        "mentee_reason_text": None,
        "mentor_reason_text": None,
        "expires_at": None,
        "veto_until": None,
        "plan_confirmed_by_mentee": False,
        "plan_confirmed_by_mentor": False,
        "end_reason": None,
        "success": None,
        "started_at": None,
        "closed_at": None,
        "note": "",
        "proposed_by": STAFF,
    }
    asking = pair.origin in (Origin.MENTOR_REQUEST, Origin.MENTEE_REQUEST)
    requester = MENTOR if pair.origin is Origin.MENTOR_REQUEST else MENTEE
    if asking:
        columns["proposed_by"] = requester
        columns["expires_at"] = first.at + dt.timedelta(days=rules.expiry)
        if pair.origin is Origin.MENTOR_REQUEST:
            columns["veto_until"] = first.at + dt.timedelta(days=rules.veto)
    elif pair.origin is Origin.COORDINATOR and rng.random() < 0.6:
        columns["note"] = texts.phrase(rng, "proposal_note", rules.writing)
    proposed = pair.reached(State.PROPOSED)
    if proposed is not None:
        columns["expires_at"] = proposed + dt.timedelta(days=rules.expiry)
    if pair.reached(State.AGREED) is not None:
        columns["mentee_answer"] = columns["mentor_answer"] = True
    elif proposed is None and asking:  # still at the request stage: the requester said yes
        columns[f"{requester}_answer"] = True
    elif last.state in (State.PROPOSED, State.DECLINED, State.EXPIRED) and rng.random() < 0.4:
        columns[f"{rng.choice((MENTEE, MENTOR))}_answer"] = True
    if last.state is State.DECLINED:
        side = last.actor or MENTEE
        columns[f"{side}_answer"] = False
        columns[f"{side}_reason"] = last.reason
        if rng.random() < 0.3:
            columns[f"{side}_reason_text"] = texts.phrase(rng, "decline_text", rules.writing)
    if last.state in (State.COMPLETED, State.ENDED_EARLY):
        columns["closed_at"] = last.at
    if last.state is State.ENDED_EARLY:
        columns["end_reason"] = last.reason
    return columns


def _fix_end_reason(pair: DemoPair, mentee: DemoProfile) -> None:
    """Only a mentee who wanted a job ends early because she found one."""
    last = pair.steps[-1]
    if (
        last.state is State.ENDED_EARLY
        and last.reason == "found_job"
        and "job" not in mentee.columns["goals"]
    ):
        last.reason = pair.columns["end_reason"] = "goals_changed"


def found_job(pair: DemoPair, mentee: DemoProfile) -> bool:
    """Whether she had a job when the pair closed (a mentee without a job goal never "finds" one)."""
    if "job" not in mentee.columns["goals"]:
        return False
    if pair.state is State.ENDED_EARLY:
        return pair.columns.get("end_reason") == "found_job"
    return pair.state is State.COMPLETED and mentee.job_luck < JOB_AT_CLOSING


def _goals(
    rng: random.Random,
    pair: DemoPair,
    mentee: Side,
    rules: Rules,
    planning: dt.datetime,
    until: dt.datetime,
) -> list[Goal]:
    keys = list(mentee.profile.columns["goals"])[:3]
    if "job" in keys:
        keys.remove("job")
        keys.insert(0, "job")
    target_code = mentee.profile.columns["target_occupation_code"]
    target = isco()[target_code].label(mentee.locale).lower() if target_code else ""
    expected_end = planning + dt.timedelta(days=rules.months * 30.4)
    goals = []
    for key in keys:
        text = texts.goal_text(rng, key, mentee.locale, rules.writing) if rng.random() < 0.8 else ""
        if "{target}" in text and not target:
            text = ""
        goal = Goal(key, text.format(target=target), expected_end.date(), G.OPEN)
        for title in texts.activity_texts(
            rng, key, rng.randint(2, 4), mentee.locale, rules.writing
        ):
            due = planning + days(rng, 10, max(rules.months * 30.4 - 10, 11))
            done = None
            if due < until and rng.random() < (0.85 if pair.state is State.COMPLETED else 0.65):
                done = min(max(due - days(rng, -6, 12), planning), until)
            goal.activities.append((title, due.date(), done))
        goals.append(goal)
    _goal_results(rng, pair, goals, mentee.profile, rules.now)
    return goals


def _goal_results(
    rng: random.Random, pair: DemoPair, goals: list[Goal], mentee: DemoProfile, now: dt.datetime
) -> None:
    state, job = pair.state, found_job(pair, mentee)
    for goal in goals:
        if state is State.COMPLETED:
            goal.status = choose(rng, _RESULTS)
        elif state is State.CLOSING:
            goal.status = choose(rng, _RESULTS) if rng.random() < 0.5 else G.IN_PROGRESS
        elif state is State.ACTIVE:
            started = pair.reached(State.ACTIVE) or now
            progress = min((now - started).days / 180, 1)
            goal.status = choose(
                rng,
                (
                    (G.ACHIEVED, 0.3 * progress),
                    (G.IN_PROGRESS, 0.6),
                    (G.OPEN, 0.4 - 0.3 * progress),
                ),
            )
        elif state is State.ENDED_EARLY and pair.reached(State.ACTIVE) is not None:
            goal.status = choose(rng, ((G.IN_PROGRESS, 0.5), (G.OPEN, 0.3), (G.DROPPED, 0.2)))
        if goal.key == "job" and state in (State.COMPLETED, State.ENDED_EARLY):
            if job:
                goal.status = G.ACHIEVED
            elif goal.status is G.ACHIEVED:
                goal.status = G.PARTLY_ACHIEVED if state is State.COMPLETED else G.IN_PROGRESS
    if state is State.COMPLETED:
        pair.columns["success"] = any(goal.status is G.ACHIEVED for goal in goals)


def _meetings(
    rng: random.Random,
    pair: DemoPair,
    mentee: Side,
    mentor: Side,
    active: dt.datetime,
    until: dt.datetime,
) -> list[Meeting]:
    troubled = pair.columns.get("end_reason") in TROUBLED
    meetings = []
    at = active + days(rng, 2, 12)
    while at < until:
        by_mentee = rng.random() < 0.5
        locale = (mentee if by_mentee else mentor).locale
        note = texts.phrase(rng, "meeting_note", locale) if rng.random() < 0.6 else ""
        touched = rng.sample(range(len(pair.goals)), min(len(pair.goals), rng.randint(0, 2)))
        minutes = rng.choice((45, 60, 60, 75, 90, 90, 120)) + rng.choice((0, 0, 5, 10, 15))
        meetings.append(
            Meeting(at.date(), minutes, choose(rng, _MODES), note, sorted(touched), by_mentee)
        )
        at += days(rng, 25, 50) if troubled else days(rng, 10, 25)
    return meetings


def _check_ins(
    rng: random.Random,
    pair: DemoPair,
    mentee: Side,
    mentor: Side,
    planning: dt.datetime,
    until: dt.datetime,
    interval: int,
    now: dt.datetime,
) -> list[CheckIn]:
    troubled = pair.columns.get("end_reason") in TROUBLED
    found = []
    at = planning + dt.timedelta(days=interval)
    while at < until:
        last = at + dt.timedelta(days=interval) >= until
        for side, by_mentee in ((mentee, True), (mentor, False)):
            if rng.random() >= 0.55:
                continue
            worried = troubled and last
            rating = choose(rng, _POOR_RATINGS if worried else _GOOD_RATINGS)
            contact = rng.random() < (0.5 if worried else 0.03 if rating >= 3 else 0.3)
            kind = (
                "check_in_contact"
                if contact
                else "check_in_good"
                if rating >= 4
                else "check_in_mixed"
            )
            text = texts.phrase(rng, kind, side.locale) if contact or rng.random() < 0.5 else ""
            moment = min(at + days(rng, 0, 3), now)
            handled = None
            if contact and moment < now - dt.timedelta(days=10) and rng.random() < 0.9:
                handled = moment + days(rng, 0.5, 7)
            found.append(CheckIn(moment, by_mentee, rating, text, contact, handled))
        at += dt.timedelta(days=interval)
    return found


def _evaluations(rng: random.Random, pair: DemoPair, mentee: Side, mentor: Side) -> None:
    completed = pair.state is State.COMPLETED
    for side, prefix, kind in (
        (mentee, "mentee", "evaluation_mentee"),
        (mentor, "mentor", "evaluation_mentor"),
    ):
        if completed or rng.random() < 0.35:
            pair.columns[f"{prefix}_rating"] = choose(rng, ((5, 50), (4, 35), (3, 12), (2, 3)))
            pair.columns[f"{prefix}_evaluation"] = texts.phrase(rng, kind, side.locale)
    both = pair.columns.get("mentee_rating") and pair.columns.get("mentor_rating")
    if not completed and both and all(goal.status in FINAL_GOAL_STATUSES for goal in pair.goals):
        pair.goals[
            0
        ].status = G.IN_PROGRESS  # with both evaluations and every result it would be complete
