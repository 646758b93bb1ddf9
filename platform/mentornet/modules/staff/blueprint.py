"""URLs of the coordinator console shell (under /<tenant_slug>/staff)."""

from flask import Blueprint

from mentornet.modules.staff import views

bp = Blueprint("staff", __name__, template_folder="templates")

bp.add_url_rule("/staff/", view_func=views.index)
