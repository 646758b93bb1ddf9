"""URLs of the events module (under /<tenant_slug>); for now only its templates (the e-mails)."""

from flask import Blueprint

bp = Blueprint("events", __name__, template_folder="templates")

PERMISSIONS: dict[str, frozenset[str]] = {}
