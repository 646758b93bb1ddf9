"""URLs of matching: the coordinators' console (/staff/matching) and members' browsing (/me/browse)."""

from flask import Blueprint

from mentornet.core.permissions import ANY_ACCOUNT, STAFF
from mentornet.modules.matching.views import browse
from mentornet.modules.matching.views import console as views

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
    # Members browse in the modes that let them choose; the views check mode and status.
    "browse": ANY_ACCOUNT,
    "request_match": ANY_ACCOUNT,
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
bp.add_url_rule("/me/browse", view_func=browse.browse)
bp.add_url_rule(
    "/me/browse/<int:profile_id>/request", view_func=browse.request_match, methods=["POST"]
)
