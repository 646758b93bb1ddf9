"""URLs of the mentorships module (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.core.permissions import ANY_ACCOUNT, STAFF
from mentornet.modules.mentorships.views import cycle, member, outcomes, staff

bp = Blueprint("mentorships", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
# Members reach the pair pages; the views check that the pair is her own.
PERMISSIONS = {
    "answer": ANY_ACCOUNT,
    "my_mentorships": ANY_ACCOUNT,
    "mentorship": ANY_ACCOUNT,
    "add_goal": ANY_ACCOUNT,
    "edit_goal": ANY_ACCOUNT,
    "remove_goal": ANY_ACCOUNT,
    "goal_status": ANY_ACCOUNT,
    "add_activity": ANY_ACCOUNT,
    "toggle_activity": ANY_ACCOUNT,
    "remove_activity": ANY_ACCOUNT,
    "confirm_plan": ANY_ACCOUNT,
    "log_meeting": ANY_ACCOUNT,
    "check_in": ANY_ACCOUNT,
    "start_closing": ANY_ACCOUNT,
    "evaluate": ANY_ACCOUNT,
    "follow_up": ANY_ACCOUNT,
    "pairs": STAFF,
    "pair": STAFF,
    "end_early": STAFF,
    "mark_handled": STAFF,
}

bp.add_url_rule(
    "/me/mentorships/<int:mentorship_id>/answer", view_func=member.answer, methods=["POST"]
)

# The pair's own page: plan, meetings, check-ins, closing.
ME = "/me/mentorships/<int:mentorship_id>"
bp.add_url_rule("/me/mentorship", view_func=cycle.my_mentorships)
bp.add_url_rule(ME, view_func=cycle.mentorship)
for path, view in (
    ("/goals", cycle.add_goal),
    ("/goals/<int:goal_id>", cycle.edit_goal),
    ("/goals/<int:goal_id>/remove", cycle.remove_goal),
    ("/goals/<int:goal_id>/status", cycle.goal_status),
    ("/goals/<int:goal_id>/activities", cycle.add_activity),
    ("/activities/<int:activity_id>/done", cycle.toggle_activity),
    ("/activities/<int:activity_id>/remove", cycle.remove_activity),
    ("/confirm", cycle.confirm_plan),
    ("/meetings", cycle.log_meeting),
    ("/check-ins", cycle.check_in),
    ("/closing", cycle.start_closing),
    ("/evaluation", cycle.evaluate),
):
    bp.add_url_rule(ME + path, view_func=view, methods=["POST"])

# The mentee's follow-ups after the mentorship (+3, +6, +12 months).
bp.add_url_rule(
    "/me/outcomes/<int:outcome_id>",
    endpoint="follow_up",
    view_func=outcomes.follow_up,
    methods=["GET", "POST"],
)

# The coordinators' view of the pairs.
bp.add_url_rule("/staff/mentorships", view_func=staff.pairs)
bp.add_url_rule("/staff/mentorships/<int:mentorship_id>", view_func=staff.pair)
bp.add_url_rule(
    "/staff/mentorships/<int:mentorship_id>/end", view_func=staff.end_early, methods=["POST"]
)
bp.add_url_rule(
    "/staff/mentorships/<int:mentorship_id>/check-ins/<int:check_in_id>/handled",
    view_func=staff.mark_handled,
    methods=["POST"],
)
