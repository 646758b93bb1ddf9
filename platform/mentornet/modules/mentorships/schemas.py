"""The forms of the cycle: plan, meetings, check-ins, closing and ending early.

The choices come from the models, so a value the page did not offer is refused with a translated
message naming the field.
"""

from __future__ import annotations

from marshmallow import validate

from mentornet.core.schemas import (
    Boolean,
    Date,
    Integer,
    MultiValue,
    Schema,
    String,
    lazy_message,
    length,
    one_of,
)
from mentornet.modules.mentorships.cycle import END_REASONS
from mentornet.modules.mentorships.cycle_models import GoalStatus, MeetingMode
from mentornet.modules.mentorships.reasons import DeclineReason
from mentornet.modules.profiles.situations import Situation

_l = lazy_message
RATING = validate.Range(min=1, max=5, error=_l("Choose from 1 to 5."))


class GoalSchema(Schema):
    goal_key = String(required=True)
    description = String(load_default="", validate=length(maximum=2000))
    target_date = Date(load_default=None)


class GoalEditSchema(Schema):
    description = String(load_default="", validate=length(maximum=2000))
    target_date = Date(load_default=None)


class ActivitySchema(Schema):
    title = String(required=True, validate=length(1, 300))
    due_date = Date(load_default=None)


class MeetingSchema(Schema):
    held_on = Date(required=True)
    minutes = Integer(
        required=True,
        validate=validate.Range(min=1, max=24 * 60, error=_l("Enter the length in minutes.")),
    )
    mode = String(required=True, validate=one_of([mode.value for mode in MeetingMode]))
    notes = String(load_default="", validate=length(maximum=5000))
    goal_ids = MultiValue(Integer(), load_default=list)


class CheckInSchema(Schema):
    rating = Integer(required=True, validate=RATING)
    text = String(load_default="", validate=length(maximum=5000))
    contact_me = Boolean(load_default=False)


class GoalStatusSchema(Schema):
    status = String(required=True, validate=one_of([status.value for status in GoalStatus]))


class EvaluationSchema(Schema):
    rating = Integer(required=True, validate=RATING)
    text = String(load_default="", validate=length(maximum=5000))
    # Only the mentee answers this: her situation now, the closing outcome.
    situation = String(load_default=None, validate=one_of([s.value for s in Situation]))


class AnswerSchema(Schema):
    """A member's answer to a proposal or request: yes, or no with a reason and words."""

    answer = String(required=True, validate=one_of(["yes", "no"]))
    reason = String(load_default=None, validate=one_of([reason.value for reason in DeclineReason]))
    reason_text = String(load_default="", validate=length(maximum=2000))


class EndEarlySchema(Schema):
    reason = String(required=True, validate=one_of(list(END_REASONS)))
    note = String(load_default="", validate=length(maximum=1000))
