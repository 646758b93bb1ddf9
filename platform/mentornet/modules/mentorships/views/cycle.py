"""The pair's own page: plan together, log meetings, check in, close (/<slug>/me/mentorship...).

Both sides see and edit the same plan. Every action is a small form that posts and comes back to the
page; a form with errors is shown again with each message next to its field, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from marshmallow import Schema
from werkzeug.exceptions import NotFound

from mentornet.core.errors import DomainError
from mentornet.core.i18n import current_locale
from mentornet.core.types import utcnow
from mentornet.extensions import db
from mentornet.modules.mentorships import cycle, labels, monitoring
from mentornet.modules.mentorships.cards import card_for
from mentornet.modules.mentorships.cycle_models import (
    FINAL_GOAL_STATUSES,
    GoalStatus,
    MeetingMode,
    OutcomeStage,
    PlanGoal,
)
from mentornet.modules.mentorships.models import STATE_LABELS, Mentorship, State
from mentornet.modules.mentorships.operations import get_mentorship, mentorships_of
from mentornet.modules.mentorships.outcomes import record_outcome
from mentornet.modules.mentorships.reasons import END_REASON_TITLES
from mentornet.modules.mentorships.schemas import (
    ActivitySchema,
    CheckInSchema,
    EvaluationSchema,
    GoalEditSchema,
    GoalSchema,
    GoalStatusSchema,
    MeetingSchema,
)
from mentornet.modules.profiles.models import Profile, ProfileRole
from mentornet.modules.profiles.operations import profiles_of
from mentornet.modules.profiles.situations import SITUATION_LABELS, Situation
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import FormResult, empty_form, parse_form

# The cycle as members see it (docs/architecture.md), and which step each state is in.
CYCLE_STEPS = (
    ("meet", _l("Meet and agree")),
    ("plan", _l("Make a plan")),
    ("achieve", _l("Work on the goals")),
    ("close", _l("Close")),
)
STEP_OF_STATE = {
    State.AGREED: "plan",
    State.PLANNING: "plan",
    State.ACTIVE: "achieve",
    State.CLOSING: "close",
    State.COMPLETED: "close",
    State.ENDED_EARLY: "close",
}
SHOWN = frozenset(STEP_OF_STATE)
FIELD_LABELS = {
    "goal_key": _l("Goal"),
    "description": _l("What exactly do you want to reach?"),
    "target_date": _l("Target date"),
    "title": _l("Activity"),
    "due_date": _l("Due date"),
    "held_on": _l("Date of the meeting"),
    "minutes": _l("Length in minutes"),
    "mode": _l("How did you meet?"),
    "notes": _l("Notes (only the two of you see them)"),
    "goal_ids": _l("Goals you worked on"),
    "rating": _l("How is it going?"),
    "text": _l("In your own words"),
    "contact_me": _l("Please contact me"),
    "status": _l("Status"),
    "situation": _l("Your situation now"),
}


def my_mentorships() -> ResponseReturnValue:
    """The member's mentorships; with exactly one running, straight to its page."""
    mine = [
        (mentorship, profile)
        for profile in profiles_of(db.session, current_user)
        for mentorship in mentorships_of(db.session, profile)
        if mentorship.state in SHOWN
    ]
    running = [m for m, _profile in mine if m.is_running]
    if len(running) == 1:
        return redirect(url_for("mentorships.mentorship", mentorship_id=running[0].id))
    names = {
        m.id: card_for(db.session, g.tenant, _other(m, p), to_partner=False).first_name
        for m, p in mine
    }
    return render_template(
        "mentorships/my_mentorships.html", mine=mine, names=names, state_labels=STATE_LABELS
    )


def mentorship(mentorship_id: int) -> ResponseReturnValue:
    pair, profile = _own(mentorship_id)
    return _page(pair, profile)


def add_goal(mentorship_id: int) -> ResponseReturnValue:
    pair, profile = _own(mentorship_id)

    def act(data: dict[str, Any]) -> None:
        if pair.state is State.AGREED:
            cycle.start_planning(db.session, pair, actor=current_user)
        cycle.add_goal(db.session, g.tenant, pair, **data)

    return _submit(pair, profile, "goal", GoalSchema(), act, _("The goal is in your plan."))


def edit_goal(mentorship_id: int, goal_id: int) -> ResponseReturnValue:
    return _goal_form(
        mentorship_id,
        goal_id,
        "goal",
        GoalEditSchema(),
        lambda pair, goal, data: cycle.update_goal(db.session, pair, goal, **data),
        _("The goal is saved."),
    )


