"""URLs of the accounts module (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.core.permissions import ADMIN, ANY_ACCOUNT, ANYONE, COORDINATOR, TRANSLATOR
from mentornet.modules.accounts import invitation_views, views

bp = Blueprint("accounts", __name__, template_folder="templates")
bp.before_app_request(views.require_second_factor)

# The roles of SECOND_FACTOR_ROLES (accounts/models.py).
WITH_SECOND_FACTOR = frozenset({COORDINATOR, ADMIN, TRANSLATOR})

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "login": ANYONE,
    "logout": ANY_ACCOUNT,
    "request_password_reset": ANYONE,
    "reset_password": ANYONE,
    "change_password": ANY_ACCOUNT,
    "login_code": ANYONE,
    "second_factor_page": WITH_SECOND_FACTOR,
    "start_second_factor": WITH_SECOND_FACTOR,
    "confirm_second_factor": WITH_SECOND_FACTOR,
    "renew_recovery_codes": WITH_SECOND_FACTOR,
    "remove_second_factor": WITH_SECOND_FACTOR,
    "accept_invitation": ANYONE,
}

bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/password/reset", view_func=views.request_password_reset, methods=["GET", "POST"])
bp.add_url_rule("/password/reset/new", view_func=views.reset_password, methods=["GET", "POST"])
bp.add_url_rule("/password/change", view_func=views.change_password, methods=["GET", "POST"])
bp.add_url_rule("/login/code", view_func=views.login_code, methods=["GET", "POST"])
bp.add_url_rule("/account/second-factor", view_func=views.second_factor_page)
bp.add_url_rule(
    "/account/second-factor/start", view_func=views.start_second_factor, methods=["POST"]
)
bp.add_url_rule(
    "/account/second-factor/confirm", view_func=views.confirm_second_factor, methods=["POST"]
)
bp.add_url_rule(
    "/account/second-factor/recovery-codes",
    view_func=views.renew_recovery_codes,
    methods=["POST"],
)
bp.add_url_rule(
    "/account/second-factor/remove", view_func=views.remove_second_factor, methods=["POST"]
)
bp.add_url_rule(
    "/invitation", view_func=invitation_views.accept_invitation, methods=["GET", "POST"]
)
