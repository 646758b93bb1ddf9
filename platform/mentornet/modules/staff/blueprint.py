"""URLs of the coordinator console shell (under /<tenant_slug>/staff)."""

from flask import Blueprint

from mentornet.core.permissions import STAFF
from mentornet.modules.staff import views

bp = Blueprint("staff", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "index": STAFF,
}

bp.add_url_rule("/staff/", view_func=views.index)
