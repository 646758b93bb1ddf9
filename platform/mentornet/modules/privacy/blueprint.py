"""URLs of a member's own data (under /<tenant_slug>/me/data) and of the privacy notice she is
asked to accept (/<tenant_slug>/me/privacy, before any other page once a new version is out)."""

from flask import Blueprint

from mentornet.core.permissions import ANY_ACCOUNT
from mentornet.modules.privacy import views

bp = Blueprint("privacy", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); every account has data of its own.
PERMISSIONS = {
    "my_data": ANY_ACCOUNT,
    "export_data": ANY_ACCOUNT,
    "withdraw_consent": ANY_ACCOUNT,
    "erase_account": ANY_ACCOUNT,
    "notice": ANY_ACCOUNT,
}

bp.add_url_rule("/me/data", view_func=views.my_data)
bp.add_url_rule("/me/data/export.json", view_func=views.export_data)
bp.add_url_rule("/me/data/consents/withdraw", view_func=views.withdraw_consent, methods=["POST"])
bp.add_url_rule("/me/data/erase", view_func=views.erase_account, methods=["GET", "POST"])
bp.add_url_rule("/me/privacy", view_func=views.notice, methods=["GET", "POST"])
bp.before_app_request(views.ask_to_accept_notice)
