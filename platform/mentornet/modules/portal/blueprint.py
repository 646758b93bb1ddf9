"""URLs of the public portal and the member area (under /<tenant_slug>)."""

from flask import Blueprint

from mentornet.modules.portal import views

bp = Blueprint("portal", __name__, template_folder="templates")

bp.add_url_rule("/", view_func=views.index)
bp.add_url_rule("/theme.css", view_func=views.theme)
bp.add_url_rule("/me/", view_func=views.me)
