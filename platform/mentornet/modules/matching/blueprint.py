"""URLs of the matching console (under /<tenant_slug>/staff/matching)."""

from flask import Blueprint

from mentornet.core.permissions import STAFF
from mentornet.modules.matching import views

bp = Blueprint("matching", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "console": STAFF,
    "mentee_suggestions": STAFF,
    "propose": STAFF,
    "start_batch": STAFF,
    "batch": STAFF,
    "drafts": STAFF,
    "publish_drafts": STAFF,
    "discard_draft": STAFF,
    "pin_draft": STAFF,
    "withdraw": STAFF,
}

bp.add_url_rule("/staff/matching", view_func=views.console)
bp.add_url_rule("/staff/matching/mentees/<int:profile_id>", view_func=views.mentee_suggestions)
bp.add_url_rule(
    "/staff/matching/mentees/<int:profile_id>/propose", view_func=views.propose, methods=["POST"]
)
bp.add_url_rule("/staff/matching/batch", view_func=views.start_batch, methods=["POST"])
bp.add_url_rule("/staff/matching/batches/<int:batch_id>", view_func=views.batch)
bp.add_url_rule("/staff/matching/drafts", view_func=views.drafts)
bp.add_url_rule("/staff/matching/drafts/publish", view_func=views.publish_drafts, methods=["POST"])
bp.add_url_rule(
    "/staff/matching/drafts/<int:mentorship_id>/discard",
    view_func=views.discard_draft,
    methods=["POST"],
)
bp.add_url_rule(
    "/staff/matching/drafts/<int:mentorship_id>/pin", view_func=views.pin_draft, methods=["POST"]
)
bp.add_url_rule(
    "/staff/matching/mentorships/<int:mentorship_id>/withdraw",
    view_func=views.withdraw,
    methods=["POST"],
)