def remove_goal(mentorship_id: int, goal_id: int) -> ResponseReturnValue:
    pair, _profile = _own(mentorship_id)
    goal = _goal(pair, goal_id)
    return _act(pair, lambda: cycle.remove_goal(db.session, pair, goal), _("The goal is removed."))


def goal_status(mentorship_id: int, goal_id: int) -> ResponseReturnValue:
    return _goal_form(
        mentorship_id,
        goal_id,
        "status",
        GoalStatusSchema(),
        lambda pair, goal, data: cycle.record_goal_result(
            db.session, pair, goal, GoalStatus(data["status"])
        ),
        _("The goal's status is saved."),
    )


def add_activity(mentorship_id: int, goal_id: int) -> ResponseReturnValue:
    return _goal_form(
        mentorship_id,
        goal_id,
        "activity",
        ActivitySchema(),
        lambda pair, goal, data: cycle.add_activity(db.session, pair, goal, **data),
        _("The activity is in your plan."),
    )


def remove_activity(mentorship_id: int, activity_id: int) -> ResponseReturnValue:
    pair, _profile = _own(mentorship_id)
    activity = cycle.activity_in(db.session, pair, activity_id)
    if activity is None:
        abort(404)
    return _act(
        pair,
        lambda: cycle.remove_activity(db.session, pair, activity),
        _("The activity is removed."),
    )


def toggle_activity(mentorship_id: int, activity_id: int) -> ResponseReturnValue:
    pair, _profile = _own(mentorship_id)
    activity = cycle.activity_in(db.session, pair, activity_id)
    if activity is None:
        abort(404)
    done = activity.done_at is None
    return _act(
        pair,
        lambda: cycle.set_activity_done(db.session, pair, activity, done=done),
        _("Well done!") if done else _("The activity is open again."),
    )


def confirm_plan(mentorship_id: int) -> ResponseReturnValue:
    pair, profile = _own(mentorship_id)
    return _act(
        pair,
        lambda: cycle.confirm_plan(db.session, pair, profile, actor=current_user),
        _("You have confirmed the plan."),
    )


def log_meeting(mentorship_id: int) -> ResponseReturnValue:
    pair, profile = _own(mentorship_id)

    def act(data: dict[str, Any]) -> None:
        cycle.log_meeting(
            db.session,
            pair,
            held_on=data["held_on"],
            minutes=data["minutes"],
            mode=MeetingMode(data["mode"]),
            notes=data["notes"],
            goal_ids=data["goal_ids"],
            actor=current_user,
        )

    return _submit(
        pair, profile, "meeting", MeetingSchema(), act, _("The meeting is logged."), ("goal_ids",)
    )


def check_in(mentorship_id: int) -> ResponseReturnValue:
    pair, profile = _own(mentorship_id)
    return _submit(
        pair,
        profile,
        "check_in",
        CheckInSchema(),
        lambda data: cycle.check_in(db.session, pair, profile, **data),
        _("Thank you for checking in."),
    )


def start_closing(mentorship_id: int) -> ResponseReturnValue:
    pair, _profile = _own(mentorship_id)
    return _act(
        pair,
        lambda: cycle.start_closing(db.session, pair, actor=current_user),
        _("Closing has started. Give each goal its result and write your evaluation."),
    )


def evaluate(mentorship_id: int) -> ResponseReturnValue:
    pair, profile = _own(mentorship_id)
    is_mentee = profile.role is ProfileRole.MENTEE

    def act(data: dict[str, Any]) -> None:
        if is_mentee:
            if data["situation"] is None:
                raise DomainError(_l("Please tell us your situation now."), field="situation")
            record_outcome(
                db.session,
                profile,
                OutcomeStage.CLOSING,
                Situation(data["situation"]),
                mentorship=pair,
            )
        cycle.evaluate(
            db.session, pair, profile, rating=data["rating"], text=data["text"], actor=current_user
        )

    return _submit(
        pair, profile, "evaluation", EvaluationSchema(), act, _("Thank you for your evaluation.")
    )


# ---- helpers ----


def _own(mentorship_id: int) -> tuple[Mentorship, Profile]:
    """The mentorship and the member's own side of it; anybody else's is not found."""
    found = get_mentorship(db.session, mentorship_id, whole=True)
    if found is not None and found.state in SHOWN:
        for profile in profiles_of(db.session, current_user):
            if profile.id in (found.mentee_profile_id, found.mentor_profile_id):
                return found, profile
    raise NotFound()


