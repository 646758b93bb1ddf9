"""The network's logo: upload one (checked and re-encoded, tenants/logos.py) or remove it."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentornet.core.errors import DomainError
from mentornet.extensions import db
from mentornet.modules.admin import branding
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.logos import MAX_UPLOAD_BYTES, current_logo
from mentornet.web.boundary import refusal_shows_form
from mentornet.web.forms import empty_form


def logo_page() -> ResponseReturnValue:
    return _render(empty_form(), 200)


def upload_logo() -> ResponseReturnValue:
    form = empty_form()
    refusal_shows_form(form, lambda: _render(form, 422))
    upload = request.files.get("logo")
    if upload is None or not upload.filename:
        raise DomainError(_l("Choose an image file."), field="logo")
    branding.change_logo(
        db.session, g.tenant, upload.stream.read(MAX_UPLOAD_BYTES + 1), current_user
    )
    flash(_("The new logo is shown on every page of the network."), "success")
    return redirect(url_for("admin.logo_page"), 303)


def delete_logo() -> ResponseReturnValue:
    branding.remove_logo(db.session, g.tenant, current_user)
    flash(_("The logo has been removed; the network's name is shown instead."), "info")
    return redirect(url_for("admin.logo_page"), 303)


def _render(form: object, status: int) -> ResponseReturnValue:
    page = render_template("admin/logo.html", form=form, logo=current_logo(db.session, g.tenant))
    return page, status


SECTION = Section(_l("Logo"), "logo_page", 12)
ROUTES = [
    Route("/logo", "logo_page", logo_page),
    Route("/logo/upload", "upload_logo", upload_logo, methods=("POST",)),
    Route("/logo/remove", "delete_logo", delete_logo, methods=("POST",)),
]
