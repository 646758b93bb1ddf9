"""The network's public portal and the member area."""

from __future__ import annotations

from flask import Response, g, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

CYCLE_STEPS = ("meet", "plan", "achieve", "close")


def index() -> ResponseReturnValue:
    return render_template("portal/index.html", cycle_steps=CYCLE_STEPS)


def theme() -> ResponseReturnValue:
    """The network's colours as CSS custom properties (a file, so the CSP needs no inline style)."""
    branding = g.tenant.settings["branding"]
    css = (
        f":root {{ --brand: {branding['primary_color']}; --accent: {branding['accent_color']}; }}\n"
    )
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def me() -> ResponseReturnValue:
    return render_template("portal/me.html", user=current_user)
