"""URLs of the operator console, at /operator on the platform's own hosts (no network prefix)."""

from flask import Blueprint

from mentornet.core.permissions import ANYONE, OPERATORS
from mentornet.modules.operators import views

TENANT_PREFIX = False

bp = Blueprint("operators", __name__, template_folder="templates", url_prefix="/operator")
bp.before_app_request(views.load_operator)

PERMISSIONS = {
    "login": ANYONE,
    "login_code": ANYONE,
    "logout": OPERATORS,
    "networks": OPERATORS,
    "suspend": OPERATORS,
    "resume": OPERATORS,
    "download_pack": OPERATORS,
    "network_figures": OPERATORS,
    "figures_csv": OPERATORS,
    "new_network": OPERATORS,
    "delete_network": OPERATORS,
}

bp.add_url_rule("/login", view_func=views.login, methods=["GET", "POST"])
bp.add_url_rule("/login/code", view_func=views.login_code, methods=["GET", "POST"])
bp.add_url_rule("/logout", view_func=views.logout, methods=["POST"])
bp.add_url_rule("/", view_func=views.networks)
bp.add_url_rule("/networks/<slug>/suspend", view_func=views.suspend, methods=["POST"])
bp.add_url_rule("/networks/<slug>/resume", view_func=views.resume, methods=["POST"])
bp.add_url_rule("/networks/<slug>/tenant.toml", view_func=views.download_pack)
bp.add_url_rule("/networks/<slug>/delete", view_func=views.delete_network, methods=["GET", "POST"])
bp.add_url_rule("/networks/new", view_func=views.new_network, methods=["GET", "POST"])
bp.add_url_rule("/figures", view_func=views.network_figures)
bp.add_url_rule("/figures.csv", view_func=views.figures_csv)
