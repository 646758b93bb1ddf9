"""The cycle after "yes": plan together, work through it, close (docs/architecture.md).

Every move of the pair goes through operations._transition (guarded on the model, with a
history row); this module adds the rules of each step.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.cycle_models import (
    FINAL_GOAL_STATUSES,
    Activity,
    CheckIn,
    GoalStatus,
    Meeting,
    MeetingMode,
    PlanGoal,
)
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.mentorships.notifications import notify, notify_staff
from mentornet.modules.mentorships.operations import transition
from mentornet.modules.mentorships.outcomes import schedule_follow_ups
from mentornet.modules.mentorships.reasons import EndReason, Reason, Step
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant

END_REASONS = tuple(EndReason)


def goal_in(session: Session, mentorship: Mentorship, goal_id: int) -> PlanGoal | None:
    goal = session.get(PlanGoal, goal_id)
    return goal if goal is not None and goal.mentorship_id == mentorship.id else None


def activity_in(session: Session, mentorship: Mentorship, activity_id: int) -> Activity | None:
    activity = session.get(Activity, activity_id)
    if activity is None:
        return None
    goal = session.get(PlanGoal, activity.goal_id)
    return activity if goal is not None and goal.mentorship_id == mentorship.id else None


def start_planning(session: Session, mentorship: Mentorship, *, actor: User) -> None:
    transition(session, mentorship, State.PLANNING, actor, Step.PLANNING_STARTED)


def add_goal(
    session: Session,
    tenant: Tenant,
    mentorship: Mentorship,
    *,
    goal_key: str,
    description: str,
    target_date: dt.date | None,
) -> PlanGoal:
    """A goal from the network's catalogue; changing the plan asks both to confirm it again."""
    _require(mentorship.can_edit_plan)
    if any(g.goal_key == goal_key for g in mentorship.goals):
        raise DomainError(_l("This goal is already in your plan."), field="goal_key")
    if goal_key not in {goal.key for goal in tenant.config.offered_goals}:
        raise DomainError(_l("Choose a goal from the list."), field="goal_key")
    goal = PlanGoal(goal_key=goal_key, description=description.strip(), target_date=target_date)
    mentorship.goals.append(goal)
    _plan_changed(mentorship)
    session.flush()
    return goal


def update_goal(
    session: Session,
    mentorship: Mentorship,
    goal: PlanGoal,
    *,
    description: str,
    target_date: dt.date | None,
) -> None:
    _require(mentorship.can_edit_plan)
    _own_goal(mentorship, goal)
    goal.description, goal.target_date = description.strip(), target_date
    _plan_changed(mentorship)
    session.flush()


def remove_goal(session: Session, mentorship: Mentorship, goal: PlanGoal) -> None:
    """While planning a goal can be taken out again, with its activities."""
    _require(mentorship.can_reshape_plan)
    _own_goal(mentorship, goal)
    mentorship.goals.remove(goal)  # delete-orphan: the goal and its activities go
    _plan_changed(mentorship)
    session.flush()


def add_activity(
    session: Session,
    mentorship: Mentorship,
    goal: PlanGoal,
    *,
    title: str,
    due_date: dt.date | None,
) -> Activity:
    _require(mentorship.can_edit_plan)
    _own_goal(mentorship, goal)
    if not title.strip():
        raise DomainError(_l("Describe the activity."), field="title")
    activity = Activity(title=title.strip()[:300], due_date=due_date)
    goal.activities.append(activity)
    _plan_changed(mentorship)
    session.flush()
    return activity


def remove_activity(session: Session, mentorship: Mentorship, activity: Activity) -> None:
    _require(mentorship.can_reshape_plan)
    for goal in mentorship.goals:
        if activity in goal.activities:
            goal.activities.remove(activity)  # delete-orphan: the row goes
    _plan_changed(mentorship)
    session.flush()


def set_activity_done(
    session: Session, mentorship: Mentorship, activity: Activity, *, done: bool
) -> None:
    """Ticking an activity off is progress, not a change of plan."""
    _require(mentorship.is_at_work)
    activity.done_at = utcnow() if done else None
    session.flush()


def confirm_plan(
    session: Session, mentorship: Mentorship, profile: Profile, *, actor: User
) -> None:
    """Each side confirms the plan; when both have, the mentorship is active."""
    _require(mentorship.can_reshape_plan)
    if not mentorship.goals:
        raise DomainError(_l("Add at least one goal to the plan first."))
    if profile.id == mentorship.mentee_profile_id:
        mentorship.plan_confirmed_by_mentee = True
    elif profile.id == mentorship.mentor_profile_id:
        mentorship.plan_confirmed_by_mentor = True
    else:
        raise DomainError(_l("This mentorship is not yours."))
    tenant = _tenant(session, mentorship)
    if mentorship.plan_confirmed_by_mentee and mentorship.plan_confirmed_by_mentor:
        mentorship.started_at = utcnow()
        transition(session, mentorship, State.ACTIVE, actor, Step.PLAN_CONFIRMED)
        notify(
            session, tenant, mentorship, "active", recipients=[mentorship.mentee, mentorship.mentor]
        )
    else:
        notify(
            session,
            tenant,
            mentorship,
            "confirm_plan",
            recipients=_others(session, mentorship, actor),
        )
    session.flush()