def _goal_form(
    mentorship_id: int,
    goal_id: int,
    kind: str,
    schema: Schema,
    action: Callable[[Mentorship, PlanGoal, dict[str, Any]], object],
    done: str,
) -> ResponseReturnValue:
    """A form about one goal of the member's own pair; its errors show under that goal."""
    pair, profile = _own(mentorship_id)
    goal = _goal(pair, goal_id)
    return _submit(
        pair, profile, f"{kind}-{goal.id}", schema, lambda data: action(pair, goal, data), done
    )


def _goal(pair: Mentorship, goal_id: int) -> PlanGoal:
    goal = cycle.goal_in(db.session, pair, goal_id)
    if goal is None:
        abort(404)
    return goal


def _other(pair: Mentorship, profile: Profile) -> Profile:
    return pair.mentor if profile.id == pair.mentee_profile_id else pair.mentee


def _back_url(pair: Mentorship, anchor: str = "") -> str:
    target = url_for("mentorships.mentorship", mentorship_id=pair.id)
    return f"{target}#{anchor}" if anchor else target


def _back(pair: Mentorship, anchor: str = "") -> ResponseReturnValue:
    return redirect(_back_url(pair, anchor), 303)


def _act(pair: Mentorship, action: Callable[[], None], done: str) -> ResponseReturnValue:
    """A button without fields: do it, or say why it cannot be done."""
    refusal_goes_to(_back_url(pair))
    action()
    flash(done, "success")
    return _back(pair)


def _submit(
    pair: Mentorship,
    profile: Profile,
    name: str,
    schema: Schema,
    action: Callable[[dict[str, Any]], object],
    done: str,
    list_fields: tuple[str, ...] = (),
) -> ResponseReturnValue:
    """A form: validate, act, and come back; or show the page again with the errors in place."""
    form = parse_form(schema, list_fields=list_fields)
    if not form.ok:
        return _page(pair, profile, {name: form}), 400
    refusal_shows_form(form, lambda: (_page(pair, profile, {name: form}), 400))
    action(form.data)
    flash(done, "success")
    return _back(pair, name)


def _page(pair: Mentorship, profile: Profile, forms: dict[str, FormResult] | None = None) -> str:
    session, tenant = db.session, g.tenant
    goals, check_ins = pair.goals, pair.check_ins
    is_mentee = profile.id == pair.mentee_profile_id
    goal_labels = tenant.goal_labels(current_locale())
    return render_template(
        "mentorships/mentorship.html",
        pair=pair,
        profile=profile,
        other=card_for(session, tenant, _other(pair, profile), to_partner=True),
        is_mentee=is_mentee,
        forms=forms or {},
        empty=empty_form(),
        field_labels=FIELD_LABELS,
        steps=CYCLE_STEPS,
        current_step=STEP_OF_STATE[pair.state],
        state_label=STATE_LABELS[pair.state],
        goals=goals,
        activities={goal.id: goal.activities for goal in goals},
        goal_labels=goal_labels,
        goal_options=[
            (key, label)
            for key, label in goal_labels.items()
            if key in {goal.key for goal in tenant.config.offered_goals}
            if key not in {goal.goal_key for goal in goals}
        ],
        meetings=pair.meetings,
        my_check_ins=[entry for entry in check_ins if entry.profile_id == profile.id],
        check_in_due=monitoring.check_in_due_on(tenant, pair, profile, check_ins),
        i_confirmed=pair.plan_confirmed_by_mentee if is_mentee else pair.plan_confirmed_by_mentor,
        other_confirmed=pair.plan_confirmed_by_mentor
        if is_mentee
        else pair.plan_confirmed_by_mentee,
        i_evaluated=(pair.mentee_rating if is_mentee else pair.mentor_rating) is not None,
        other_evaluated=(pair.mentor_rating if is_mentee else pair.mentee_rating) is not None,
        results_missing=[goal for goal in goals if goal.status not in FINAL_GOAL_STATUSES],
        goal_status_labels=labels.GOAL_STATUS_LABELS,
        status_options=[
            (status.value, labels.GOAL_STATUS_LABELS[status.value])
            for status in GoalStatus
            if pair.state is not State.CLOSING or status in FINAL_GOAL_STATUSES
        ],
        today=utcnow().date().isoformat(),
        mode_labels=labels.MEETING_MODE_LABELS,
        rating_labels=labels.RATING_LABELS,
        situation_labels=SITUATION_LABELS,
        end_reason_labels=END_REASON_TITLES,
    )
