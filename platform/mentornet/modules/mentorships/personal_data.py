"""A member's mentorships (plan, meetings, check-ins, evaluations, outcomes), for her export and
her erasure. Erasure keeps each pair's states, dates, ratings and outcome flags for the reports;
the pair's free texts go, since what either side wrote about the pair may name her."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.cycle_models import Outcome
from mentornet.modules.mentorships.models import Mentorship
from mentornet.modules.profiles.models import Profile

ORDER = 30


def _when(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _profile_ids(session: Session, user: User) -> list[int]:
    return list(session.scalars(sa.select(Profile.id).where(Profile.user_id == user.id)))


def _mentorships(session: Session, ids: list[int]) -> list[Mentorship]:
    return list(
        session.scalars(
            sa.select(Mentorship)
            .where(
                sa.or_(Mentorship.mentee_profile_id.in_(ids), Mentorship.mentor_profile_id.in_(ids))
            )
            .order_by(Mentorship.id)
        )
    )


def export(session: Session, user: User) -> dict[str, Any]:
    ids = _profile_ids(session, user)
    outcomes = session.scalars(
        sa.select(Outcome).where(Outcome.profile_id.in_(ids)).order_by(Outcome.id)
    )
    return {
        "mentorships": [
            _pair(session, pair, ids)
            for pair in _mentorships(session, ids)
            if pair.state != "draft"
        ],
        "outcomes": [
            {
                "stage": o.stage.value,
                "months_after": o.months_after,
                "situation": o.situation.value if o.situation else None,
                "occupation_code": o.occupation_code,
                "note": o.note,
                "recorded_at": _when(o.recorded_at),
            }
            for o in outcomes
        ],
    }


def _pair(session: Session, pair: Mentorship, ids: list[int]) -> dict[str, Any]:
    side = "mentee" if pair.mentee_profile_id in ids else "mentor"
    return {
        "as": side,
        "state": pair.state.value,
        "created_at": _when(pair.created_at),
        "started_at": _when(pair.started_at),
        "closed_at": _when(pair.closed_at),
        "my_answer": getattr(pair, f"{side}_answer"),
        "my_reason": getattr(pair, f"{side}_reason_text"),
        "my_rating": getattr(pair, f"{side}_rating"),
        "my_evaluation": getattr(pair, f"{side}_evaluation"),
        "plan": [
            {
                "goal": goal.goal_key,
                "description": goal.description,
                "status": goal.status.value,
                "activities": [
                    {"title": a.title, "done_at": _when(a.done_at)} for a in goal.activities
                ],
            }
            for goal in pair.goals
        ],
        "meetings": [
            {
                "held_on": _when(m.held_on),
                "minutes": m.minutes,
                "mode": m.mode.value,
                "notes": m.notes,
            }
            for m in pair.meetings
        ],
        "check_ins": [
            {
                "rating": c.rating,
                "text": c.text,
                "contact_me": c.contact_me,
                "at": _when(c.created_at),
            }
            for c in pair.check_ins
            if c.profile_id in ids
        ],
        "history": [
            {
                "from": t.from_state.value if t.from_state else None,
                "to": t.to_state.value,
                "reason": t.reason,
                "note": t.note,
                "at": _when(t.created_at),
            }
            for t in pair.transitions
        ],
    }


def clear_free_texts(pair: Mentorship) -> None:
    """Everything people wrote in a pair; what reports count (states, dates, ratings) stays."""
    pair.note = ""
    pair.mentee_reason_text = pair.mentor_reason_text = None
    pair.mentee_evaluation = pair.mentor_evaluation = None
    for goal in pair.goals:
        goal.description = ""
        for activity in goal.activities:
            activity.title = ""
    for meeting in pair.meetings:
        meeting.notes = ""
    for check_in in pair.check_ins:
        check_in.text = ""
    for step in pair.transitions:
        step.note = ""


def erase(session: Session, user: User) -> None:
    ids = _profile_ids(session, user)
    for pair in _mentorships(session, ids):
        clear_free_texts(pair)
    session.execute(sa.update(Outcome).where(Outcome.profile_id.in_(ids)).values(note=""))
    session.flush()
