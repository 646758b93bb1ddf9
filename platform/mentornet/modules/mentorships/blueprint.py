"""URLs of the mentorships module (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.modules.mentorships.views import member

bp = Blueprint("mentorships", __name__, template_folder="templates")

bp.add_url_rule(
    "/me/mentorships/<int:mentorship_id>/answer", view_func=member.answer, methods=["POST"]
)
bp.add_url_rule("/me/browse", view_func=member.browse)
bp.add_url_rule(
    "/me/browse/<int:profile_id>/request", view_func=member.request_match, methods=["POST"]
)
