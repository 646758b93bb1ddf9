"""URLs of the profiles module (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.core.permissions import ANY_ACCOUNT, ANYONE, STAFF
from mentornet.modules.profiles import api
from mentornet.modules.profiles.views import importing, member, public, staff

bp = Blueprint("profiles", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "apply_mentee": ANYONE,
    "apply_mentor": ANYONE,
    "edit_profile": ANY_ACCOUNT,
    "pause_profile": ANY_ACCOUNT,
    "resume_profile": ANY_ACCOUNT,
    "applicants": STAFF,
    "applicant": STAFF,
    "change_status": STAFF,
    "add_note": STAFF,
    "import_profiles": STAFF,
    "list_profiles": STAFF,
    "create_profile": STAFF,
}

bp.add_url_rule("/apply/mentee", view_func=public.apply_mentee, methods=["GET", "POST"])
bp.add_url_rule("/apply/mentor", view_func=public.apply_mentor, methods=["GET", "POST"])

bp.add_url_rule("/me/profile", view_func=member.edit_profile, methods=["GET", "POST"])
bp.add_url_rule("/me/profile/pause", view_func=member.pause_profile, methods=["POST"])
bp.add_url_rule("/me/profile/resume", view_func=member.resume_profile, methods=["POST"])

bp.add_url_rule("/staff/applicants", view_func=staff.applicants)
bp.add_url_rule("/staff/applicants/<int:profile_id>", view_func=staff.applicant)
bp.add_url_rule(
    "/staff/applicants/<int:profile_id>/status", view_func=staff.change_status, methods=["POST"]
)
bp.add_url_rule(
    "/staff/applicants/<int:profile_id>/notes", view_func=staff.add_note, methods=["POST"]
)
bp.add_url_rule(
    "/staff/applicants/import",
    endpoint="import_profiles",
    view_func=importing.import_profiles_view,
    methods=["GET", "POST"],
)

bp.add_url_rule("/api/v1/profiles", view_func=api.list_profiles, methods=["GET"])
bp.add_url_rule("/api/v1/profiles", view_func=api.create_profile, methods=["POST"])
