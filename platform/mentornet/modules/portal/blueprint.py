"""URLs of the public portal and the member area (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.core.permissions import ALL_ROLES, ANYONE
from mentornet.modules.portal import views

bp = Blueprint("portal", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "index": ANYONE,
    "theme": ANYONE,
    "logo": ANYONE,
    "me": ALL_ROLES,  # the member area
}

bp.add_url_rule("/", view_func=views.index)
bp.add_url_rule("/theme.css", view_func=views.theme)
bp.add_url_rule("/logo.png", view_func=views.logo)
bp.add_url_rule("/me/", view_func=views.me)
