"""Platform-level URLs that belong to no tenant."""

from flask import Blueprint

from mentornet.web import views

bp = Blueprint("web", __name__)

bp.add_url_rule("/", view_func=views.landing)
bp.add_url_rule("/healthz", view_func=views.healthz)
bp.add_url_rule("/readyz", view_func=views.readyz)
