"""URLs of the accounts module (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.core.permissions import ANY_ACCOUNT, ANYONE
from mentornet.modules.accounts import invitation_views, views

bp = Blueprint("accounts", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "login": ANYONE,
    "logout": ANY_ACCOUNT,
    "request_password_reset": ANYONE,
    "reset_password": ANYONE,
    "change_password": ANY_ACCOUNT,
    "accept_invitation": ANYONE,
}

bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/password/reset", view_func=views.request_password_reset, methods=["GET", "POST"])
bp.add_url_rule("/password/reset/new", view_func=views.reset_password, methods=["GET", "POST"])
bp.add_url_rule("/password/change", view_func=views.change_password, methods=["GET", "POST"])
bp.add_url_rule(
    "/invitation", view_func=invitation_views.accept_invitation, methods=["GET", "POST"]
)