def log_meeting(
    session: Session,
    mentorship: Mentorship,
    *,
    held_on: dt.date,
    minutes: int,
    mode: MeetingMode,
    notes: str,
    goal_ids: list[int],
    actor: User,
) -> Meeting:
    _require(mentorship.is_at_work)
    if held_on > dt.date.today():
        raise DomainError(_l("A meeting cannot be in the future."), field="held_on")
    if not 1 <= minutes <= 24 * 60:
        raise DomainError(_l("Enter the length in minutes."), field="minutes")
    own = {goal.id for goal in mentorship.goals}
    meeting = Meeting(
        held_on=held_on,
        minutes=minutes,
        mode=mode,
        notes=notes.strip(),
        goal_ids=[str(goal_id) for goal_id in goal_ids if goal_id in own],
        logged_by_id=actor.id,
    )
    mentorship.meetings.insert(0, meeting)  # newest first, as the collection is ordered
    session.flush()
    return meeting


def check_in(
    session: Session,
    mentorship: Mentorship,
    profile: Profile,
    *,
    rating: int,
    text: str,
    contact_me: bool,
) -> CheckIn:
    _require(mentorship.can_check_in)
    if profile.id not in (mentorship.mentee_profile_id, mentorship.mentor_profile_id):
        raise DomainError(_l("This mentorship is not yours."))
    if not 1 <= rating <= 5:
        raise DomainError(_l("Choose from 1 to 5."), field="rating")
    entry = CheckIn(
        profile_id=profile.id,
        rating=rating,
        text=text.strip(),
        contact_me=contact_me,
    )
    mentorship.check_ins.insert(0, entry)  # newest first, as the collection is ordered
    session.flush()
    if contact_me:
        notify_staff(session, _tenant(session, mentorship), mentorship, "contact_requested")
    return entry


def start_closing(session: Session, mentorship: Mentorship, *, actor: User) -> None:
    """Either side (or staff) starts closing; the other is asked for results and an evaluation."""
    transition(session, mentorship, State.CLOSING, actor, Step.CLOSING_STARTED)
    tenant = _tenant(session, mentorship)
    notify(session, tenant, mentorship, "closing", recipients=_others(session, mentorship, actor))


def record_goal_result(
    session: Session, mentorship: Mentorship, goal: PlanGoal, status: GoalStatus
) -> None:
    _require(mentorship.is_at_work)
    _own_goal(mentorship, goal)
    if mentorship.is_closing and status not in FINAL_GOAL_STATUSES:
        raise DomainError(_l("When closing, give each goal its result."), field="status")
    goal.status = status
    session.flush()


def evaluate(
    session: Session,
    mentorship: Mentorship,
    profile: Profile,
    *,
    rating: int,
    text: str,
    actor: User,
) -> None:
    """One side's evaluation; with both in and every goal given a result, the cycle is complete."""
    _require(mentorship.is_closing)
    if not 1 <= rating <= 5:
        raise DomainError(_l("Choose from 1 to 5."), field="rating")
    if profile.id == mentorship.mentee_profile_id:
        mentorship.mentee_rating, mentorship.mentee_evaluation = rating, text.strip()
    elif profile.id == mentorship.mentor_profile_id:
        mentorship.mentor_rating, mentorship.mentor_evaluation = rating, text.strip()
    else:
        raise DomainError(_l("This mentorship is not yours."))
    goals = mentorship.goals
    both = mentorship.mentee_rating is not None and mentorship.mentor_rating is not None
    if both and all(goal.status in FINAL_GOAL_STATUSES for goal in goals):
        # A completed pair counts as a success when at least one goal was achieved.
        mentorship.success = any(goal.status is GoalStatus.ACHIEVED for goal in goals)
        _finish(session, mentorship, State.COMPLETED, actor, Step.COMPLETED)
    session.flush()


def end_early(
    session: Session, mentorship: Mentorship, *, reason: str, actor: User, note: str = ""
) -> None:
    """Staff end a pair before its close, with a structured reason (and words, if they like)."""
    if reason not in END_REASONS:
        raise DomainError(_l("Please choose a reason."), field="reason")
    mentorship.end_reason = reason
    _finish(session, mentorship, State.ENDED_EARLY, actor, EndReason(reason), note)


def _finish(
    session: Session,
    mentorship: Mentorship,
    target: State,
    actor: User,
    reason: Reason,
    note: str = "",
) -> None:
    closed_at = mentorship.closed_at = utcnow()
    transition(session, mentorship, target, actor, reason, note=note)
    event = "completed" if target is State.COMPLETED else "ended_early"
    tenant = _tenant(session, mentorship)
    # The network asks the mentee about her situation again, months after the end.
    schedule_follow_ups(session, tenant, mentorship, closed_on=closed_at.date())
    notify(session, tenant, mentorship, event, recipients=[mentorship.mentee, mentorship.mentor])


def _tenant(session: Session, mentorship: Mentorship) -> Tenant:
    tenant = session.get(Tenant, mentorship.tenant_id)
    assert tenant is not None  # the foreign key guarantees it  # noqa: S101
    return tenant


def _others(session: Session, mentorship: Mentorship, actor: User | None) -> list[Profile]:
    """Who must act next: the other side of the pair, or both when staff acted."""
    pair = [mentorship.mentee, mentorship.mentor]
    others = [profile for profile in pair if actor is None or profile.user_id != actor.id]
    return others if len(others) == 1 else list(pair)


def _plan_changed(mentorship: Mentorship) -> None:
    mentorship.plan_confirmed_by_mentee = mentorship.plan_confirmed_by_mentor = False


def _own_goal(mentorship: Mentorship, goal: PlanGoal) -> None:
    if goal.mentorship_id != mentorship.id:
        raise DomainError(_l("This goal belongs to another mentorship."))


def _require(allowed: bool) -> None:
    """Refuse an action the pair's stage does not allow (the stage is asked on the model)."""
    if not allowed:
        raise DomainError(_l("This cannot be done at this stage of the mentorship."))
